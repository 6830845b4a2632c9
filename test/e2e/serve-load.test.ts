import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL } from '../../src/store/store.js';
import { startServer } from '../helpers/server.js';
import { stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((made) => {
  home = made;
});

// Every write goes through the store's locked update, the CLI's and the server's alike: with
// 40 HTTP writers and CLI writers at once, every start is stored with its own ID, none lost.
test('40 concurrent HTTP writers plus 8 CLI writers lose nothing', async () => {
  const server = await startServer(home, { env: { STINT_LOCK_WAIT_MS: '60000' } });
  try {
    const http = Array.from({ length: 40 }, (_, i) => server.request('POST', '/sessions/start', { body: { task_name: `web-${i}` } }));
    const cli = Array.from({ length: 8 }, (_, i) => stint(['start', `cli-${i}`, '--json'], { home, env: { STINT_LOCK_WAIT_MS: '60000' } }));
    const [replies, runs] = await Promise.all([Promise.all(http), Promise.all(cli)]);
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(runs.map((r) => r.code)).toEqual(Array(8).fill(0));
    const ids = [
      ...replies.map((r) => (r.body as { session_id: number }).session_id),
      ...runs.map((r) => (JSON.parse(r.stdout) as { session_id: number }).session_id),
    ].sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));

    // Then 40 stops over HTTP at once, each of its own session.
    const stops = await Promise.all(ids.slice(0, 40).map((id) => server.request('POST', `/sessions/${id}/stop`)));
    expect(stops.map((r) => r.status)).toEqual(Array(40).fill(200));
    const listed = (await server.request('GET', '/sessions?status=running')).body as { total: number };
    expect(listed.total).toBe(8);
  } finally {
    await server.stop();
  }
  const stored = await createFileStore(home).read(ALL);
  expect(stored.sessions).toHaveLength(48);
  expect(stored.sessions.filter((s) => s.status === 'completed')).toHaveLength(40);
  // 88 locked, flushed commits one after another: on a loaded 2-core machine that takes a while.
}, 180_000);

test('bad input over a real socket gets the error shapes and the server keeps answering', async () => {
  const server = await startServer(home);
  try {
    const cases: [string, string, string | undefined, number][] = [
      ['POST', '/sessions/start', '{"task_name":', 400],
      ['POST', '/sessions/start', 'x'.repeat(5 * 1024 * 1024), 413],
      ['POST', '/sessions/start', '{"task_name": ["coding"]}', 400],
      ['POST', '/sessions/12345/stop', undefined, 404],
      ['GET', '/sessions/12345', undefined, 404],
      ['PATCH', '/api/v1/sessions/12345/end', '{"status":"completed"}', 404],
      ['POST', '/api/v1/sessions/complete', '{"session_id":1,"duration_seconds":-1,"completion_status":"completed"}', 422],
      ['GET', '/api/v1/tasks/77', undefined, 404],
    ];
    for (const [method, path, body, status] of cases) {
      const reply = await server.request(method, path, body === undefined ? {} : { body });
      expect(reply.status, `${method} ${path}`).toBe(status);
      expect(reply.body, `${method} ${path}`).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    expect((await server.request('POST', '/sessions/start', { body: { task_name: 'coding' } })).status).toBe(201);
  } finally {
    await server.stop();
  }
}, 90_000);

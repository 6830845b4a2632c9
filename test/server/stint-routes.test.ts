import { describe, expect, test } from 'vitest';
import { makeData, makeSession, localSession } from '../helpers/factories.js';
import { harness as cliHarness } from '../helpers/in-process.js';
import { expectResponseMatches } from '../helpers/openapi.js';
import { serverHarness, type ServerHarness } from '../helpers/server.js';

const NOW = '2026-01-15T16:30:00Z';

function data() {
  const sessions = [
    localSession('2026-01-13', '09:00', 90, { id: 1, task: 'coding', tags: ['work'] }),
    localSession('2026-01-14', '09:00', 45, { id: 2, task: 'writing', as: 'partial' }),
    localSession('2026-01-15', '08:00', 60, { id: 3, task: 'coding', tags: ['work'] }),
  ];
  sessions.push(makeSession({ id: 10, task: 'review', started_at: '2026-01-15T15:00:00Z', stopped_at: null, status: 'running' }));
  return makeData(sessions);
}

const server = () => serverHarness({ now: NOW, data: data() });

/** Sends the request, checks the reply against the served OpenAPI document, and returns it. */
async function call(h: ServerHarness, method: string, path: string, body?: unknown) {
  const doc = (await h.request('GET', '/api/openapi.json')).body as object;
  const reply = await h.request(method, path, body === undefined ? {} : { body });
  expectResponseMatches(doc, method, path, reply.status, reply.body);
  return reply;
}

describe("stint's own API answers as documented", () => {
  test.each([
    ['/api/stint/status', 200],
    ['/api/stint/sessions', 200],
    ['/api/stint/sessions?task=coding&tag=work&status=completed&limit=1', 200],
    ['/api/stint/sessions?period=week', 200],
    ['/api/stint/sessions?from=2026-01-14&to=2026-01-15', 200],
    ['/api/stint/report', 200],
    ['/api/stint/report?period=week&by=day', 200],
    ['/api/stint/report?from=2026-01-01&by=tag', 200],
    ['/api/stint/stats', 200],
    ['/api/stint/badges', 200],
    ['/api/stint/sessions?status=done', 400],
    ['/api/stint/sessions?limit=-1', 400],
    ['/api/stint/sessions?colour=red', 400],
    // Filters no name could match, refused as the CLI's list refuses them.
    ['/api/stint/sessions?task=ab', 400],
    ['/api/stint/sessions?tag=', 400],
    ['/api/stint/report?by=week', 400],
    ['/api/stint/report?period=week&from=2026-01-01', 400],
    ['/api/stint/stats?x=1', 400],
    ['/api/stint/jobs/1/history', 404],
    ['/api/stint/jobs/abc/history', 400],
    ['/api/stint/jobs/0/history', 400],
  ])('GET %s → %i', async (path, status) => {
    expect((await call(server(), 'GET', path)).status).toBe(status);
  });

  test('each read is what the CLI prints with --json', async () => {
    const h = server();
    const cli = cliHarness({ now: NOW, data: data() });
    for (const [path, argv] of [
      ['/api/stint/status', ['status', '--json']],
      ['/api/stint/sessions?tag=work', ['list', '--tag', 'work', '--json']],
      ['/api/stint/report?period=week&by=day', ['report', '--week', '--by', 'day', '--json']],
      ['/api/stint/stats', ['stats', '--json']],
      ['/api/stint/badges', ['badges', '--json']],
    ] as const) {
      expect((await h.request('GET', path)).body, path).toEqual(JSON.parse((await cli.run(...argv)).stdout));
    }
  });

  test('a job history', async () => {
    const h = server();
    await h.store.jobs.update((jobs) => {
      jobs.jobs.push({
        id: 1,
        name: 'nightly',
        description: null,
        type: 'summary',
        schedule: '@daily',
        config: { target: '/tmp/x.md' },
        enabled: true,
        created_at: '2026-01-10T00:00:00Z',
        updated_at: '2026-01-10T00:00:00Z',
        last_run: '2026-01-14T23:00:00Z',
        runs: { completed: 1, failed: 0 },
      });
      jobs.next_job_id = 2;
      jobs.executions.push({
        id: 1,
        job_id: 1,
        status: 'completed',
        started_at: '2026-01-14T23:00:00Z',
        completed_at: '2026-01-14T23:00:01Z',
        result: 'wrote it',
        error: null,
      });
      jobs.next_execution_id = 2;
    });
    const reply = await call(h, 'GET', '/api/stint/jobs/1/history?limit=5');
    expect(reply.body).toMatchObject({ executions: [{ execution_id: 1, result: 'wrote it' }] });
  });
});

describe('the timer writes the dashboard sends', () => {
  test('start, pause, resume and stop, each undoable by the CLI', async () => {
    const h = server();
    const started = await call(h, 'POST', '/api/stint/sessions/start', { task: 'design', tags: ['ui'], note: 'colours' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ session_id: 11, task_name: 'design', status: 'running', tags: ['ui'], note: 'colours' });
    h.setNow('2026-01-15T16:40:00Z');
    expect((await call(h, 'POST', '/api/stint/sessions/11/pause')).body).toMatchObject({ status: 'paused' });
    h.setNow('2026-01-15T16:45:00Z');
    expect((await call(h, 'POST', '/api/stint/sessions/11/resume', {})).body).toMatchObject({ status: 'running' });
    h.setNow('2026-01-15T17:00:00Z');
    const stopped = await call(h, 'POST', '/api/stint/sessions/11/stop');
    expect(stopped.body).toMatchObject({ status: 'completed', duration_seconds: 25 * 60, paused_seconds: 5 * 60 });
    expect(await h.store.undo()).toBe('stop #11 design');
  });

  test.each([
    ['a second pause', '/api/stint/sessions/10/resume', undefined, 409],
    ['an unknown session', '/api/stint/sessions/99/stop', undefined, 404],
    ['a bad ID', '/api/stint/sessions/01/stop', undefined, 400],
    ['a body with a field', '/api/stint/sessions/10/stop', { at: 'yesterday' }, 400],
    ['a start without task', '/api/stint/sessions/start', {}, 400],
    ['a start with a bad task', '/api/stint/sessions/start', { task: 'a\u0007b' }, 400],
    ['a start with tags not a list', '/api/stint/sessions/start', { task: 'x', tags: 'ui' }, 400],
    ['malformed JSON', '/api/stint/sessions/start', '{"task":', 400],
  ])('%s is refused and the store is unchanged', async (_name, path, body, status) => {
    const h = server();
    const before = await h.store.read({ kind: 'all' });
    expect((await call(h, 'POST', path, body)).status).toBe(status);
    expect(await h.store.read({ kind: 'all' })).toEqual(before);
  });

  test('an unknown action is not a route', async () => {
    expect((await server().request('POST', '/api/stint/sessions/10/explode')).status).toBe(404);
  });
});

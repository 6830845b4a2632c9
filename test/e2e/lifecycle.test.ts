import { expect, test } from 'vitest';
import type { Session } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL } from '../../src/store/store.js';
import { makeSession } from '../helpers/factories.js';
import { seedStore } from '../helpers/seed.js';
import { seedWith } from '../helpers/in-home.js';
import { snapshotDir, stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

test('the lifecycle through the built bin', async () => {
  const run = (now: string, ...args: string[]) => stint(args, { home, now });
  const json = async (now: string, ...args: string[]) => JSON.parse((await run(now, ...args, '--json')).stdout);

  expect(await json('2026-03-29T00:00:00Z', 'start', 'deep-work', '--for', '25m', '--tag', 'focus')).toMatchObject({
    session_id: 1,
    planned_seconds: 1500,
    tags: ['focus'],
  });
  expect((await run('2026-03-29T00:10:00Z', 'start', 'other', '--for', '45m')).code).toBe(4);
  expect((await run('2026-03-29T00:10:00Z', 'pause')).code).toBe(0);
  // Spring forward in Paris happens at 01:00Z; pauses and durations are real time.
  expect(await json('2026-03-29T01:30:00Z', 'resume')).toMatchObject({ paused_seconds: 4800, duration_seconds: 600 });
  expect(await json('2026-03-29T01:50:00Z', 'stop', '--as', 'partial')).toMatchObject({ status: 'partial', duration_seconds: 1800 });
  expect(await json('2026-03-29T02:00:00Z', 'start', 'email', '--at', '03:55')).toMatchObject({ started_at: '2026-03-29T03:55:00+02:00' });
  const before = snapshotDir(home);
  const refused = await run('2026-03-29T02:00:00Z', 'stop', '--at', 'yesterday 17:00');
  expect(refused.code).toBe(2);
  expect(snapshotDir(home)).toEqual(before);
  expect((await json('2026-03-29T02:10:00Z', 'start', 'review', '--switch')).session_id).toBe(3);
  expect(await json('2026-03-29T02:10:00Z', 'show', '2')).toMatchObject({ status: 'completed', duration_seconds: 900 });
  expect(await json('2026-03-29T02:20:00Z', 'abandon')).toMatchObject({ session_id: 3, status: 'abandoned' });
});

test('20 processes pausing, resuming and stopping the same sessions at once leave a valid store', async () => {
  const now = '2026-01-15T10:00:00Z';
  // Five running sessions, seeded through the store: starting them is tested above.
  await seedStore(
    home,
    Array.from({ length: 5 }, (_, i) =>
      makeSession({
        id: i + 1,
        uid: `task-${i}`,
        task: `task-${i}`,
        started_at: '2026-01-15T09:00:00Z',
        stopped_at: null,
        status: 'running',
      }),
    ),
  );
  const verbs = ['pause', 'resume', 'pause', 'stop'];
  const ops = Array.from({ length: 20 }, (_, i) => ({ verb: verbs[i % verbs.length] as string, id: (i % 5) + 1 }));
  const results = await Promise.all(ops.map((op) => stint([op.verb, String(op.id), '--json'], { home, now })));
  for (const r of results) expect([0, 4]).toContain(r.code);

  const data = await createFileStore(home).read(ALL);
  expect(data.sessions).toHaveLength(5);
  for (const session of data.sessions) {
    const mine = ops.map((op, i) => ({ ...op, ok: results[i]?.code === 0 })).filter((op) => op.id === session.id && op.ok);
    const count = (verb: string) => mine.filter((op) => op.verb === verb).length;
    // Every successful pause is one pause entry; nothing was lost or applied twice.
    expect(session.pauses).toHaveLength(count('pause'));
    expect(count('stop')).toBeLessThanOrEqual(1);
    expect(session.stopped_at !== null).toBe(count('stop') === 1);
    assertConsistent(session);
  }
});

function assertConsistent(session: Session): void {
  const open = session.pauses.filter((p) => p.ended_at === null);
  expect(open.length).toBeLessThanOrEqual(1);
  if (session.status === 'paused') expect(session.pauses.at(-1)?.ended_at).toBeNull();
  if (session.status === 'running') expect(open).toEqual([]);
  if (session.stopped_at !== null) expect(open).toEqual([]);
  for (const p of session.pauses) {
    expect(p.started_at >= session.started_at).toBe(true);
    if (p.ended_at) expect(p.ended_at >= p.started_at).toBe(true);
  }
}

test('config set persists in config.json (0600) and steers status', async () => {
  const { statSync } = await import('node:fs');
  const { join } = await import('node:path');
  await seedWith(['start', 'coding'], { home, now: '2026-01-15T08:00:00Z' });
  expect((await stint(['config', 'set', 'forgotten_after', '1h'], { home })).code).toBe(0);
  expect(statSync(join(home, 'config.json')).mode & 0o777).toBe(0o600);
  expect((await stint(['config', 'get', 'forgotten_after'], { home })).stdout).toBe('1h\n');
  const status = await stint(['status'], { home, now: '2026-01-15T09:30:00Z' });
  expect(status.stderr).toMatch(/has been running for 1h 30m; was it forgotten\?/);
});

test('add, edit and continue through the bin', async () => {
  const now = '2026-01-15T13:30:00Z';
  const json = async (...args: string[]) => JSON.parse((await stint([...args, '--json'], { home, now })).stdout);
  expect(
    await json('add', 'writing', '--from', 'yesterday 09:00', '--to', 'yesterday 11:00', '--tag', 'book', '--note', 'ch. 3'),
  ).toMatchObject({ session_id: 1, duration_seconds: 7200 });
  expect(await json('edit', '1', '--stop', 'yesterday 11:30')).toMatchObject({ duration_seconds: 9000, tags: ['book'] });
  expect((await stint(['edit', '1', '--stop', 'yesterday 08:00'], { home, now })).code).toBe(2);
  expect(await json('continue')).toMatchObject({ session_id: 2, task_name: 'writing', tags: ['book'], note: 'ch. 3', status: 'running' });
});

import { createFileStore } from '../../src/store/file-store.js';
import { ALL } from '../../src/store/store.js';
import { expect, test } from 'vitest';
import { seedWith } from '../helpers/in-home.js';
import { stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

test('20 starts launched at once all succeed with IDs 1..20, none twice', async () => {
  const n = 20;
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) => stint(['start', `task-${i}`, '--json'], { home, now: '2026-01-15T13:30:00Z' })),
  );
  for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });
  const reported = results.map((r) => JSON.parse(r.stdout) as { session_id: number; task_name: string });
  expect(reported.map((s) => s.session_id).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));

  const stored = await createFileStore(home).read(ALL);
  expect(stored.next_id).toBe(n + 1);
  expect(stored.sessions).toHaveLength(n);
  const byId = new Map(stored.sessions.map((s) => [s.id, s.task]));
  for (const s of reported) expect(byId.get(s.session_id)).toBe(s.task_name);
});

test('concurrent stops of different sessions keep every change', async () => {
  const now = '2026-01-15T13:30:00Z';
  // Started in-process (the same command on the same files): the stops are what runs at once.
  for (let i = 0; i < 8; i += 1) await seedWith(['start', `task-${i}`], { home, now });
  const results = await Promise.all(
    Array.from({ length: 8 }, (_, i) => stint(['stop', String(i + 1)], { home, now: '2026-01-15T14:30:00Z' })),
  );
  expect(results.map((r) => r.code)).toEqual(Array(8).fill(0));
  const list = JSON.parse((await seedWith(['list', '--status', 'completed', '--json'], { home, now })).stdout);
  expect(list.total).toBe(8);
});

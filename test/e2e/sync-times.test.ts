import { join } from 'node:path';
import { expect, test } from 'vitest';
import { stint, useWorkDir } from '../helpers/spawn.js';

// Through the built bin: the start moved later on one device and a stop made before it on
// another (SPEC: edits of different fields are both kept, and every device shows the same
// sessions) never make a session that stops before it starts: the later change keeps its value.

let work = '';
useWorkDir('stint-sync-times-', (dir) => (work = dir));

const at = (hhmm: string) => `2026-03-02T${hhmm}:00Z`;
/** 09:45Z as the JSON shows it in the tests' zone (Europe/Paris). */
const PARIS_0945 = '2026-03-02T10:45:00+01:00';
const on = (device: string, now: string, ...args: string[]) => stint(args, { home: join(work, device), now: at(now) });

test('a start moved past a stop made elsewhere: both devices show the same valid session', async () => {
  const shared = join(work, 'shared');
  expect((await on('a', '09:00', 'start', 'coding')).code).toBe(0);
  expect((await on('a', '09:00', 'sync', '--folder', shared, '--device', 'a')).code).toBe(0);
  expect((await on('b', '09:01', 'sync', '--folder', shared, '--device', 'b')).code).toBe(0);
  expect((await on('a', '10:30', 'edit', '1', '--start', at('10:00'))).code).toBe(0);
  // b stops it at 09:45, told at 10:40: the later change, so the start goes back to the stop.
  expect((await on('b', '10:40', 'stop', '--at', at('09:45'))).code).toBe(0);
  for (const [device, now] of [
    ['a', '11:00'],
    ['b', '11:00'],
    ['a', '11:01'],
  ] as const) {
    const synced = await on(device, now, 'sync');
    expect(synced.stderr).toBe('');
  }
  for (const device of ['a', 'b']) {
    const listed = JSON.parse((await on(device, '11:02', 'list', '--json')).stdout) as { sessions: Record<string, unknown>[] };
    expect(listed.sessions).toMatchObject([
      { task_name: 'coding', started_at: PARIS_0945, stopped_at: PARIS_0945, status: 'completed', device: 'a' },
    ]);
  }
});

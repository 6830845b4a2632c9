import { expect, test } from 'vitest';
import { makeSession } from '../helpers/factories.js';
import { seedStore } from '../helpers/seed.js';
import { seedWith, stintIn } from '../helpers/in-home.js';
import { stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

const NOW = '2026-01-15T13:30:00Z';
const run = (...args: string[]) => stint(args, { home, now: NOW });
/** Everything a user can see of the store, read in-process (the commands under test are spawned). */
const state = async () => JSON.parse((await seedWith(['list', '--json'], { home, now: NOW })).stdout);
const seed = (...args: string[]) => seedWith(args, { home, now: NOW });

// The undo runs through the bin every time; the change it undoes too for start and stop (the hot
// path, which the bin may serve without the full CLI), in-process on the same files for the rest.
test.each([
  ['start', ['start', 'writing', '--tag', 'book'], stint],
  ['stop', ['stop', '2'], stint],
  ['pause', ['pause', '2'], stintIn],
  ['edit', ['edit', '1', '--task', 'review', '--start', '08:30', '--note', 'moved'], stintIn],
  ['rm', ['rm', '1'], stintIn],
  ['add', ['add', 'meeting', '--from', '2025-12-31T10:00:00Z', '--to', '2025-12-31T11:00:00Z'], stintIn],
])('undo after %s restores the exact previous state', async (_name, args, how) => {
  // History in two months plus a running session, so every kind of file is involved; written
  // through the store (the commands that make it are tested elsewhere), as they would leave it.
  await seedStore(home, [
    makeSession({ id: 1, uid: 'coding', task: 'coding', started_at: '2026-01-15T08:00:00Z', stopped_at: '2026-01-15T09:00:00Z' }),
    makeSession({ id: 2, uid: 'email', task: 'email', started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running' }),
    makeSession({ id: 3, uid: 'old', task: 'old', started_at: '2025-11-03T08:00:00Z', stopped_at: '2025-11-03T09:00:00Z' }),
  ]);
  const before = await state();
  expect((await how(args, { home, now: NOW })).code).toBe(0);
  expect(await state()).not.toEqual(before);
  const undone = await run('undo');
  expect(undone.code).toBe(0);
  expect(undone.stdout).toMatch(new RegExp(`^Undid ${args[0]} `));
  expect(await state()).toEqual(before);
});

test('repeated undo walks further back; the ID counter never goes back', async () => {
  await seed('start', 'coding');
  await seed('stop');
  await seed('start', 'email');
  expect(JSON.parse((await run('undo', '--json')).stdout)).toEqual({ undone: 'start #2 email' });
  expect(JSON.parse((await run('undo', '--json')).stdout)).toEqual({ undone: 'stop #1 coding' });
  expect(JSON.parse((await run('undo', '--json')).stdout)).toEqual({ undone: 'start #1 coding' });
  expect((await state()).total).toBe(0);
  const nothing = await run('undo');
  expect(nothing).toMatchObject({ code: 4, stderr: 'stint: Nothing to undo: No change left to undo (the last 50 are kept)\n' });
  // IDs 1 and 2 were handed out once; they are not handed out again.
  expect(JSON.parse((await run('start', 'again', '--json')).stdout).session_id).toBe(3);
});

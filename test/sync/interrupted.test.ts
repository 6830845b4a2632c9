import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import type { Store } from '../../src/store/store.js';
import { harnessOn } from '../helpers/in-process.js';
import { useWorkDir } from '../helpers/spawn.js';
import { killedBeforeCommit, killedOnce } from '../helpers/sync.js';

// A sync killed after recording its merge is finished by the next one. Whatever was done here
// in between (a stop, a removal, an edit back) is a local change made after that merge: it is
// kept and sent, never overwritten by the merge being finished. The kill lands either after the
// store's commit (the merged state's write fails) or before it (the merge recorded, not made).

let work = '';
useWorkDir('stint-sync-interrupted-', (dir) => (work = dir));

const at = (hhmm: string) => `2026-11-20T${hhmm}:00Z`;

function device(name: string) {
  const home = join(work, name);
  const store = createFileStore(home);
  const h = harnessOn(store, { now: at('11:00'), realFiles: true, uidPrefix: name });
  const on = async (hhmm: string, ...argv: string[]) => {
    h.setNow(at(hhmm));
    const result = await h.run(...argv);
    expect(result.stderr).toBe('');
    return result;
  };
  /** One sync through a store that is killed as `kill` says. */
  const killed = async (hhmm: string, kill: (store: Store) => Store) => {
    const k = harnessOn(kill(store), { now: at(hhmm), realFiles: true, uidPrefix: name });
    expect((await k.run('sync')).code).toBe(1);
    expect(JSON.parse(readFileSync(join(home, 'sync.json'), 'utf8')).pending).not.toBeNull();
  };
  const view = async () =>
    JSON.parse((await on('12:00', 'list', '--json')).stdout)
      .sessions.map((s: Record<string, unknown>) => [s.task_name, s.status, s.note])
      .sort();
  return { on, killed, view };
}

async function twoDevices() {
  const [a, b] = [device('a'), device('b')];
  await a.on('11:00', 'start', 'run1');
  await a.on('11:01', 'sync', '--folder', join(work, 'shared'), '--device', 'lap');
  await b.on('11:02', 'sync', '--folder', join(work, 'shared'), '--device', 'desk');
  return { a, b };
}

const kills = [
  ['after the store commit', killedOnce],
  ['before the store commit', killedBeforeCommit],
] as const;

test.each(kills)('killed %s: a stop made before the next sync survives, on both devices', async (_when, kill) => {
  const { a, b } = await twoDevices();
  await b.on('11:03', 'edit', '1', '--note', 'fromB');
  await b.on('11:03', 'add', 'meeting', '--from', at('09:00'), '--to', at('10:00'));
  await b.on('11:04', 'sync');
  await a.killed('11:05', kill);
  await a.on('11:30', 'stop', '1');
  expect((await a.on('11:45', 'sync')).stdout).toMatch(/1 change out/);
  await b.on('11:46', 'sync');
  const expected = [
    ['meeting', 'completed', null],
    ['run1', 'completed', 'fromB'],
  ];
  expect(await a.view()).toEqual(expected);
  expect(await b.view()).toEqual(expected);
});

// After the commit, what arrived is here: removing it, or setting a field back, is a change of
// this device's own, later than the merge.
test('a session that arrived and was removed here before the merge was finished stays removed, everywhere', async () => {
  const { a, b } = await twoDevices();
  await b.on('11:03', 'add', 'mistake', '--from', at('09:00'), '--to', at('10:00'));
  await b.on('11:04', 'sync');
  await a.killed('11:05', killedOnce);
  await a.on('11:30', 'rm', '2');
  await a.on('11:45', 'sync');
  await b.on('11:46', 'sync');
  expect(await a.view()).toEqual([['run1', 'running', null]]);
  expect(await b.view()).toEqual([['run1', 'running', null]]);
});

test('a field set back here, before the merge was finished, to what it was before keeps that value', async () => {
  const { a, b } = await twoDevices();
  await b.on('11:03', 'edit', '1', '--task', 'renamed');
  await b.on('11:04', 'sync');
  await a.killed('11:05', killedOnce);
  await a.on('11:30', 'edit', '1', '--task', 'run1');
  await a.on('11:45', 'sync');
  await b.on('11:46', 'sync');
  expect(await a.view()).toEqual([['run1', 'running', null]]);
  expect(await b.view()).toEqual([['run1', 'running', null]]);
});

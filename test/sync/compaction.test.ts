import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { execProgram, realFiles } from '../../src/cli/deps.js';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL } from '../../src/store/store.js';
import { runSync } from '../../src/sync/run.js';
import { harnessOn } from '../helpers/in-process.js';
import { useWorkDir } from '../helpers/spawn.js';

// A device folds its old segments into a snapshot once it has enough of them (here 3): a new
// device reads the snapshot and what came after; one that had read part of the old segments
// reads the snapshot too, and nothing changes twice.

let work = '';
useWorkDir('stint-sync-compact-', (dir) => (work = dir));

const NOW = '2026-03-02T10:00:00Z';

function device(name: string) {
  const home = join(work, name);
  const store = createFileStore(home);
  const h = harnessOn(store, { now: NOW, realFiles: true, uidPrefix: name });
  let uid = 0;
  const sync = (setup = false) =>
    runSync(
      {
        store,
        files: realFiles,
        exec: execProgram,
        env: {},
        dataDir: home,
        now: () => new Date(NOW),
        newUid: () => `${name}-s${++uid}`,
        compactAfter: 3,
      },
      setup ? { kind: 'folder', url: join(work, 'shared'), device: name } : undefined,
    );
  const view = async () =>
    (await store.read(ALL)).sessions
      .map(({ uid: u, task, note, device: from }) => ({ u, task, note, from }))
      .sort((x, y) => x.u.localeCompare(y.u));
  return { h, sync, view };
}

const log = (name: string) => readdirSync(join(work, 'shared', 'devices', name, 'log')).sort();

test('old segments fold into a snapshot; new and half-way readers converge through it', async () => {
  const [a, half] = [device('a'), device('half')];
  await a.sync(true);
  await half.sync(true);
  for (const task of ['one', 'two']) {
    expect((await a.h.run('add', task, '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z')).code).toBe(0);
    await a.sync();
  }
  // `half` reads the first two segments, then a edits one and removes the other.
  expect((await half.sync()).received).toBe(2);
  expect((await a.h.run('edit', '1', '--note', 'kept')).code).toBe(0);
  expect((await a.h.run('rm', '2')).code).toBe(0);
  expect((await a.sync()).sent).toBe(2);
  expect(log('a')).toHaveLength(1);
  expect(log('a')[0]).toMatch(/^snapshot-\d{15}\.\d{6}\.a\.json$/);
  await a.h.run('add', 'three', '--from', '2026-03-01T11:00:00Z', '--to', '2026-03-01T12:00:00Z');
  await a.sync();
  expect(log('a')).toHaveLength(2); // the snapshot and the segment after it

  const fresh = device('fresh');
  expect(await fresh.sync(true)).toMatchObject({ received: expect.any(Number), added: 2 });
  expect(await half.sync()).toMatchObject({ added: 1, updated: 1, removed: 1 });
  const expected = [
    { u: 'a-1', task: 'one', note: 'kept', from: 'a' },
    { u: 'a-3', task: 'three', note: null, from: 'a' },
  ];
  for (const d of [a, fresh, half]) expect(await d.view()).toEqual(expected);
  // Again: nothing new, nothing changes.
  expect(await half.sync()).toMatchObject({ received: 0, sent: 0, added: 0, updated: 0, removed: 0 });
});

test('a snapshot a killed compaction left beside the newer one that folds it is removed by the next compaction', async () => {
  const a = device('a');
  await a.sync(true);
  const add = async (task: string) => {
    expect((await a.h.run('add', task, '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z')).code).toBe(0);
    await a.sync();
  };
  for (const task of ['one', 'two', 'three']) await add(task);
  expect(log('a')).toEqual([expect.stringMatching(/^snapshot-/)]);
  // As a compaction killed after writing its snapshot, before removing the previous one, leaves it.
  const stale = 'snapshot-000000000000001.000000.a.json';
  writeFileSync(join(work, 'shared', 'devices', 'a', 'log', stale), '{}\n');
  for (const task of ['four', 'five', 'six']) await add(task);
  expect(log('a')).toEqual([expect.stringMatching(/^snapshot-\d{15}\.\d{6}\.a\.json$/)]);
  const fresh = device('fresh');
  expect(await fresh.sync(true)).toMatchObject({ added: 6 });
});

import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { execProgram, realFiles } from '../../src/cli/deps.js';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL } from '../../src/store/store.js';
import { runSync } from '../../src/sync/run.js';
import { harnessOn } from '../helpers/in-process.js';
import { useWorkDir } from '../helpers/spawn.js';

// A replicated folder (Syncthing, Dropbox) carries a compaction file by file, in any order: a
// reader may see the snapshot beside the segments it folds, or the segments gone and the
// snapshot not yet there. Neither may lose a change or apply one twice. The reader syncs through
// a copy of the shared folder made by hand at each of those instants.

let work = '';
useWorkDir('stint-sync-replica-', (dir) => (work = dir));

const NOW = '2026-03-02T10:00:00Z';

function device(name: string, folder: string) {
  const home = join(work, name);
  const store = createFileStore(home);
  const h = harnessOn(store, { now: NOW, realFiles: true, uidPrefix: name });
  let uid = 0;
  const sync = (compactAfter: number, setup = false) =>
    runSync(
      {
        store,
        files: realFiles,
        exec: execProgram,
        env: {},
        dataDir: home,
        now: () => new Date(NOW),
        newUid: () => `${name}-s${++uid}`,
        compactAfter,
      },
      setup ? { kind: 'folder', url: join(work, folder), device: name } : undefined,
    );
  const view = async () =>
    (await store.read(ALL)).sessions.map(({ uid: u, task, note }) => ({ u, task, note })).sort((x, y) => x.u.localeCompare(y.u));
  return { h, sync, view };
}

const logOf = (folder: string) => join(work, folder, 'devices', 'a', 'log');
/** The reader's copy of a's log made to hold exactly these of a's files (from `kept`, a's files over time). */
function replicate(kept: string, names: string[]) {
  rmSync(logOf('mirror'), { recursive: true, force: true });
  mkdirSync(logOf('mirror'), { recursive: true });
  for (const name of names) cpSync(join(kept, name), join(logOf('mirror'), name));
}

test.each([
  [
    'the snapshot arrives beside the segments it folds, which go later',
    (segments: string[], snapshot: string) => [[...segments, snapshot], [snapshot]],
  ],
  ['the segments go before the snapshot arrives', (_segments: string[], snapshot: string) => [[], [snapshot]]],
])('%s: the reader loses nothing and applies nothing twice', async (_what, order) => {
  const a = device('a', 'shared');
  await a.sync(100, true);
  const kept = join(work, 'kept');
  mkdirSync(kept);
  const keep = () => cpSync(logOf('shared'), kept, { recursive: true });
  for (const task of ['one', 'two']) {
    await a.h.run('add', task, '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z');
    await a.sync(100);
    keep();
  }
  const segments = readdirSync(kept).sort();
  cpSync(join(work, 'shared'), join(work, 'mirror'), { recursive: true });
  const reader = device('r', 'mirror');
  expect(await reader.sync(100, true)).toMatchObject({ added: 2 });
  await a.h.run('edit', '1', '--note', 'kept');
  await a.h.run('rm', '2');
  await a.h.run('add', 'three', '--from', '2026-03-01T11:00:00Z', '--to', '2026-03-01T12:00:00Z');
  await a.sync(100);
  keep();
  const all = readdirSync(kept).sort();
  expect(await a.sync(3)).toMatchObject({ sent: 0 });
  const [snapshot] = readdirSync(logOf('shared'));
  expect(snapshot).toMatch(/^snapshot-/);
  cpSync(join(logOf('shared'), snapshot as string), join(kept, snapshot as string));
  expect(all).toHaveLength(segments.length + 1);
  for (const names of order(all, snapshot as string)) {
    replicate(kept, names);
    await reader.sync(100);
    // Never less than it had: nothing of a's is removed before a's removal has arrived.
    expect((await reader.view()).length).toBeGreaterThanOrEqual(1);
  }
  expect(await reader.view()).toEqual(await a.view());
  expect(await reader.view()).toEqual([
    { u: 'a-1', task: 'one', note: 'kept' },
    { u: 'a-3', task: 'three', note: null },
  ]);
  expect(await reader.sync(100)).toMatchObject({ received: 0, added: 0, updated: 0, removed: 0 });
});

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { execProgram, realFiles } from '../../src/cli/deps.js';
import { createFileStore } from '../../src/store/file-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { runSync } from '../../src/sync/run.js';
import { harnessOn } from '../helpers/in-process.js';
import { useWorkDir } from '../helpers/spawn.js';

// Two devices through a folder, each command at its own time. A device's changes are stamped
// field by field with when each changed there (its undo history), so an unrelated later edit of
// one field does not carry an earlier change of another past a change made elsewhere in between;
// and an undo is a change made when it was made, not at the restored session's updated_at.

let work = '';
useWorkDir('stint-sync-stamps-', (dir) => (work = dir));

const at = (hhmm: string) => `2026-11-20T${hhmm}:00Z`;

function device(name: string, kind: 'file' | 'memory') {
  let now = new Date(at('11:00'));
  const seam = { now: () => now };
  const store: Store = kind === 'file' ? createFileStore(join(work, name), seam) : createMemoryStore(null, seam);
  const h = harnessOn(store, { now: at('11:00'), realFiles: true, uidPrefix: name });
  const run = async (hhmm: string, ...argv: string[]) => {
    now = new Date(at(hhmm));
    h.setNow(at(hhmm));
    const result = await h.run(...argv);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result;
  };
  const shown = async (hhmm: string) => JSON.parse((await run(hhmm, 'list', '--json')).stdout).sessions;
  return { run, shown, setup: (hhmm: string) => run(hhmm, 'sync', '--folder', join(work, 'shared'), '--device', name) };
}

test.each(['file', 'memory'] as const)('a later stop beats an earlier pause sent with a later note edit (%s store)', async (kind) => {
  const [lap, desk] = [device('lap', kind), device('desk', kind)];
  await lap.run('11:10', 'start', 'run1');
  await lap.setup('11:11');
  await desk.setup('11:11');
  await desk.run('11:15', 'pause', '1');
  await lap.run('11:20', 'stop', '1');
  await desk.run('11:25', 'edit', '1', '--note', 'later note');
  await lap.run('11:30', 'sync');
  await desk.run('11:30', 'sync');
  await lap.run('11:30', 'sync');
  const expected = [
    expect.objectContaining({ task_name: 'run1', status: 'completed', duration_seconds: 600, paused_seconds: 0, note: 'later note' }),
  ];
  expect(await lap.shown('11:30')).toEqual(expected);
  expect(await desk.shown('11:30')).toEqual(expected);
});

test.each(['file', 'memory'] as const)('an undo at 11:40 beats an edit made elsewhere at 11:30 (%s store)', async (kind) => {
  const [lap, desk] = [device('lap', kind), device('desk', kind)];
  await lap.run('11:10', 'start', 'run1');
  await lap.setup('11:11');
  await desk.setup('11:11');
  await lap.run('11:20', 'edit', '1', '--note', 'y');
  await lap.run('11:21', 'sync');
  await desk.run('11:22', 'sync');
  await desk.run('11:30', 'edit', '1', '--note', 'z');
  await lap.run('11:40', 'undo');
  await lap.run('11:45', 'sync');
  await desk.run('11:46', 'sync');
  await lap.run('11:47', 'sync');
  for (const d of [lap, desk]) expect(await d.shown('11:47')).toEqual([expect.objectContaining({ note: null, status: 'running' })]);
});

test('a change made while a sync publishes is stamped at its own time by the next sync, not taken for an undo', async () => {
  // The desk's sync reads its changes at 11:30:00 and pushes until 11:30:20; a stop is made there
  // at 11:30:10, meanwhile. The lap abandons the same session at 11:35: the later change wins.
  execFileSync('git', ['init', '-q', '--bare', join(work, 'remote.git')]);
  const made = (name: string) => {
    let now = new Date(at('11:00'));
    const store = createFileStore(join(work, name), { now: () => now });
    const h = harnessOn(store, { now: at('11:00'), realFiles: true, uidPrefix: name });
    const set = (iso: string) => {
      now = new Date(iso);
      h.setNow(iso);
    };
    let uid = 0;
    const sync = (exec = execProgram, setup = false) =>
      runSync(
        {
          store,
          files: realFiles,
          exec,
          env: { PATH: process.env.PATH ?? '' },
          dataDir: join(work, name),
          now: () => now,
          newUid: () => `${name}-n${++uid}`,
        },
        setup ? { kind: 'git', url: join(work, 'remote.git'), device: name } : undefined,
      );
    return { h, set, sync };
  };
  const [lap, desk] = [made('lap'), made('desk')];
  lap.set(at('11:10'));
  await lap.h.run('start', 'run1');
  await lap.sync(execProgram, true);
  desk.set(at('11:11'));
  await desk.sync(execProgram, true);
  await desk.h.run('edit', '1', '--note', 'n');
  desk.set(at('11:30'));
  let stopped = false;
  await desk.sync(async (file, args, options) => {
    if (args.includes('push') && !stopped) {
      stopped = true;
      desk.set('2026-11-20T11:30:10Z');
      expect((await desk.h.run('stop', '1')).code).toBe(0);
      desk.set('2026-11-20T11:30:20Z');
    }
    return execProgram(file, args, options);
  });
  lap.set(at('11:31'));
  await lap.sync();
  lap.set(at('11:35'));
  await lap.h.run('stop', '1', '--as', 'abandoned');
  desk.set(at('11:40'));
  await desk.sync();
  await lap.sync();
  await desk.sync();
  for (const d of [lap, desk]) {
    expect(JSON.parse((await d.h.run('list', '--json')).stdout).sessions).toEqual([
      expect.objectContaining({ task_name: 'run1', status: 'abandoned', note: 'n' }),
    ]);
  }
});

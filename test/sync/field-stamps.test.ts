import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
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

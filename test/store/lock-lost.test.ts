import { afterEach, describe, expect, test, vi } from 'vitest';
import { startSession } from '../../src/core/session.js';
import { ACTIVE, type Store } from '../../src/store/store.js';
import { at } from '../helpers/factories.js';
import { useTempStore } from '../helpers/seed.js';
import { snapshotDir } from '../helpers/spawn.js';

// The lock is lost when its directory no longer names this process: taken over after it was
// judged abandoned (the machine stalled, say). Waiting for that for real takes seconds and luck,
// so the check is told when to fail; lock-owner.test.ts loses one for real, by its owner file.
const lockState = vi.hoisted(() => ({ lost: false }));
vi.mock('../../src/store/lock-holder.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/store/lock-holder.js')>();
  return { ...real, namesHolder: (dir: string, line: string | null) => !lockState.lost && real.namesHolder(dir, line) };
});

let home = '';
let store: Store;
useTempStore((dir, made) => {
  home = dir;
  store = made;
});
afterEach(() => {
  lockState.lost = false;
});

const start = (task: string) => (data: Parameters<typeof startSession>[0]) =>
  startSession(data, { task, uid: `uid-${task}` }, at('2026-01-15T13:30:00Z'));

describe('a lock lost while a change is being made', () => {
  test('commits nothing and is a store error naming the lock', async () => {
    await store.update(ACTIVE, start('coding'));
    const before = snapshotDir(home);
    const change = store.update(ACTIVE, (data) => {
      lockState.lost = true;
      return start('reading')(data);
    });
    await expect(change).rejects.toMatchObject({ code: 'store', title: 'Lock lost', message: expect.stringContaining('stint.lock') });
    expect(snapshotDir(home)).toEqual(before);
  });

  test('undo under a lost lock restores nothing', async () => {
    await store.update(ACTIVE, start('coding'), () => 'start coding');
    const before = snapshotDir(home);
    lockState.lost = true;
    await expect(store.undo()).rejects.toMatchObject({ code: 'store', title: 'Lock lost' });
    expect(snapshotDir(home)).toEqual(before);
  });

  test('a lock kept to the end commits as usual', async () => {
    await store.update(ACTIVE, start('coding'));
    await store.update(ACTIVE, start('reading'));
    expect((await store.read(ACTIVE)).sessions.map((s) => s.task)).toEqual(['coding', 'reading']);
  });
});

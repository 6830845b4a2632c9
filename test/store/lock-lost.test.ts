import { afterEach, describe, expect, test, vi } from 'vitest';
import { startSession } from '../../src/core/session.js';
import { ACTIVE, type Store } from '../../src/store/store.js';
import { at } from '../helpers/factories.js';
import { useTempStore } from '../helpers/seed.js';
import { snapshotDir } from '../helpers/spawn.js';

// proper-lockfile calls onCompromised when it finds, on a refresh, that the lock is no longer
// ours (taken over as stale after the machine stalled, say). Waiting for that for real takes
// seconds and luck, so the library is replaced by one that locks nothing and lets a test say
// when the lock is lost.
const lockState = vi.hoisted(() => ({ compromise: (_error: Error) => undefined as void, lostAtOnce: false }));
vi.mock('proper-lockfile', () => ({
  default: {
    lock: async (_dir: string, options: { onCompromised: (error: Error) => void }) => {
      lockState.compromise = options.onCompromised;
      if (lockState.lostAtOnce) options.onCompromised(new Error('lock taken over'));
      return async () => undefined;
    },
  },
}));

let home = '';
let store: Store;
useTempStore((dir, made) => {
  home = dir;
  store = made;
});
afterEach(() => {
  lockState.compromise = () => undefined;
  lockState.lostAtOnce = false;
});

const start = (task: string) => (data: Parameters<typeof startSession>[0]) =>
  startSession(data, { task, uid: `uid-${task}` }, at('2026-01-15T13:30:00Z'));

describe('a lock lost while a change is being made', () => {
  test('commits nothing and is a store error naming the lock', async () => {
    await store.update(ACTIVE, start('coding'));
    const before = snapshotDir(home);
    const change = store.update(ACTIVE, (data) => {
      lockState.compromise(new Error('Unable to update lock within the stale threshold'));
      return start('reading')(data);
    });
    await expect(change).rejects.toMatchObject({ code: 'store', title: 'Lock lost', message: expect.stringContaining('stint.lock') });
    expect(snapshotDir(home)).toEqual(before);
  });

  test('undo under a lost lock restores nothing', async () => {
    await store.update(ACTIVE, start('coding'), () => 'start coding');
    const before = snapshotDir(home);
    lockState.lostAtOnce = true;
    await expect(store.undo()).rejects.toMatchObject({ code: 'store', title: 'Lock lost' });
    expect(snapshotDir(home)).toEqual(before);
  });

  test('a lock kept to the end commits as usual', async () => {
    await store.update(ACTIVE, start('coding'));
    await store.update(ACTIVE, start('reading'));
    expect((await store.read(ACTIVE)).sessions.map((s) => s.task)).toEqual(['coding', 'reading']);
  });
});

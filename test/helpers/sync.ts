import { basename, join } from 'node:path';
import { execProgram, realFiles } from '../../src/cli/deps.js';
import type { Files } from '../../src/jobs/files.js';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL, type Store } from '../../src/store/store.js';
import { runSync } from '../../src/sync/run.js';
import type { Exec } from '../../src/sync/transport.js';
import { harnessOn } from './in-process.js';
import { snapshotDir } from './spawn.js';

/**
 * A store whose first write of sync's merged state fails, as a kill right after the store's
 * commit would leave it: the sync stops with its outbox recorded, unsent; later writes go through.
 */
export function killedOnce(store: Store): Store {
  let killed = false;
  return {
    ...store,
    sync: {
      ...store.sync,
      async put(merged, local) {
        if (!killed) {
          killed = true;
          throw new Error('killed');
        }
        return store.sync.put(merged, local);
      },
    },
  };
}

/**
 * A store whose first commit is never made, as a kill after the sync recorded its merge (in
 * sync.json, from inside the change) and before the store's commit would leave it.
 */
export function killedBeforeCommit(store: Store): Store {
  let killed = false;
  return {
    ...store,
    async update(scope, change, describe, options) {
      if (killed) return store.update(scope, change, describe, options);
      killed = true;
      return store.update(
        scope,
        async (data) => {
          await change(data);
          throw new Error('killed');
        },
        describe,
        options,
      );
    },
  };
}

/** git that never reads the user's configuration. */
export const GIT_ENV = { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/**
 * A device (a file store in `dir/name`) syncing through the bare repository `dir/remote.git` by
 * runSync itself, with the exec and files given (real ones by default): a test fakes failures there.
 */
export function gitDevice(dir: string, name: string) {
  const home = join(dir, name);
  const store = createFileStore(home);
  const h = harnessOn(store, { now: NOW, realFiles: true, uidPrefix: name });
  let uid = 0;
  const sync = (seam: { exec?: Exec; files?: Files } = {}, device?: string) =>
    runSync(
      {
        store,
        files: seam.files ?? realFiles,
        exec: seam.exec ?? execProgram,
        env: GIT_ENV,
        dataDir: home,
        now: () => new Date(NOW),
        newUid: () => `${name}-n${++uid}`,
      },
      device === undefined ? undefined : { kind: 'git', url: join(dir, 'remote.git'), device },
    );
  const tasks = async () => (await store.read(ALL)).sessions.map((s) => s.task).sort();
  return { h, home, store, sync, tasks, clone: join(home, 'sync-git') };
}

const NOW = '2026-03-02T10:00:00Z';

/** Every file of a data directory and its bytes, but sync.json (and its backup), which records a failure. */
export function snapshotButSyncJson(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshotDir(dir)).filter(([path]) => !basename(path).startsWith('sync.json')));
}

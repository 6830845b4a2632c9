import type { Store } from '../../src/store/store.js';

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

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { keyed } from '../../src/core/sync/merge.js';
import { emptySyncData } from '../../src/core/sync/state.js';
import { createFileStore } from '../../src/store/file-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { SYNC_STATE_DIR } from '../../src/store/sync-shards.js';
import { useTempHome } from '../helpers/spawn.js';

// A store moving to another remote forgets what sync recorded (`stint sync … --move`): the merged
// state, the place lists, the outbox and sync.json. Both stores must forget alike.

let home = '';
useTempHome((dir) => (home = dir));

const entry = { fields: { task: ['coding', '001772445600000.000000.a'] }, born: '001772445600000.000000.a', deleted: null };
const outbox = { name: '001772445600000.000000.a.json', changes: [{ uid: 'u1', at: '001772445600000.000000.a', deleted: true as const }] };

test.each<[string, () => Store]>([
  ['file store', () => createFileStore(home)],
  ['memory store', () => createMemoryStore()],
])('forget, %s: entries, place lists, outbox and sync.json all gone', async (name, make) => {
  const store = make();
  await store.sync.exclusive(async () => {
    await store.sync.put(keyed({ u1: entry }) as never, keyed({ u1: [1, 'active', 'digest'] }));
    await store.sync.write({ ...emptySyncData(), device: 'a', remote: { kind: 'folder', url: '/x' }, revision: 7, outbox });
    expect(await store.sync.filed(['active'])).toEqual({ u1: 'digest' });
    await store.sync.forget();
    expect(await store.sync.entries(['u1'])).toEqual({ merged: {}, local: {} });
    expect(await store.sync.filed(['active'])).toEqual({});
  });
  expect(await store.sync.read()).toEqual(emptySyncData());
  if (name === 'file store') expect(readdirSync(join(home, SYNC_STATE_DIR))).toEqual([]);
});

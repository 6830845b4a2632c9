import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { emptySyncData, type SyncData } from '../../src/core/sync/state.js';
import { createFileStore } from '../../src/store/file-store.js';
import { SERVER_FILE, TOKEN_FILE } from '../../src/store/paths.js';
import { ALL } from '../../src/store/store.js';
import { SYNC_LOCK } from '../../src/store/sync-file.js';
import { history, seedStore } from '../helpers/seed.js';
import { useWorkDir } from '../helpers/spawn.js';

// A sync replaces sync.json's outbox and removes the one it named: a backup copying the store
// meanwhile could hold a sync.json naming an outbox it does not hold. Backups take sync.lock.

let work = '';
useWorkDir('stint-backup-sync-', (dir) => (work = dir));

const stamp = (n: number) => `${String(n).padStart(15, '0')}.000000.a`;
const withOutbox = (n: number): SyncData => ({
  ...emptySyncData(),
  device: 'a',
  outbox: { name: `${stamp(n)}.json`, changes: [{ uid: `gone-${n}`, at: stamp(n), deleted: true }] },
});

async function waitFor(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

test('a backup started during a sync waits for it: the copy holds the sync state it left, outbox and all', async () => {
  const home = join(work, 'data');
  await seedStore(home, history(3));
  const store = createFileStore(home);
  await store.sync.exclusive(() => store.sync.write(withOutbox(1)));
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const sync = store.sync.exclusive(async () => {
    await gate;
    await store.sync.write(withOutbox(2));
  });
  await waitFor(() => existsSync(join(home, SYNC_LOCK)));
  const target = join(work, 'copy');
  let copied = false;
  const backup = store.backupTo(target).then((result) => {
    copied = true;
    return result;
  });
  // However long the sync takes, the backup must not copy under it.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(copied).toBe(false);
  release();
  await sync;
  await backup;
  const copy = createFileStore(target);
  expect((await copy.sync.read()).outbox).toEqual(withOutbox(2).outbox);
  // The lock itself is not part of the copy: a restored store would start locked.
  expect(readdirSync(target)).not.toContain(SYNC_LOCK);
});

test('with no sync running, a backup copies the sync state at once', async () => {
  const home = join(work, 'data');
  await seedStore(home, history(2));
  const store = createFileStore(home);
  await store.sync.exclusive(() => store.sync.write(withOutbox(5)));
  const target = join(work, 'copy');
  expect(await store.backupTo(target)).toMatchObject({ files: expect.any(Number) });
  expect((await createFileStore(target).sync.read()).outbox).toEqual(withOutbox(5).outbox);
});

test("the local server's token and claim stay out of a backup: a password, and a process a restored copy would not have", async () => {
  const home = join(work, 'data');
  await seedStore(home, history(2));
  writeFileSync(join(home, TOKEN_FILE), 'secret\n', { mode: 0o600 });
  writeFileSync(join(home, SERVER_FILE), '{"pid":1,"port":1}\n', { mode: 0o600 });
  const target = join(work, 'copy');
  await createFileStore(home).backupTo(target);
  expect(readdirSync(target)).not.toContain(TOKEN_FILE);
  expect(readdirSync(target)).not.toContain(SERVER_FILE);
  expect(readdirSync(target)).toContain('state.json');
  expect((await createFileStore(target).read(ALL)).sessions).toHaveLength(2);
});

import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { emptySyncData } from '../../src/core/sync/state.js';
import { SYNC_STATE_DIR } from '../../src/store/sync-shards.js';
import { harnessOn } from '../helpers/in-process.js';
import { history, seedStore } from '../helpers/seed.js';
import { useWorkDir } from '../helpers/spawn.js';
import { killedOnce } from '../helpers/sync.js';

// The changes a sync has to send (at a first sync, the whole history) are kept in a file of their
// own, written once, and sync.json only names it: sync.json is written three times a sync.

let work = '';
useWorkDir('stint-sync-outbox-', (dir) => (work = dir));

const NOW = '2026-03-02T10:00:00Z';

const outboxes = (home: string) => readdirSync(join(home, SYNC_STATE_DIR)).filter((n) => n.includes('outbox'));

async function killedFirstSync() {
  const home = join(work, 'a');
  const shared = join(work, 'shared');
  await seedStore(home, history(600));
  const store = createFileStore(home);
  const killed = harnessOn(killedOnce(store), { now: NOW, realFiles: true, uidPrefix: 'a' });
  expect((await killed.run('sync', '--folder', shared, '--device', 'a')).code).toBe(1);
  return { home, shared, a: harnessOn(store, { now: NOW, realFiles: true, uidPrefix: 'a' }) };
}

test('a first sync killed with 600 changes unsent: sync.json holds none, they wait in one 0600 file, sent once by the next sync', async () => {
  const { home, shared, a } = await killedFirstSync();
  const state = JSON.parse(readFileSync(join(home, 'sync.json'), 'utf8'));
  // It names the outbox; the changes themselves are not in it (the pending merge's uids are).
  expect(readFileSync(join(home, 'sync.json'), 'utf8')).not.toContain('"set"');
  expect(state.outbox).toEqual({ name: expect.stringMatching(/\.a\.json$/), count: 600 });
  expect(outboxes(home)).toEqual([`outbox-${state.outbox.name}`]);
  expect(statSync(join(home, SYNC_STATE_DIR, `outbox-${state.outbox.name}`)).mode & 0o777).toBe(0o600);
  expect(statSync(join(home, SYNC_STATE_DIR)).mode & 0o777).toBe(0o700);
  for (const name of readdirSync(join(home, SYNC_STATE_DIR))) expect(statSync(join(home, SYNC_STATE_DIR, name)).mode & 0o777).toBe(0o600);
  // Once, though the changes since the last sync still look unsent until the merge is finished;
  // the sync that sends them says so.
  expect(JSON.parse((await a.run('sync', 'status', '--json')).stdout)).toMatchObject({ unsent: 600 });
  expect(JSON.parse((await a.run('sync', '--json')).stdout)).toMatchObject({ sent: 600 });
  // Sent: the file goes with it, and sync.json no longer names one.
  expect(outboxes(home)).toEqual([]);
  expect(JSON.parse(readFileSync(join(home, 'sync.json'), 'utf8')).outbox).toBeNull();
  const b = harnessOn(createFileStore(join(work, 'b')), { now: NOW, realFiles: true, uidPrefix: 'b' });
  expect(JSON.parse((await b.run('sync', '--folder', shared, '--device', 'b', '--json')).stdout)).toMatchObject({ added: 600 });
  expect(JSON.parse((await a.run('sync', '--json')).stdout)).toMatchObject({ sent: 0, received: 0 });
  // What sync writes to the shared folder is private too: folders 0700, files 0600.
  for (const entry of readdirSync(shared, { recursive: true, withFileTypes: true })) {
    const mode = statSync(join(entry.parentPath, entry.name)).mode & 0o777;
    expect([entry.name, mode]).toEqual([entry.name, entry.isDirectory() ? 0o700 : 0o600]);
  }
});

test.each([
  ['missing', (path: string) => rmSync(path), 'missing (sync.json names it)'],
  ['cut short', (path: string) => writeFileSync(path, readFileSync(path, 'utf8').slice(0, 500)), 'not valid JSON'],
  [
    'holding fewer changes than sync.json names',
    (path: string) => {
      const raw = JSON.parse(readFileSync(path, 'utf8'));
      writeFileSync(path, JSON.stringify({ ...raw, changes: raw.changes.slice(1) }));
    },
    'not the outbox sync.json names (600 changes)',
  ],
])('an outbox %s stops sync and sync status loudly (exit 1, naming it); nothing is overwritten', async (_what, damage, why) => {
  const { home, a } = await killedFirstSync();
  const name = JSON.parse(readFileSync(join(home, 'sync.json'), 'utf8')).outbox.name;
  const path = join(home, SYNC_STATE_DIR, `outbox-${name}`);
  damage(path);
  const before = readFileSync(join(home, 'sync.json'));
  for (const argv of [['sync'], ['sync', 'status']]) {
    const refused = await a.run(...argv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`stint: Store unreadable: ${path}: ${why}`);
  }
  expect(readFileSync(join(home, 'sync.json'))).toEqual(before);
});

// Version 2 (the outbox inline) existed only between two branches and was never released.
const INLINE = { name: '001772359200000.000000.a.json', changes: [{ uid: 'x', at: '001772359200000.000000.a', deleted: true }] };
test.each([
  ['2 (the outbox inline, never released)', 2, INLINE, 'unknown version'],
  ['2, without an outbox', 2, null, 'unknown version'],
  ['1', 1, null, 'unknown version'],
  ['"3" (a string)', '3', null, 'unknown version'],
  ['missing', undefined, null, 'unknown version'],
  ['4 (a newer stint)', 4, null, 'written by a newer stint; upgrade stint'],
])(
  'a sync.json of version %s is refused by sync and sync status (exit 1, naming it), never overwritten',
  async (_what, version, outbox, why) => {
    const home = join(work, 'a');
    const state = { ...emptySyncData(), device: 'a', remote: { kind: 'folder', url: join(work, 'shared') }, outbox };
    mkdirSync(home, { mode: 0o700 });
    writeFileSync(join(home, 'sync.json'), JSON.stringify({ version, ...state }));
    const before = readFileSync(join(home, 'sync.json'));
    const a = harnessOn(createFileStore(home), { now: NOW, realFiles: true, uidPrefix: 'a' });
    for (const argv of [['sync'], ['sync', 'status']]) {
      const refused = await a.run(...argv);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`stint: Store unreadable: ${join(home, 'sync.json')}: ${why}`);
    }
    expect(readFileSync(join(home, 'sync.json'))).toEqual(before);
  },
);

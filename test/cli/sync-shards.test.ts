import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL } from '../../src/store/store.js';
import { SYNC_STATE_DIR, shardOf } from '../../src/store/sync-shards.js';
import { harnessOn } from '../helpers/in-process.js';
import { history, seedStore } from '../helpers/seed.js';
import { useWorkDir } from '../helpers/spawn.js';
import { killedOnce } from '../helpers/sync.js';

// The merged state is split by uid (sync-state/shard-<xx>.json) so that a sync reads and writes
// only what its changes touch: here checked by which files a sync rewrites (new inode on rename).

let work = '';
useWorkDir('stint-sync-shards-', (dir) => (work = dir));

const NOW = '2026-03-02T10:00:00Z';
const inodes = (dir: string) => new Map(readdirSync(dir).map((name) => [name, statSync(join(dir, name)).ino]));
const rewritten = (before: Map<string, number>, after: Map<string, number>) =>
  [...after].filter(([name, ino]) => before.get(name) !== ino).map(([name]) => name);

test('after one change, a sync rewrites only the shard of that session and the lists of its places', async () => {
  const home = join(work, 'a');
  await seedStore(home, history(600));
  const a = harnessOn(createFileStore(home), { now: NOW, realFiles: true, uidPrefix: 'a' });
  expect((await a.run('sync', '--folder', join(work, 'shared'), '--device', 'a')).code).toBe(0);
  const dir = join(home, SYNC_STATE_DIR);
  const before = inodes(dir);
  expect([...before.keys()].filter((n) => n.startsWith('shard-')).length).toBeGreaterThan(150);
  await a.run('start', 'coding');
  await a.run('stop');
  const synced = await a.run('sync');
  expect(synced.stdout).toMatch(/1 change out/);
  const uid = JSON.parse((await a.run('show', '601', '--json')).stdout).uid as string;
  // The session was filed as active when it started, in its month once stopped: only those lists.
  expect(rewritten(before, inodes(dir)).sort()).toEqual([`filed-2026-03.json`, `shard-${shardOf(uid)}.json`]);
  // sync.json stays small whatever the history: the merged state is not in it.
  expect(statSync(join(home, 'sync.json')).size).toBeLessThan(2000);
});

test('killed after the store commit, before the merged state is written: the next sync finishes it, sending nothing back', async () => {
  const shared = join(work, 'shared');
  const [aHome, bHome] = [join(work, 'a'), join(work, 'b')];
  const b = harnessOn(createFileStore(bHome), { now: NOW, realFiles: true, uidPrefix: 'b' });
  await b.run('add', 'meeting', '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z');
  await b.run('start', 'coding');
  expect((await b.run('sync', '--folder', shared, '--device', 'b')).code).toBe(0);
  const aStore = createFileStore(aHome);
  const a = harnessOn(aStore, { now: NOW, realFiles: true, uidPrefix: 'a' });
  expect((await a.run('sync', '--folder', shared, '--device', 'a')).code).toBe(0);
  await a.run('edit', '2', '--note', 'from a');
  await b.run('edit', '1', '--task', 'standup');
  expect((await b.run('sync')).code).toBe(0);
  const killed = harnessOn(killedOnce(aStore), { now: NOW, realFiles: true, uidPrefix: 'a' });
  expect((await killed.run('sync')).code).toBe(1);
  expect(JSON.parse(readFileSync(join(aHome, 'sync.json'), 'utf8')).pending).not.toBeNull();
  const rerun = await a.run('sync', '--json');
  expect(rerun.stderr).toBe('');
  const again = JSON.parse(rerun.stdout);
  // Finished, not redone: what it sends is a's own note (the outbox), nothing of b's as a's own.
  expect(again).toMatchObject({ sent: 1 });
  expect(JSON.parse((await b.run('sync', '--json')).stdout)).toMatchObject({ sent: 0, received: 1 });
  expect(JSON.parse((await a.run('sync', '--json')).stdout)).toMatchObject({ sent: 0, received: 0 });
  const view = async (home: string) =>
    (await createFileStore(home).read(ALL)).sessions
      .map(({ uid, task, note }) => ({ uid, task, note }))
      .sort((x, y) => x.uid.localeCompare(y.uid));
  expect(await view(aHome)).toEqual(await view(bHome));
  expect((await view(aHome)).map((s) => [s.task, s.note])).toEqual([
    ['standup', null],
    ['coding', 'from a'],
  ]);
});

test.each([
  ['sync.json', (home: string) => join(home, 'sync.json')],
  ['a shard', (home: string) => join(home, SYNC_STATE_DIR, `shard-${shardOf('a-1')}.json`)],
  ['a place list', (home: string) => join(home, SYNC_STATE_DIR, 'filed-active.json')],
])('%s that cannot be read stops every sync loudly (exit 1, naming it) and is never overwritten', async (_what, fileOf) => {
  const home = join(work, 'a');
  const a = harnessOn(createFileStore(home), { now: NOW, realFiles: true, uidPrefix: 'a' });
  await a.run('start', 'coding');
  expect((await a.run('sync', '--folder', join(work, 'shared'), '--device', 'a')).code).toBe(0);
  await a.run('stop');
  const file = fileOf(home);
  writeFileSync(file, '{"version": 2, "device": ');
  const before = readFileSync(file);
  for (const argv of [['sync'], ['sync', 'status']]) {
    const refused = await a.run(...argv);
    expect(refused.code).toBe(1);
    expect(refused.stderr.startsWith(`stint: Store unreadable: ${file}: not valid JSON`)).toBe(true);
    expect(refused.stderr.endsWith('; the file was left untouched\n')).toBe(true);
    expect(readFileSync(file)).toEqual(before);
  }
});

test('a failed sync records its error as it records everything: atomic, durable, 0600, nothing half-written left', async () => {
  const home = join(work, 'a');
  const shared = join(work, 'shared');
  const a = harnessOn(createFileStore(home), { now: NOW, realFiles: true, uidPrefix: 'a' });
  expect((await a.run('sync', '--folder', shared, '--device', 'a')).code).toBe(0);
  rmSync(shared, { recursive: true });
  const failed = await a.run('sync');
  expect(failed).toMatchObject({
    code: 1,
    stderr: `stint: Sync folder missing: ${shared} is not a folder; mount or create it, then run stint sync again\n`,
  });
  const state = JSON.parse(readFileSync(join(home, 'sync.json'), 'utf8'));
  expect(state.last_error).toEqual({
    at: NOW,
    message: `Sync folder missing: ${shared} is not a folder; mount or create it, then run stint sync again`,
    hint: 'check that the folder is there and writable, then run stint sync again',
  });
  expect(statSync(join(home, 'sync.json')).mode & 0o777).toBe(0o600);
  expect(readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  expect(JSON.parse((await a.run('sync', 'status', '--json')).stdout).last_error.hint).toMatch(/check that the folder is there/);
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { harnessOn } from '../helpers/in-process.js';
import { useWorkDir } from '../helpers/spawn.js';
import { snapshotButSyncJson } from '../helpers/sync.js';

// The shared root is written by other machines (or anyone with push access): what it holds is
// checked before it is read. A file that is not a plain file of a sane size, or a folder that is
// a link, stops the sync with one line naming it (exit 1), and the store is left byte for byte.

let work = '';
useWorkDir('stint-sync-hostile-', (dir) => (work = dir));

const NOW = '2026-03-02T10:00:00Z';
const SEGMENT = '020260302100000.000000.b.json';

async function twoDevices() {
  const shared = join(work, 'shared');
  const home = join(work, 'a');
  const a = harnessOn(createFileStore(home), { now: NOW, realFiles: true, uidPrefix: 'a' });
  await a.run('add', 'meeting', '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z');
  expect((await a.run('sync', '--folder', shared, '--device', 'a')).code).toBe(0);
  const b = harnessOn(createFileStore(join(work, 'b')), { now: NOW, realFiles: true, uidPrefix: 'b' });
  expect((await b.run('sync', '--folder', shared, '--device', 'b')).code).toBe(0);
  await a.run('start', 'coding');
  return { a, home, log: join(shared, 'devices', 'b', 'log'), devices: join(shared, 'devices') };
}

const outside = () => {
  const file = join(work, 'secret.json');
  writeFileSync(file, '{"version":1,"device":"b","changes":[]}\n');
  return file;
};

test.each([
  ['a segment that is not JSON', (log: string) => writeFileSync(join(log, SEGMENT), 'junk'), 'not JSON'],
  ['a segment that is a link', (log: string) => symlinkSync(outside(), join(log, SEGMENT)), 'not a plain file'],
  ['a segment that is a folder', (log: string) => mkdirSync(join(log, SEGMENT)), 'not a plain file'],
  [
    'a segment that is a named pipe (a read would wait for ever)',
    (log: string) => execFileSync('mkfifo', [join(log, SEGMENT)]),
    'not a plain file',
  ],
  [
    'a segment larger than any history (read whole, it would exhaust memory)',
    (log: string) => {
      writeFileSync(join(log, SEGMENT), '');
      truncateSync(join(log, SEGMENT), 300 * 1024 * 1024);
    },
    'larger than 256 MiB',
  ],
])('%s is refused, naming it (exit 1), the store unchanged', async (_what, plant, why) => {
  const { a, home, log } = await twoDevices();
  plant(log);
  const before = snapshotButSyncJson(home);
  const refused = await a.run('sync');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(new RegExp(`^stint: Bad sync log: ${join(log, SEGMENT).replaceAll('.', '\\.')}: ${why}`));
  expect(refused.stderr.split('\n')).toHaveLength(2);
  expect(snapshotButSyncJson(home)).toEqual(before);
});

test.each([
  ['a device folder that is a link', (devices: string) => symlinkSync(join(devices, 'b'), join(devices, 'c')), 'c'],
  [
    "a device's log folder that is a link",
    (devices: string) => {
      mkdirSync(join(devices, 'c'));
      symlinkSync(join(devices, 'b', 'log'), join(devices, 'c', 'log'));
    },
    join('c', 'log'),
  ],
])('%s is refused, naming it (exit 1), the store unchanged', async (_what, plant, name) => {
  const { a, home, devices } = await twoDevices();
  plant(devices);
  const before = snapshotButSyncJson(home);
  const refused = await a.run('sync');
  expect(refused).toMatchObject({ code: 1 });
  expect(refused.stderr).toMatch(new RegExp(`^stint: Bad sync log: ${join(devices, name).replaceAll('.', '\\.')}: not a folder`));
  expect(snapshotButSyncJson(home)).toEqual(before);
});

test('junk beside the logs (a stray file, a folder not named as a device) is passed over', async () => {
  const { a, devices, log } = await twoDevices();
  writeFileSync(join(devices, 'README'), 'hello');
  mkdirSync(join(devices, '.git-junk'));
  writeFileSync(join(log, 'notes.txt'), 'x');
  expect((await a.run('sync')).code).toBe(0);
  expect(statSync(join(log, 'notes.txt')).size).toBe(1);
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { gitRemote } from '../../src/cli/commands/sync.js';
import { harness } from '../helpers/in-process.js';
import { useWorkDir } from '../helpers/spawn.js';

let work = '';
useWorkDir('stint-sync-cli-', (dir) => (work = dir));

let devices = 0;
function device(now = '2026-03-02T10:00:00Z') {
  devices += 1;
  return harness({ now, realFiles: true, uidPrefix: `d${devices}` });
}

test.each([
  [['sync'], 'stint: Sync not set up: run stint sync --git <url> or stint sync --folder <path> first\n'],
  [['sync', 'status'], 'stint: Sync not set up: run stint sync --git <url> or stint sync --folder <path> first\n'],
  [['sync', '--git', 'x', '--folder', 'y'], 'stint: Invalid options: give --git or --folder, not both\n'],
  [['sync', '--device', 'laptop'], 'stint: Invalid options: --device names this device the first time, with --git or --folder\n'],
  [
    ['sync', '--folder', '/tmp', '--device', '-bad'],
    "stint: Invalid device name: '-bad': use letters, digits, '.', '_' and '-' (up to 63)\n",
  ],
  [['sync', '--folder', '', '--device', 'a'], 'stint: Invalid folder: give the path of the folder to sync through\n'],
  [
    ['sync', '--folder', '/home/tester/.stint', '--device', 'a'],
    'stint: Invalid folder: /home/tester/.stint is in the data directory /home/tester/.stint; choose a folder outside it\n',
  ],
  [
    ['sync', '--folder', '/home/tester/.stint/shared'],
    'stint: Invalid folder: /home/tester/.stint/shared is in the data directory /home/tester/.stint; choose a folder outside it\n',
  ],
  [['sync', 'status', '--git', '/x'], 'stint: Invalid options: sync status only reports; --git goes to stint sync itself\n'],
  [['sync', 'status', '--folder', '/x'], 'stint: Invalid options: sync status only reports; --folder goes to stint sync itself\n'],
  [['sync', 'status', '--device', 'a'], 'stint: Invalid options: sync status only reports; --device goes to stint sync itself\n'],
  [['sync', 'status', '--move'], 'stint: Invalid options: sync status only reports; --move goes to stint sync itself\n'],
  [['sync', '--git', ''], "stint: Invalid remote: '' is not a git URL; give one git clone accepts (ssh, https, a path)\n"],
  [
    ['sync', '--git', '--upload-pack=touch pwned'],
    "stint: Invalid remote: '--upload-pack=touch pwned' is not a git URL; give one git clone accepts (ssh, https, a path)\n",
  ],
])('%j is refused with exit 2, nothing written', async (argv, stderr) => {
  const h = device();
  const result = await h.run(...argv);
  expect(result).toEqual({ code: 2, stdout: '', stderr });
  expect(await h.store.sync.read()).toMatchObject({ device: null, remote: null });
});

test('a folder that is a file is refused (exit 2, JSON on stderr), a relative one is kept absolute', async () => {
  const file = join(work, 'notes.txt');
  writeFileSync(file, 'x\n');
  const h = device();
  const refused = await h.run('sync', '--folder', file, '--device', 'a', '--json');
  expect(refused).toEqual({
    code: 2,
    stdout: '',
    stderr: `${JSON.stringify({ error: 'Invalid folder', message: `${file} is not a folder` })}\n`,
  });
  expect(await h.store.sync.read()).toMatchObject({ device: null, remote: null });
  const rel = relative(process.cwd(), join(work, 'rel'));
  expect(rel.startsWith('/')).toBe(false);
  expect((await h.run('sync', '--folder', rel, '--device', 'a')).code).toBe(0);
  expect((await h.store.sync.read()).remote).toEqual({ kind: 'folder', url: join(work, 'rel') });
});

test('a relative path to a git repository is kept absolute, as a folder is; URLs and scp forms as given', async () => {
  const repo = join(work, 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', repo]);
  const rel = relative(process.cwd(), repo);
  expect(rel.startsWith('/')).toBe(false);
  const env = { PATH: process.env.PATH ?? '' };
  const h = harness({ now: '2026-03-02T10:00:00Z', realFiles: true, env, dataDir: join(work, 'data') });
  expect((await h.run('sync', '--git', rel, '--device', 'a')).stderr).toBe('');
  expect((await h.store.sync.read()).remote).toEqual({ kind: 'git', url: repo });
});

test.each([
  ['../r.git', '<cwd>/../r.git'],
  ['r.git', '<cwd>/r.git'],
  ['./host:r.git', '<cwd>/host:r.git'],
  ['/srv/r.git', '/srv/r.git'],
  ['git@example.com:me/r.git', 'git@example.com:me/r.git'],
  ['example.com:r.git', 'example.com:r.git'],
  ['ssh://example.com/r.git', 'ssh://example.com/r.git'],
  ['https://example.com/me/r.git', 'https://example.com/me/r.git'],
  ['file:///srv/r.git', 'file:///srv/r.git'],
])('the git remote %s is stored as %s', (given, stored) => {
  expect(gitRemote(given, () => false)).toBe(stored.startsWith('<cwd>') ? join(process.cwd(), stored.slice('<cwd>/'.length)) : stored);
});

test('a folder named like an scp remote that exists here is taken for the folder it is', () => {
  expect(gitRemote('host:r.git', (path) => path === join(process.cwd(), 'host:r.git'))).toBe(join(process.cwd(), 'host:r.git'));
});

test('a device name differing only in case from one already syncing is taken (exit 4, nothing written)', async () => {
  const shared = join(work, 'shared');
  const [a, b] = [device(), device()];
  expect((await a.run('sync', '--folder', shared, '--device', 'Laptop')).code).toBe(0);
  const twin = await b.run('sync', '--folder', shared, '--device', 'laptop');
  expect(twin).toEqual({
    code: 4,
    stdout: '',
    stderr: `stint: Device name taken: a device named Laptop already syncs through ${shared}; choose another with --device <name>\n`,
  });
  expect(await b.store.sync.read()).toMatchObject({ device: null, remote: null });
});

test('the host name is the default device name; a second setup with another remote is refused', async () => {
  const shared = join(work, 'shared');
  const h = device();
  expect((await h.run('sync', '--folder', shared)).stdout).toMatch(/^Synced testhost with folder /);
  const again = await h.run('sync', '--folder', join(work, 'other'));
  expect(again.code).toBe(4);
  expect(again.stderr).toMatch(/^stint: Already syncing: this store syncs with folder /);
  // Moved, it keeps its name and forgets what it merged with the old remote: all of it goes out again.
  await h.run('start', 'coding');
  expect((await h.run('sync')).stdout).toMatch(/1 change out/);
  expect((await h.run('sync', '--folder', join(work, 'other'), '--move')).stdout).toMatch(
    /^Synced testhost with folder .*other: 1 change out/,
  );
  expect(JSON.parse((await h.run('sync', 'status', '--json')).stdout)).toMatchObject({
    remote: { url: join(work, 'other') },
    device: 'testhost',
  });
});

test('a sync job syncs on its schedule; a merge that makes two focus sessions active is reported', async () => {
  const shared = join(work, 'shared');
  mkdirSync(shared);
  const [a, b] = [device(), device()];
  await a.run('start', 'deep-work', '--for', '25m');
  await b.run('start', 'writing', '--for', '45m');
  expect((await a.run('sync', '--folder', shared, '--device', 'a')).code).toBe(0);
  expect((await b.run('sync', '--folder', shared, '--device', 'b')).code).toBe(0);
  expect((await a.run('jobs', 'add', 'hourly', '--type', 'sync', '--cron', '@hourly')).code).toBe(0);
  const ran = await a.run('jobs', 'run', '1');
  expect(ran.code).toBe(0);
  expect(ran.stdout).toMatch(/Synced a with folder .*1 new session.*Focus conflict: #1 deep-work, #2 writing are both active\./);
  const synced = await b.run('sync');
  expect(synced.stderr).toMatch(/warning: focus session #1 writing \(from b\) is active with another/);
  const direct = await a.run('sync', '--json');
  expect(JSON.parse(direct.stdout).focus_conflict.map((s: { task: string; device: string }) => [s.task, s.device])).toEqual([
    ['deep-work', 'a'],
    ['writing', 'b'],
  ]);
  expect((await a.run('sync')).stderr).toMatch(/warning: focus session #1 deep-work \(from a\) is active with another/);
});

test('sync status: remote, device, devices seen, what is not sent yet, the last sync', async () => {
  const shared = join(work, 'shared');
  const [a, b] = [device(), device()];
  await a.run('sync', '--folder', shared, '--device', 'a');
  await b.run('sync', '--folder', shared, '--device', 'b');
  await a.run('start', 'coding');
  await a.run('sync');
  await b.run('add', 'meeting', '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z');
  const status = await b.run('sync', 'status', '--json');
  expect(JSON.parse(status.stdout)).toEqual({
    remote: { kind: 'folder', url: shared },
    device: 'b',
    devices: [
      { name: 'a', last_change: null },
      { name: 'b', last_change: null },
    ],
    unsent: 1,
    last_sync: '2026-03-02T10:00:00Z',
    last_error: null,
  });
  // For people, the last sync in local time as every instant is written (issue 15); JSON keeps ISO.
  expect((await b.run('sync', 'status')).stdout).toMatch(/^Last sync {3}11:00$/m);
  await b.run('sync');
  const after = JSON.parse((await b.run('sync', 'status', '--json')).stdout);
  expect(after.unsent).toBe(0);
  expect(after.devices.map((d: { name: string; last_change: string | null }) => [d.name, d.last_change !== null])).toEqual([
    ['a', true],
    ['b', true],
  ]);
});

const SEGMENT = '001772359200000.000000.b.json';
const SNAPSHOT = 'snapshot-001772359200000.000000.b.json';

test.each([
  ['a segment', 'not JSON', SEGMENT, '{"version":1,', 'not JSON'],
  [
    'a segment',
    'a change stamped by another device',
    SEGMENT,
    JSON.stringify({ version: 1, changes: [{ uid: 'x', at: '001772359200000.000000.a', deleted: true }] }),
    'change 1 is stamped by another device',
  ],
  [
    'a segment',
    'a bad field',
    SEGMENT,
    JSON.stringify({ version: 1, changes: [{ uid: 'x', at: '001772359200000.000000.b', set: { task: 7 } }] }),
    '',
  ],
  [
    'a segment',
    'an unknown field',
    SEGMENT,
    JSON.stringify({ version: 1, changes: [{ uid: 'x', at: '001772359200000.000000.b', set: { colour: 'red' } }] }),
    '',
  ],
  ['a segment', 'a newer version', SEGMENT, JSON.stringify({ version: 2, changes: [] }), 'an unknown version'],
  ['a snapshot', 'not JSON', SNAPSHOT, '{"version":1,', 'not JSON'],
  ['a snapshot', 'entries that are a list', SNAPSHOT, JSON.stringify({ version: 1, entries: [] }), 'not a snapshot'],
  ['a snapshot', 'no entries', SNAPSHOT, JSON.stringify({ version: 1, changes: [] }), 'not a snapshot'],
  ['a snapshot', 'a newer version', SNAPSHOT, JSON.stringify({ version: 2, entries: {} }), 'an unknown version'],
])('%s with %s stops the sync (exit 1), naming it, the store unchanged', async (_kind, _what, file, text, why) => {
  const shared = join(work, 'shared');
  const [a, b] = [device(), device()];
  await a.run('start', 'coding');
  await a.run('sync', '--folder', shared, '--device', 'a');
  await b.run('sync', '--folder', shared, '--device', 'b');
  writeFileSync(join(shared, 'devices', 'b', 'log', file), text);
  const before = a.store.text;
  const result = await a.run('sync');
  expect(result.code).toBe(1);
  expect(result.stderr.startsWith(`stint: Bad sync log: ${join(shared, 'devices', 'b', 'log', file)}: ${why}`)).toBe(true);
  expect(a.store.text).toBe(before);
});

const forged = (set: Record<string, unknown>) => ({
  version: 1,
  device: 'evil',
  changes: [
    {
      uid: 'u-evil',
      at: '001796032900000.000000.evil',
      create: true,
      set: {
        task: 'email',
        started_at: '2026-03-02T09:00:00Z',
        state: { status: 'completed', stopped_at: '2026-03-02T09:30:00Z', pauses: [] },
        planned_seconds: null,
        tags: [],
        note: null,
        updated_at: '2026-03-02T09:30:00Z',
        ...set,
      },
    },
  ],
});

test.each([
  ['task', { task: 'x\u001b[2J' }],
  ['tags', { tags: ['ok', 'a\rb'] }],
  ['note', { note: 'fine\n\u001b]0;owned\u0007' }],
])("another device's log with control characters in its %s is refused (exit 1), nothing taken from it", async (field, set) => {
  const shared = join(work, 'shared');
  const a = device();
  expect((await a.run('sync', '--folder', shared, '--device', 'a')).code).toBe(0);
  mkdirSync(join(shared, 'devices', 'evil', 'log'), { recursive: true });
  const segment = join(shared, 'devices', 'evil', 'log', '001796032900000.000000.evil.json');
  writeFileSync(segment, JSON.stringify(forged(set)));
  const result = await a.run('sync');
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(
    `stint: Bad sync log: ${segment}: change 1: its ${field} holds control characters; run stint sync again once it is fully copied\n`,
  );
  expect((await a.run('list', '--json')).stdout).toBe('{"sessions":[],"total":0}\n');
  // The same log with clean text is read: the refusal is about the characters alone.
  writeFileSync(segment, JSON.stringify(forged({ note: 'line one\n\tline two' })));
  expect((await a.run('sync')).stdout).toMatch(/1 in \(1 new session/);
});

test('a sync job is refused before sync is set up (add or edit to it: exit 2, jobs.json untouched)', async () => {
  const h = device();
  const refusal = 'stint: Sync not set up: run stint sync --git <url> or stint sync --folder <path> once first, then add the sync job\n';
  expect(await h.run('jobs', 'add', 'hourly', '--type', 'sync', '--cron', '@hourly')).toEqual({ code: 2, stdout: '', stderr: refusal });
  expect(
    (await h.run('jobs', 'add', 'nightly', '--type', 'backup', '--cron', '@daily', '--config', `target=${join(work, 'bk')}`)).code,
  ).toBe(0);
  const before = await h.store.jobs.read();
  expect(await h.run('jobs', 'edit', '1', '--type', 'sync')).toEqual({ code: 2, stdout: '', stderr: refusal });
  expect(await h.store.jobs.read()).toEqual(before);
  expect((await h.run('sync', '--folder', join(work, 'shared'), '--device', 'a')).code).toBe(0);
  expect((await h.run('jobs', 'add', 'hourly', '--type', 'sync', '--cron', '@hourly')).code).toBe(0);
});

test("the user's git setting does not reach stint's clone: GIT_DIR, a global hooksPath whose hooks fail", async () => {
  // The user's own project, as GIT_DIR in a hook or a dotfiles alias would name it.
  const project = join(work, 'project');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: project, env: { PATH: process.env.PATH ?? '' } }).toString();
  mkdirSync(project);
  git('init', '-q');
  writeFileSync(join(project, 'main.c'), 'int main;\n');
  git('add', 'main.c');
  git('-c', 'user.name=u', '-c', 'user.email=u@x', 'commit', '-q', '-m', 'mine');
  // Global hooks that refuse every commit and push.
  const home = join(work, 'home');
  mkdirSync(join(home, 'hooks'), { recursive: true });
  for (const hook of ['pre-commit', 'pre-push', 'commit-msg', 'post-checkout'])
    writeFileSync(join(home, 'hooks', hook), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  writeFileSync(join(home, '.gitconfig'), `[core]\n\thooksPath = ${join(home, 'hooks')}\n`);
  const remote = join(work, 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', remote]);

  const env = { HOME: home, GIT_DIR: join(project, '.git'), GIT_WORK_TREE: project, GIT_INDEX_FILE: join(project, '.git', 'index') };
  // Each device its own data directory: the clone is made there (sync-git/).
  const a = harness({ now: '2026-03-02T10:00:00Z', realFiles: true, uidPrefix: 'gd', env, dataDir: join(work, 'data-a') });
  await a.run('start', 'coding');
  expect(await a.run('sync', '--git', remote, '--device', 'a')).toMatchObject({ code: 0, stderr: '' });
  await a.run('stop');
  expect(await a.run('sync')).toMatchObject({ code: 0, stdout: expect.stringMatching(/1 change out/) });
  // The project is as it was: one commit, no stint files, no branch of stint's.
  expect(git('log', '--format=%s')).toBe('mine\n');
  expect(git('branch', '--format=%(refname:short)').trim().split('\n')).not.toContain('stint');
  expect(git('status', '--porcelain')).toBe('');
  // What was sent reached the remote: another device sees the stop.
  const b = harness({ now: '2026-03-02T10:00:00Z', realFiles: true, uidPrefix: 'gb', dataDir: join(work, 'data-b') });
  expect((await b.run('sync', '--git', remote, '--device', 'b')).code).toBe(0);
  expect(JSON.parse((await b.run('list', '--json')).stdout).sessions).toMatchObject([{ task_name: 'coding', status: 'completed' }]);
});

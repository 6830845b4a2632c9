import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { harnessOn } from '../helpers/in-process.js';
import { useWorkDir } from '../helpers/spawn.js';
import { GIT_ENV } from '../helpers/sync.js';

// Which remote a store syncs with: a first setup that fails before its name is on the remote
// records nothing (the next may name another remote); one that works is kept, and moving it to
// another remote takes --move.

let work = '';
useWorkDir('stint-sync-move-', (dir) => (work = dir));

const NOW = '2026-03-02T10:00:00Z';
const git = (...args: string[]) => execFileSync('git', args, { env: GIT_ENV, encoding: 'utf8' });

function device(name: string) {
  const home = join(work, name);
  const env = GIT_ENV as Record<string, string>;
  const h = harnessOn(createFileStore(home), { now: NOW, realFiles: true, uidPrefix: name, env, dataDir: home });
  const tasks = async () =>
    JSON.parse((await h.run('list', '--json')).stdout)
      .sessions.map((s: { task_name: string }) => s.task_name)
      .sort();
  return { ...h, home, tasks };
}

/** A bare repository whose every push is rejected by its server (a pre-receive hook failing). */
function rejecting(name: string): string {
  const url = join(work, name);
  git('init', '-q', '--bare', url);
  writeFileSync(join(url, 'hooks', 'pre-receive'), '#!/bin/sh\necho "pushes are closed here" >&2\nexit 1\n', { mode: 0o755 });
  return url;
}

test.each([
  ['git', (url: string) => ['--git', url]],
  ['folder', (url: string) => ['--folder', `${url}.d`]],
])('a first setup whose push is rejected records nothing: the next setup may name another remote (%s)', async (_kind, other) => {
  const bad = rejecting('closed.git');
  const a = device('a');
  await a.run('start', 'coding');
  const failed = await a.run('sync', '--git', bad, '--device', 'lap');
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/^stint: Sync failed: git push: .*pushes are closed here/);
  expect(await a.run('sync', 'status')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Sync not set up/) });
  expect(existsSync(join(a.home, 'sync-git'))).toBe(false);
  const good = join(work, 'open.git');
  git('init', '-q', '--bare', good);
  const retried = await a.run('sync', ...other(good), '--device', 'lap');
  expect(retried.stderr).toBe('');
  expect(retried.stdout).toMatch(/1 change out/);
});

test.each([
  ['git to git', (url: string) => ['--git', `${url}.git`]],
  ['git to a folder', (url: string) => ['--folder', url]],
])('a store that syncs moves to another remote with --move (%s): the whole history goes there, under its name', async (_what, next) => {
  const old = join(work, 'old.git');
  git('init', '-q', '--bare', old);
  const [a, b] = [device('a'), device('b')];
  await a.run('add', 'meeting', '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z');
  await b.run('start', 'coding');
  expect((await a.run('sync', '--git', old, '--device', 'lap')).code).toBe(0);
  expect((await b.run('sync', '--git', old, '--device', 'desk')).code).toBe(0);
  await a.run('sync');
  const target = next(join(work, 'new'));
  if (target[0] === '--git') git('init', '-q', '--bare', target[1] as string);
  const refused = await a.run('sync', ...target);
  expect(refused).toEqual({
    code: 4,
    stdout: '',
    stderr: `stint: Already syncing: this store syncs with git ${old}; run stint sync without --${target[0]?.slice(2)}, or add --move to sync with ${target[1]} from now on\n`,
  });
  // The README's way: a last sync with the old remote, then the move.
  await a.run('rm', '1');
  await a.run('sync');
  await b.run('sync');
  const moved = await a.run('sync', ...target, '--move');
  expect(moved.stderr).toBe('');
  expect(moved.stdout).toMatch(/^Synced lap with .*: 1 change out, 0 in/);
  expect(JSON.parse((await a.run('sync', 'status', '--json')).stdout)).toMatchObject({
    remote: { kind: target[0]?.slice(2), url: target[1] },
    device: 'lap',
    devices: [{ name: 'lap' }],
    unsent: 0,
  });
  if (target[0] === '--folder') expect(existsSync(join(a.home, 'sync-git'))).toBe(false);
  // b moves too: it receives what a had, a receives what b has, nothing more.
  expect((await b.run('sync', ...target, '--move')).stdout).toMatch(/0 new sessions/);
  expect((await a.run('sync')).code).toBe(0);
  expect(await a.tasks()).toEqual(['coding']);
  expect(await b.tasks()).toEqual(['coding']);
  const fresh = device('c');
  expect((await fresh.run('sync', ...target, '--device', 'c')).stdout).toMatch(/1 new session/);
});

test('--move goes with --git or --folder (exit 2)', async () => {
  const a = device('a');
  expect(await a.run('sync', '--move')).toEqual({
    code: 2,
    stdout: '',
    stderr: 'stint: Invalid options: --move takes the remote to move to: --git <url> or --folder <path>\n',
  });
});

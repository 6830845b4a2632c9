import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { execProgram } from '../../src/cli/deps.js';
import type { Exec } from '../../src/sync/transport.js';
import { useWorkDir } from '../helpers/spawn.js';
import { GIT_ENV, gitDevice } from '../helpers/sync.js';

// The git transport never leaves a rebase (or merge) in the repository: a failed one is undone,
// the clone left as before it. Each device writes only its own folder, so the one conflict that
// can happen in use is two devices joining under one name at once: the later is refused (exit 4).

let work = '';
useWorkDir('stint-sync-conflict-', (dir) => (work = dir));

const git = (...args: string[]) => execFileSync('git', args, { env: GIT_ENV, encoding: 'utf8' });

/** Real git; before this device's first push, `first` runs (another device's sync, say). */
function beforeFirstPush(first: () => Promise<unknown>): Exec {
  let done = false;
  return async (file, args, options) => {
    if (args.includes('push') && !done) {
      done = true;
      await first();
    }
    return execProgram(file, args, options);
  };
}

test('two devices joining under one name at once: the later is refused (exit 4, naming it), records nothing, and joins under another', async () => {
  const url = join(work, 'remote.git');
  git('init', '-q', '--bare', url);
  const [a, b] = [gitDevice(work, 'a'), gitDevice(work, 'b')];
  await a.h.run('start', 'task1');
  await b.h.run('start', 'bee1');
  const refused = await b.sync({ exec: beforeFirstPush(() => a.sync({}, 'lap')) }, 'lap').catch((error: unknown) => error);
  expect(refused).toMatchObject({
    code: 'conflict',
    title: 'Device name taken',
    message: `a device named lap already syncs through ${url}; choose another with --device <name>`,
  });
  expect(existsSync(b.clone)).toBe(false);
  expect(await b.store.sync.read()).toMatchObject({ device: null, remote: null, outbox: null, pending: null });
  await b.sync({}, 'desk');
  await a.sync();
  expect(await a.tasks()).toEqual(['bee1', 'task1']);
  expect(await b.tasks()).toEqual(['bee1', 'task1']);
});

test("a rebase that conflicts (someone wrote into this device's folder) is undone: exit 1 naming the conflict, the clone clean", async () => {
  const url = join(work, 'remote.git');
  git('init', '-q', '--bare', url);
  const b = gitDevice(work, 'b');
  await b.sync({}, 'b');
  await b.h.run('add', 'review', '--from', '2026-03-01T11:00:00Z', '--to', '2026-03-01T12:00:00Z');
  // Before b pushes its segment, another clone pushes a file of the same name, other content.
  const intrude = async () => {
    const [path] = git('-C', b.clone, 'diff-tree', '--no-commit-id', '--name-only', '-r', 'HEAD').split('\n');
    const other = join(work, 'intruder');
    git('clone', '-q', '-b', 'stint', url, other);
    mkdirSync(dirname(join(other, path as string)), { recursive: true });
    writeFileSync(join(other, path as string), 'not stint\n');
    git('-C', other, 'add', '-A');
    git('-C', other, '-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-q', '-m', 'intruder');
    git('-C', other, 'push', '-q', 'origin', 'stint');
  };
  const failed = await b.sync({ exec: beforeFirstPush(intrude) }).catch((error: unknown) => error);
  expect(failed).toMatchObject({ code: 'store', title: 'Sync failed' });
  expect((failed as Error).message).toMatch(/^git rebase: CONFLICT \(add\/add\): Merge conflict in devices\/b\/log\/.*\.json; /);
  expect((failed as Error).message).not.toMatch(/hint/);
  for (const dir of ['rebase-merge', 'rebase-apply', 'MERGE_HEAD']) expect(existsSync(join(b.clone, '.git', dir))).toBe(false);
  expect(git('-C', b.clone, 'status', '--porcelain')).toBe('');
  expect(git('-C', b.clone, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/stint');
});

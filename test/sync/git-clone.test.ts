import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { execProgram, realFiles } from '../../src/cli/deps.js';
import type { Files } from '../../src/jobs/files.js';
import type { Exec } from '../../src/sync/transport.js';
import { useWorkDir } from '../helpers/spawn.js';
import { gitDevice } from '../helpers/sync.js';

// The clone of a git remote (sync-git/) is made in steps: git clone, then the branch checked out.
// A sync killed between them leaves a clone that is not whole; the next sync makes it again.

let work = '';
useWorkDir('stint-sync-clone-', (dir) => (work = dir));

/**
 * Real git and files, but the process "dies" as soon as `git clone` is done: nothing after it
 * runs, not even the clean-up of a failed sync.
 */
function killedAfterClone(): { exec: Exec; files: Files } {
  let dead = false;
  const alive = () => {
    if (dead) throw new Error('killed');
  };
  const exec: Exec = async (file, args, options) => {
    alive();
    const result = await execProgram(file, args, options);
    dead = args.includes('clone');
    alive();
    return result;
  };
  const files: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(realFiles) as [string, (...args: unknown[]) => unknown][]) {
    files[name] = (...args: unknown[]) => {
      alive();
      return call(...args);
    };
  }
  return { exec, files: files as unknown as Files };
}

test.each([
  ['a later sync (the clone removed by hand)', false],
  ['the setup run again', true],
])('a sync killed between git clone and its checkout: %s clones again, the first time', async (_what, setup) => {
  execFileSync('git', ['init', '-q', '--bare', join(work, 'remote.git')]);
  const [a, b] = [gitDevice(work, 'a'), gitDevice(work, 'b')];
  await a.h.run('add', 'meeting', '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z');
  await a.sync({}, 'a');
  await b.h.run('add', 'review', '--from', '2026-03-01T11:00:00Z', '--to', '2026-03-01T12:00:00Z');
  if (!setup) {
    await b.sync({}, 'b');
    realFiles.removeTree(b.clone);
  }
  await expect(b.sync(killedAfterClone(), setup ? 'b' : undefined)).rejects.toThrow('killed');
  await b.sync({}, setup ? 'b' : undefined);
  await a.sync();
  expect(await b.tasks()).toEqual(['meeting', 'review']);
  expect(await a.tasks()).toEqual(['meeting', 'review']);
});

test('a whole clone an older stint made (no mark) is kept, not cloned again', async () => {
  execFileSync('git', ['init', '-q', '--bare', join(work, 'remote.git')]);
  const a = gitDevice(work, 'a');
  await a.h.run('add', 'meeting', '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z');
  await a.sync({}, 'a');
  realFiles.removeFile(join(a.clone, '.git', 'stint-clone'));
  const calls: string[] = [];
  const exec: Exec = async (file, args, options) => {
    calls.push(args.filter((arg) => !arg.startsWith('-') && !arg.includes('=')).join(' '));
    return execProgram(file, args, options);
  };
  await a.h.run('add', 'review', '--from', '2026-03-01T11:00:00Z', '--to', '2026-03-01T12:00:00Z');
  await a.sync({ exec });
  expect(calls.filter((call) => call.startsWith('clone'))).toEqual([]);
  expect(realFiles.readText(join(a.clone, '.git', 'stint-clone'))).toBe(`${join(work, 'remote.git')}\n`);
  const b = gitDevice(work, 'b');
  await b.sync({}, 'b');
  expect(await b.tasks()).toEqual(['meeting', 'review']);
});

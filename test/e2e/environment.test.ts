import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { skipWithout, useTmpfs } from '../helpers/programs.js';
import { seedWith } from '../helpers/in-home.js';
import { BIN, noteSpawn, snapshotDir, stint, useWorkDir } from '../helpers/spawn.js';

// Failures of the machine, not of stint, through the built bin: one line on stderr naming the
// file and the cause, exit 1, the store untouched. Tests run as root, which ignores file modes:
// EACCES is made by running as `nobody`, EROFS on a tmpfs remounted read-only, each skipped
// where that is not possible (never in CI); the rest of the mapping is tested in test/cli/errors.test.ts.

const NOW = '2026-01-15T13:30:00Z';
let work = '';
useWorkDir('stint-env-', (dir) => {
  work = dir;
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A shell line (sh) with the bin's environment; the exit code and stderr. */
function runBinShell(line: string, env: Record<string, string>) {
  const run = spawnSync('sh', ['-c', line], {
    env: { PATH: process.env.PATH ?? '', TZ: 'Europe/Paris', STINT_NOW: NOW, ...env },
    encoding: 'utf8',
  });
  return { code: run.status, stderr: run.stderr };
}

/** The built bin, synchronously, with any stdio and user; stdout and stderr as text. */
function runBin(args: string[], env: Record<string, string>, options: SpawnSyncOptions = {}) {
  noteSpawn(args);
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', TZ: 'Europe/Paris', STINT_NOW: NOW, ...env },
    encoding: 'utf8',
    ...options,
  });
  return { code: run.status, stdout: String(run.stdout ?? ''), stderr: String(run.stderr ?? '') };
}

describe('the store where a file or a directory is not what it should be', () => {
  test.each([
    [['list'], /^stint: Not a directory: cannot open FILE\/config\.json \(ENOTDIR\)\n$/],
    [['list', '--json'], /^\{"error":"Not a directory","message":"cannot open FILE\/config\.json \(ENOTDIR\)"\}\n$/],
    [['start', 'coding'], /^stint: Store unusable: FILE exists and is not a directory\n$/],
    [['jobs', 'list'], /^stint: Not a directory: cannot open FILE\/jobs\.json \(ENOTDIR\)\n$/],
  ])('STINT_HOME on a file: %j', async (args, expected) => {
    const file = join(work, 'file');
    writeFileSync(file, 'mine\n');
    const result = await stint(args, { home: file, now: NOW });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(expected.source.replace(/FILE/g, escapeRegExp(file))));
  });

  test('STINT_HOME below a file: the directory that cannot be made', async () => {
    const file = join(work, 'file');
    writeFileSync(file, 'mine\n');
    const result = await stint(['start', 'coding'], { home: join(file, 'data'), now: NOW });
    expect([result.code, result.stderr]).toEqual([1, `stint: Not a directory: cannot create directory ${file}/data (ENOTDIR)\n`]);
  });

  test.each([
    ['state.json', ['list']],
    ['state.json', ['start', 'coding']],
    ['config.json', ['config', 'list']],
    ['config.json', ['config', 'set', 'daily_goal', '3h']],
    ['jobs.json', ['jobs', 'list']],
    ['jobs.json', ['jobs', 'add', 'nightly', '--type', 'backup', '--cron', '@daily', '--config', 'target=/tmp/stint-never']],
  ])('a directory where %s should be: %j names it', async (name, args) => {
    const home = join(work, 'data');
    await seedWith(['start', 'coding'], { home, now: NOW });
    rmSync(join(home, name), { force: true });
    mkdirSync(join(home, name));
    const before = snapshotDir(home);
    const result = await stint(args, { home, now: NOW });
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      '',
      `stint: Is a directory: cannot read ${join(home, name)} (EISDIR)\n`,
    ]);
    expect(snapshotDir(home)).toEqual(before);
  });
});

describe('standard output that cannot be written', () => {
  test.each([
    [['list'], 'stint: No space left on device: cannot write standard output (ENOSPC)\n'],
    [['list', '--json'], '{"error":"No space left on device","message":"cannot write standard output (ENOSPC)"}\n'],
    [['status', '--short'], 'stint: No space left on device: cannot write standard output (ENOSPC)\n'],
    [['--version'], 'stint: No space left on device: cannot write standard output (ENOSPC)\n'],
  ])('%j >/dev/full: one line on stderr, exit 1', async (args, expected) => {
    const home = join(work, 'data');
    await seedWith(['start', 'coding'], { home, now: NOW });
    const full = openSync('/dev/full', 'w');
    try {
      const result = runBin(args, { STINT_HOME: home }, { stdio: ['ignore', full, 'pipe'] });
      expect([result.code, result.stderr]).toEqual([1, expected]);
    } finally {
      closeSync(full);
    }
  });

  test('a command that failed already keeps its own line and code', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = runBin(['stop'], { STINT_HOME: join(work, 'data') }, { stdio: ['ignore', full, 'pipe'] });
      expect(result.code).toBe(4);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).not.toMatch(/standard output/);
    } finally {
      closeSync(full);
    }
  });

  test('a list whose output fills the file half-way: what fit is written, then one line, exit 1', async () => {
    const { seedStore, history } = await import('../helpers/seed.js');
    const home = join(work, 'data');
    await seedStore(home, history(2000)); // ~440 kB of JSON: several of the writer's 64 KiB chunks
    const out = join(work, 'out.json');
    // A file-size limit of 100 KiB (sh counts 512-byte blocks): the second chunk is cut short, the next write fails (EFBIG).
    const line = `ulimit -f 200; trap "" XFSZ; exec "${process.execPath}" "${BIN}" list --json >"${out}"`;
    const result = runBinShell(line, { STINT_HOME: home });
    expect([result.code, result.stderr]).toEqual([1, '{"error":"File too large","message":"cannot write standard output (EFBIG)"}\n']);
    expect(statSync(out).size).toBe(100 * 1024);
    expect(readFileSync(out, 'utf8').startsWith('{"sessions":[{"session_id":1,')).toBe(true);
  });
  // A reader that closes the pipe early stays a silent success: test/e2e/readers.test.ts.
});

const isRoot = process.getuid?.() === 0;

describe.skipIf(skipWithout(isRoot))('another user: permission denied (as nobody, since root ignores file modes)', () => {
  const asNobody: SpawnSyncOptions = { uid: 65534, gid: 65534 };
  const open = (dir: string) => {
    // nobody must reach the store through the temporary folders, which are root's and 0700.
    for (let path = dir; path !== tmpdir() && path !== '/'; path = join(path, '..')) chmodSync(path, 0o755);
  };

  test('a store it may not read', async () => {
    const home = join(work, 'data');
    await seedWith(['start', 'coding'], { home, now: NOW });
    open(work);
    chmodSync(home, 0o700);
    const result = runBin(['list'], { STINT_HOME: home, HOME: '/nonexistent' }, asNobody);
    expect([result.code, result.stderr]).toEqual([1, `stint: Permission denied: cannot open ${home}/config.json (EACCES)\n`]);
  });

  test('a store it may read but not write', async () => {
    const home = join(work, 'data');
    await seedWith(['start', 'coding'], { home, now: NOW });
    open(home);
    const before = snapshotDir(home);
    const result = runBin(['stop'], { STINT_HOME: home, HOME: '/nonexistent' }, asNobody);
    expect([result.code, result.stderr]).toEqual([1, `stint: Permission denied: cannot create directory ${home}/stint.lock (EACCES)\n`]);
    expect(snapshotDir(home)).toEqual(before);
  });

  test('HOME empty: the user database home, not the current folder', async () => {
    // nobody's home (/nonexistent) holds no store; the current folder holds one with a timer.
    const here = join(work, 'here');
    await seedWith(['start', 'cwdtask'], { home: join(here, '.stint'), now: NOW });
    open(join(here, '.stint'));
    const result = runBin(['status', '--short'], { HOME: '' }, { ...asNobody, cwd: here });
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    const prompt = runBin(['prompt', 'bash'], { HOME: '' }, { ...asNobody, cwd: here });
    expect(prompt.stdout).toContain(`h=\${HOME:-'/nonexistent'}`);
  });
});

test('HOME empty: the prompt function falls back to the user database home, as the CLI does', () => {
  const result = runBin(['prompt', 'bash'], { HOME: '' }, { cwd: work });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`h=\${HOME:-'${userInfo().homedir}'}`);
  expect(result.stdout).toContain('f="${STINT_HOME:-$h/.stint}/prompt.state"');
});

// A read-only disk: a small tmpfs remounted read-only. Needs mount rights; skipped elsewhere, never in CI.
const { mountPoint, mounted } = useTmpfs('stint-ro-');

test.skipIf(skipWithout(mounted))('a read-only file system: writes say so, reads still work', { timeout: 90_000 }, async () => {
  const home = join(mountPoint, 'data');
  await seedWith(['start', 'coding'], { home, now: NOW });
  execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
  try {
    const before = snapshotDir(home);
    for (const args of [['stop'], ['config', 'set', 'daily_goal', '3h']]) {
      // At once, not after waiting for a lock as if another process held it: with the wait made
      // 10 minutes, a command that waited would be killed at 20 s and fail here (no duration is
      // asserted, so a busy machine cannot fail it).
      const result = runBin(args, { STINT_HOME: home, STINT_LOCK_WAIT_MS: '600000' }, { timeout: 20_000 });
      expect([result.code, result.stderr]).toEqual([
        1,
        `stint: Read-only file system: cannot create directory ${home}/stint.lock (EROFS)\n`,
      ]);
    }
    expect(snapshotDir(home)).toEqual(before);
    expect(runBin(['status', '--short'], { STINT_HOME: home })).toEqual({ code: 0, stdout: 'coding 0:00:00\n', stderr: '' });
    expect(existsSync(join(home, 'stint.lock'))).toBe(false);
  } finally {
    execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
  }
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useWorkDir } from '../helpers/spawn.js';

const ROOT = resolve(import.meta.dirname, '../..');

let install = '';
useWorkDir('stint-boot-', (dir) => {
  // An installed copy of its own, so its cache is not shared with the other tests' runs.
  install = dir;
  for (const file of ['bin/stint.js', 'bin/package.json', 'dist/boot.cjs', 'dist/hot.cjs', 'dist/stint.cjs']) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
});

const runStint = (...args: string[]) => {
  const env = { PATH: process.env.PATH ?? '', STINT_HOME: join(install, 'data'), STINT_NOW: '2026-03-02T09:00:00Z', TZ: 'UTC' };
  return spawnSync(process.execPath, [join(install, 'bin/stint.js'), ...args], { env, encoding: 'utf8' });
};

function status() {
  const run = runStint('status');
  expect({ code: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
    code: 0,
    stdout: 'Nothing running. Start a timer with: stint start <task>\n',
    stderr: '',
  });
}

const data = () => join(install, 'data');
const cacheDir = () => join(data(), 'cache');
const cacheName = (key: string) => new RegExp(`^v8-[0-9a-f]{16}-${key}-${process.version}-${process.arch}\\.bin$`);
// A plain `status` runs the hot bundle (dist/hot.cjs), whose caches are named hot-<command>.
const CACHE_NAME = cacheName('hot-status');

describe('the code cache', () => {
  test('a data directory that does not exist yet is not made for it; the package folder is never written', () => {
    status();
    status();
    expect(existsSync(data())).toBe(false);
    expect(readdirSync(join(install, 'dist')).sort()).toEqual(['boot.cjs', 'hot.cjs', 'stint.cjs']);
  });

  test('is made by the first run, in the data directory, for this bundle and this Node, and then only read', () => {
    mkdirSync(data());
    status();
    const files = readdirSync(cacheDir());
    expect(files).toEqual([expect.stringMatching(CACHE_NAME)]);
    expect(statSync(join(cacheDir(), files[0]!)).mode & 0o777).toBe(0o600);
    const file = join(cacheDir(), files[0]!);
    const made = statSync(file);
    expect(made.size).toBeGreaterThan(10_000);
    status();
    // Accepted by V8, so not written again (a rejected one would be replaced).
    expect(statSync(file)).toMatchObject({ ino: made.ino, mtimeMs: made.mtimeMs });
  });

  test('each startup-budget command keeps a cache of its own, the other commands share one; each is saved once', () => {
    mkdirSync(data());
    status();
    // The plain forms of status, start and stop run the hot bundle; with other options, the full one.
    const runs: string[][] = [
      ['start', 'coding'],
      ['stop'],
      ['start', 'review', '--for', '25m'],
      ['status', '--json', '--short', '--short'],
      ['stop', '--all', '--as', 'partial', '--at', '09:00', '--at', '09:00'],
      ['list'],
      ['report', '--week'],
      ['stats'],
      ['--version'],
    ];
    for (const args of runs) expect(runStint(...args).status).toBe(0);
    const files = readdirSync(cacheDir()).filter((n) => n.startsWith('v8-'));
    // Sorted by name: one file per budget command and bundle, and `other`.
    const keys = ['hot-start', 'hot-status', 'hot-stop', 'list', 'other', 'report', 'start', 'status', 'stop'];
    expect(files.sort()).toEqual(keys.map((key) => expect.stringMatching(cacheName(key))));
    expect(new Set(files.map((n) => n.replace(/-(hot-)?(status|start|stop|list|report|other)-.*/, ''))).size).toBe(1);
    const made = new Map(files.map((n) => [n, statSync(join(cacheDir(), n))]));
    // Each held already: the caches are only read.
    for (const args of [...runs, ['badges']]) expect(runStint(...args).status).toBe(0);
    status();
    for (const [n, stat] of made) expect(statSync(join(cacheDir(), n))).toMatchObject({ ino: stat.ino, mtimeMs: stat.mtimeMs });
    expect(
      readdirSync(cacheDir())
        .filter((n) => n.startsWith('v8-'))
        .sort(),
    ).toEqual(files);
    // 21 starts of the bin, one per run and bundle to prove: more than the default 30 s on a loaded machine.
  }, 90_000);

  test('a cache V8 rejects is replaced by a good one, and the run is unaffected', () => {
    mkdirSync(data());
    status();
    const [name] = readdirSync(cacheDir());
    const file = join(cacheDir(), name!);
    const garbage = Buffer.alloc(statSync(file).size, 7);
    writeFileSync(file, garbage);
    status();
    const remade = statSync(file);
    expect(readFileSync(file).equals(garbage)).toBe(false);
    expect(readdirSync(cacheDir())).toEqual([name]);
    status();
    expect(statSync(file)).toMatchObject({ ino: remade.ino, mtimeMs: remade.mtimeMs });
  });

  test("this Node's cache of another bundle is removed when this one is saved; another Node's stays", () => {
    mkdirSync(cacheDir(), { recursive: true });
    const otherBundle = `v8-0000000000000000-status-${process.version}-${process.arch}.bin`;
    // The layout before caches were kept per command.
    const oldLayout = `v8-0000000000000000-${process.version}-${process.arch}.bin`;
    // Two Node versions (nvm) sharing a data directory must not replace each other's cache every run.
    const otherNode = `v8-0000000000000000-status-v0.0.0-${process.arch}.bin`;
    for (const name of [otherBundle, oldLayout, otherNode]) writeFileSync(join(cacheDir(), name), 'old');
    writeFileSync(join(cacheDir(), 'tally-v1.json'), '{}');
    status();
    const left = readdirSync(cacheDir());
    expect(left).toHaveLength(3);
    expect(left).toEqual(expect.arrayContaining(['tally-v1.json', otherNode, expect.stringMatching(CACHE_NAME)]));
    expect(left).not.toContain(otherBundle);
    expect(left).not.toContain(oldLayout);
  });

  test('a place it cannot be saved in only means no cache', () => {
    mkdirSync(data());
    writeFileSync(cacheDir(), 'not a folder');
    status();
    status();
    expect(readFileSync(cacheDir(), 'utf8')).toBe('not a folder');
  });
});

/**
 * The entry bin/stint.js loads (built to dist/boot.cjs), kept tiny. It runs the bundle
 * (dist/stint.cjs) through V8 with a code cache, so a run skips parsing and compiling most
 * of the bundle. The cache is made on the user's machine by the user's Node: the first run
 * compiles as usual and, once the command is done, saves what V8 compiled (the functions
 * that command ran included) in the data directory's cache/ folder, named for the bundle and the
 * Node version: nothing is written outside the data directory, and a data directory that does not
 * exist yet is not created for it. A cache made at build time would only fit the exact Node that
 * built the package, and Node's own module.enableCompileCache (22.1+) is made as the bundle is
 * compiled, before the command runs: warm, it left runs about 40M instructions more to do
 * (README, Performance).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { CACHE_DIR, resolveDataDir, resolveHome } from './store/paths.js';

/** A digest of the bundle's bytes, set by the build: V8 checks only a cached script's length. */
declare const STINT_BUNDLE_HASH: string;

const bundle = join(__dirname, 'stint.cjs');
const CACHE_PREFIX = 'v8-';
const cacheSuffix = `-${process.version}-${process.arch}.bin`;
const cacheName = `${CACHE_PREFIX}${STINT_BUNDLE_HASH}${cacheSuffix}`;

/**
 * The commands of issue 13's startup budgets. A cache saved after one of them holds only the
 * functions that one compiled: `stop` on the cache `status` made compiled ~19M instructions'
 * worth again on every run (Node 24, README "Performance"). So the cache is saved again after
 * the first run of each of these that it does not hold yet, and then holds them all; other
 * commands compile what they need, which keeps the cache (and reading it) small.
 */
const HOT = new Set(['status', 'start', 'stop', 'list', 'report']);
/** The cache file starts with this line naming the commands it holds, then V8's bytes. */
const HEADER = 'stint-cache ';

/** The data directory as the CLI resolves it, or undefined where it cannot be (no home at all). */
function dataDir(): string | undefined {
  try {
    return resolveDataDir(
      process.env,
      resolveHome(process.env, () => userInfo().homedir),
    );
  } catch {
    return undefined;
  }
}

interface Bundle {
  cli(argv: readonly string[]): Promise<number>;
}

interface Cache {
  data: Buffer;
  commands: string[];
}

/** The cache and the commands it holds; none where it is missing or not of this form. */
function readCache(file: string | undefined): Cache | undefined {
  if (file === undefined) return undefined;
  try {
    const bytes = readFileSync(file);
    const end = bytes.indexOf(10);
    const header = bytes.toString('latin1', 0, end);
    if (end < 0 || !header.startsWith(HEADER)) return undefined;
    return { data: bytes.subarray(end + 1), commands: header.slice(HEADER.length).split(',') };
  } catch {
    return undefined;
  }
}

/**
 * Saves the cache in the data directory's cache/ (only where the data directory exists),
 * through a temporary file renamed into place, so a concurrent run reads a whole file or none;
 * caches of other bundles for this Node there are removed. A place that cannot be written
 * simply means no cache.
 */
function saveCache(dir: string, script: Script, commands: readonly string[]): void {
  const cacheDir = join(dir, CACHE_DIR);
  const file = join(cacheDir, cacheName);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    if (!existsSync(dir)) return;
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${HEADER}${commands.join(',')}\n`), script.createCachedData()]), { mode: 0o600 });
    renameSync(temporary, file);
    for (const name of readdirSync(cacheDir)) {
      // Only this Node's caches of other bundles: two Node versions (nvm) sharing a data
      // directory keep one cache each instead of replacing each other's on every run.
      if (name.startsWith(CACHE_PREFIX) && name.endsWith(cacheSuffix) && name !== cacheName) rmSync(join(cacheDir, name), { force: true });
    }
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // No folder, so no temporary file either.
    }
  }
}

/** Runs the CLI on this process's arguments; only the exit code is set, output is flushed. */
export function main(): void {
  const dir = dataDir();
  const cache = readCache(dir === undefined ? undefined : join(dir, CACHE_DIR, cacheName));
  const cachedData = cache?.data;
  const source = readFileSync(bundle, 'utf8');
  // The same wrapper Node puts around a CommonJS module.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Bundle };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, require, module, bundle, __dirname);
  module.exports.cli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // After the command, so the cache holds the functions it compiled, not only the top level.
    if (dir === undefined) return;
    const held = cache === undefined || script.cachedDataRejected === true ? [] : cache.commands;
    const command = process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? '';
    const missing = HOT.has(command) && !held.includes(command);
    if (cache === undefined || script.cachedDataRejected === true || missing) {
      saveCache(dir, script, missing ? [...held, command] : held);
    }
  });
}

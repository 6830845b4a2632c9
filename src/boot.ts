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
import { join } from 'node:path';
import { Script } from 'node:vm';
import { hotArgs } from './cli/hot-args.js';
import { nodeOs } from './store/node-os.js';
import { CACHE_DIR, resolveDataDir, resolveHome } from './store/paths.js';

/** A digest of both bundles' bytes, set by the build: V8 checks only a cached script's length. */
declare const STINT_BUNDLE_HASH: string;
const CACHE_PREFIX = 'v8-';
const cacheSuffix = `-${process.version}-${process.arch}.bin`;

/**
 * The commands of issue 13's startup budgets. A cache holds the functions the run that saved it
 * compiled, and reading it costs in proportion to its size (~9.5M instructions for one holding
 * all five, Node 24). So each of these keeps a cache of its own, holding what it compiles and
 * nothing more (status: 334 kB instead of 515 kB, ~10M instructions less, README
 * "Performance"); every other command shares one, made by the first of them that runs.
 */
const HOT = new Set(['status', 'start', 'stop', 'list', 'report']);

/**
 * `v8-<bundle hash>-<command or other>-<node version>-<arch>.bin`; a run of the hot bundle
 * (hot.cjs) keeps its own, `hot-<command>`.
 */
function cacheName(argv: readonly string[], hot: string | undefined): string {
  const command = argv.find((arg) => !arg.startsWith('-')) ?? '';
  const name = hot === undefined ? (HOT.has(command) ? command : 'other') : `hot-${hot}`;
  return `${CACHE_PREFIX}${STINT_BUNDLE_HASH}-${name}${cacheSuffix}`;
}

/** The data directory as the CLI resolves it, or undefined where it cannot be (no home at all). */
function dataDir(): string | undefined {
  try {
    return resolveDataDir(
      process.env,
      resolveHome(process.env, () => nodeOs().userInfo().homedir),
    );
  } catch {
    return undefined;
  }
}

interface Bundle {
  cli(argv: readonly string[]): Promise<number>;
}

/** The cache's bytes; none where it is missing or unreadable. */
function readCache(file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
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
function saveCache(dir: string, script: Script, name: string): void {
  const cacheDir = join(dir, CACHE_DIR);
  const file = join(cacheDir, name);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    if (!existsSync(dir)) return;
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, file);
    for (const entry of readdirSync(cacheDir)) {
      // Only this Node's caches of other bundles: two Node versions (nvm) sharing a data
      // directory keep one cache each instead of replacing each other's on every run.
      const ofOtherBundle =
        entry.endsWith(cacheSuffix) && entry.startsWith(CACHE_PREFIX) && !entry.startsWith(`${CACHE_PREFIX}${STINT_BUNDLE_HASH}-`);
      if (ofOtherBundle) rmSync(join(cacheDir, entry), { force: true });
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
  const argv = process.argv.slice(2);
  // The plain forms of status, start and stop run the small bundle without commander; every
  // other argv, the full program (src/cli/hot-args.ts).
  const hot = hotArgs(argv)?.command;
  const bundle = join(__dirname, hot === undefined ? 'stint.cjs' : 'hot.cjs');
  const name = cacheName(argv, hot);
  const cachedData = readCache(dir === undefined ? undefined : join(dir, CACHE_DIR, name));
  const source = readFileSync(bundle, 'utf8');
  // The same wrapper Node puts around a CommonJS module.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Bundle };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, require, module, bundle, __dirname);
  module.exports.cli(argv).then((code) => {
    process.exitCode = code;
    // After the command, so the cache holds the functions it compiled, not only the top level.
    if (dir !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) saveCache(dir, script, name);
  });
}

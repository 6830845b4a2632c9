/**
 * The entry bin/stint.js loads (built to dist/boot.cjs), kept tiny. It runs the bundle
 * (dist/stint.cjs) through V8 with a code cache, so a run skips parsing and compiling most
 * of the bundle. The cache is made on the user's machine by the user's Node: the first run
 * compiles as usual and, once the command is done, saves what V8 compiled (the functions
 * that command ran included) in dist/.cache/, named for the bundle and the Node version.
 * A cache made at build time would only fit the exact Node that built the package, and
 * Node's own module.enableCompileCache (22.1+) is made as the bundle is compiled, before the
 * command runs: warm, it left runs about 40M instructions more to do (README, Performance).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

/** A digest of the bundle's bytes, set by the build: V8 checks only a cached script's length. */
declare const STINT_BUNDLE_HASH: string;

const bundle = join(__dirname, 'stint.cjs');
const cacheDir = join(__dirname, '.cache');
const cacheFile = join(cacheDir, `${STINT_BUNDLE_HASH}-${process.version}-${process.arch}.v8`);

interface Bundle {
  cli(argv: readonly string[]): Promise<number>;
}

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/**
 * Saves the cache beside the bundle, through a temporary file renamed into place, so a
 * concurrent run reads a whole file or none. An install the user cannot write to (a global
 * prefix owned by root) simply runs without a cache.
 */
function saveCache(script: Script): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
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
  const cachedData = readCache();
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
    if (cachedData === undefined || script.cachedDataRejected === true) saveCache(script);
  });
}

/**
 * The entry bin/stint.js loads (built to dist/boot.cjs), kept tiny. It runs the bundle
 * (dist/stint.cjs) through V8 with the code cache made at build time (dist/stint.cjs.cache),
 * so a run skips parsing and compiling the bundle. A cache made by another V8 is rejected by
 * V8 and the bundle is compiled as usual. Node 22's module.enableCompileCache would do this
 * for us; Node 20 has only vm.Script, which takes CommonJS-shaped code, hence the CJS bundle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'stint.cjs');
const cacheFile = `${bundle}.cache`;

interface Bundle {
  cli(argv: readonly string[]): Promise<number>;
}

function compile(cachedData: Buffer | undefined): Script {
  const source = readFileSync(bundle, 'utf8');
  // The same wrapper Node puts around a CommonJS module.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  return new Script(wrapped, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
}

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

function load(): Bundle {
  const module = { exports: {} as Bundle };
  const run = compile(readCache()).runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, require, module, bundle, __dirname);
  return module.exports;
}

/** Runs the CLI on this process's arguments; only the exit code is set, output is flushed. */
export function main(): void {
  load()
    .cli(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}

/** Used by the build: the code cache of the freshly built bundle. */
export function makeCodeCache(): Buffer {
  return compile(undefined).createCachedData();
}

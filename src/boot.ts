/**
 * The published entry (dist/stint.js), kept tiny. It runs the CommonJS bundle (dist/stint.cjs)
 * through V8 with the code cache made at build time (dist/stint.cjs.cache), so a run skips
 * parsing and compiling the bundle: measured at about half of stint's own startup cost.
 * A cache made by another V8 is rejected by V8 and the bundle is compiled as usual.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('./stint.cjs', import.meta.url));
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

export function cli(argv: readonly string[]): Promise<number> {
  const script = compile(readCache());
  const module = { exports: {} as Bundle };
  const load = script.runInThisContext() as (...args: unknown[]) => void;
  load(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports.cli(argv);
}

/** Used by the build: the code cache of the freshly built bundle. */
export function makeCodeCache(): Buffer {
  return compile(undefined).createCachedData();
}

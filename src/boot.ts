/**
 * The entry bin/stint.js loads (built to dist/boot.cjs), kept tiny. It runs the bundle
 * (dist/stint.cjs) through V8 with the code cache made at build time (dist/stint.cjs.cache),
 * so a run skips parsing and compiling the bundle. A cache made by another V8 is rejected by
 * V8 and the bundle is compiled as usual. Node 22's module.enableCompileCache would do this
 * for us; Node 20 has only vm.Script, which takes CommonJS-shaped code, hence the CJS bundle.
 */
import { readFileSync, writeFileSync } from 'node:fs';
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

function instantiate(script: Script): Bundle {
  const module = { exports: {} as Bundle };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, require, module, bundle, __dirname);
  return module.exports;
}

/** Runs the CLI on this process's arguments; only the exit code is set, output is flushed. */
export function main(): void {
  instantiate(compile(readCache()))
    .cli(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}

/** What the build runs before taking the code cache: the commands people type most. */
const WARM_UP = [['start', 'warm-up'], ['pause'], ['resume'], ['status'], ['status', '--short'], ['stop'], ['list'], ['list', '--json'], ['stats'], ['badges'], ['report']];

/**
 * Used by the build: writes the code cache of the freshly built bundle. The cache is taken
 * after running a few commands against a scratch store (`home`), so it holds the functions
 * they compiled too, not only the top level: every run then skips compiling them.
 */
export async function writeCodeCache(file: string, home: string): Promise<void> {
  const script = compile(undefined);
  const cli = instantiate(script).cli;
  const { stdout, stderr } = process;
  const write = [stdout.write, stderr.write];
  process.env.STINT_HOME = home;
  process.env.STINT_NOW = '2026-01-15T12:00:00Z';
  stdout.write = stderr.write = () => true;
  try {
    for (const argv of WARM_UP) await cli(argv);
  } finally {
    [stdout.write, stderr.write] = write as [typeof stdout.write, typeof stderr.write];
  }
  writeFileSync(file, script.createCachedData());
}

// Builds dist/: the CLI as one CommonJS bundle (dist/stint.cjs) so a run does not resolve
// hundreds of modules, its V8 code cache (dist/stint.cjs.cache), and the small entry
// (dist/boot.cjs) that bin/stint.js loads. Dynamic imports stay lazy inside the bundle:
// a command only evaluates the modules it uses.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Paths are the project's, whatever directory the build is started from.
const root = fileURLToPath(new URL('..', import.meta.url));

// commander requires node:child_process at load time, only to run external subcommands,
// which stint has none of. Loading it costs every run a few milliseconds, so commander
// gets a stand-in that loads the real module on first use.
const deferChildProcess = {
  name: 'defer-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'deferred-child-process', namespace: 'stint-defer' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stint-defer' }, () => ({
      contents: "let real; const load = () => (real ??= require('node:child_process'));\nmodule.exports = new Proxy({}, { get: (_, key) => load()[key] });",
      loader: 'js',
    }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', legalComments: 'none', absWorkingDir: root };

export async function buildCli({ quiet = false } = {}) {
  const logLevel = quiet ? 'silent' : 'warning';
  const result = await build({
    ...common,
    entryPoints: ['src/entry.ts'],
    outfile: 'dist/stint.cjs',
    format: 'cjs',
    minify: true,
    sourcemap: 'linked',
    logLevel,
    metafile: true,
    // graceful-fs (proper-lockfile's default) retries on EMFILE for programs with thousands
    // of open files and patches fs at load; stint holds a handful, and passes its own fs.
    alias: { 'graceful-fs': 'node:fs' },
    plugins: [deferChildProcess],
  });
  await build({ ...common, entryPoints: ['src/boot.ts'], outfile: 'dist/boot.cjs', format: 'cjs', logLevel });
  // A fresh process with this same Node makes the cache, as a run would compile the bundle,
  // after a warm-up of common commands in a scratch store that is removed afterwards.
  const scratch = mkdtempSync(join(tmpdir(), 'stint-build-'));
  try {
    const make = "require('./dist/boot.cjs').writeCodeCache(process.argv[1], process.argv[2])";
    execFileSync(process.execPath, ['-e', make, 'dist/stint.cjs.cache', join(scratch, 'data')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TZ: 'UTC' },
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}

/** The benchmark's history generator, bundled the same way (it writes through the real store). */
export async function buildBench() {
  await build({
    ...common,
    entryPoints: ['bench/generate.ts'],
    outfile: 'dist/bench-generate.cjs',
    format: 'cjs',
    logLevel: 'warning',
    plugins: [deferChildProcess],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli();
  await buildBench();
}

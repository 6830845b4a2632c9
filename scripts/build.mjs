// Builds dist/: the CLI as one CommonJS bundle (dist/stint.cjs) so a run does not resolve
// hundreds of modules, the small entry (dist/boot.cjs) that bin/stint.js loads and that keeps
// the bundle's V8 code cache (made on first run), and the licences of the bundled packages
// (dist/THIRD-PARTY-LICENSES.txt). Dynamic imports stay lazy inside the bundle: a command only
// evaluates the modules it uses.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { bundledPackages, thirdPartyLicences } from './licences.mjs';

const root = resolve(import.meta.dirname, '..');

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
      contents:
        "let real; const load = () => (real ??= require('node:child_process'));\nmodule.exports = new Proxy({}, { get: (_, key) => load()[key] });",
      loader: 'js',
    }));
  },
};

// `import text from './file.css?raw'`: the file's text, as Vite (the tests) reads it too. The
// dashboard's assets are embedded so: the package ships them inside the bundle.
const raw = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
      watchFiles: [args.path],
    }));
  },
};

// What the hot forms never reach but the modules they use import lazily: `status --watch` is
// not one of them (src/cli/hot-args.ts declines it), so its live view and the date-fns format it
// uses stay out of dist/hot.cjs (status and start ~3M instructions less each, Node 24). Such an
// import fails loudly instead of running anything.
const HOT_LEAVES_OUT = new Set(['src/cli/watch.ts', 'src/render/watch-text.ts'].map((file) => resolve(root, file)));
const leaveOut = {
  name: 'leave-out',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) =>
      HOT_LEAVES_OUT.has(resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts'))
        ? { path: args.path, namespace: 'stint-left-out' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stint-left-out' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not in dist/hot.cjs`)});`,
      loader: 'js',
    }));
  },
};

// The bundled packages' licences ship in one file instead of comments in the bundle.
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', legalComments: 'none' };

export async function buildCli({ quiet = false } = {}) {
  const logLevel = quiet ? 'silent' : 'warning';
  const bundle = {
    ...common,
    format: 'cjs',
    minify: true,
    sourcemap: 'linked',
    logLevel,
    metafile: true,
    plugins: [deferChildProcess, raw],
  };
  const result = await build({ ...bundle, entryPoints: ['src/entry.ts'], outfile: 'dist/stint.cjs' });
  // The plain forms of status, start and stop (src/cli/hot-args.ts): no commander, no table
  // library, none of the other commands, so less to evaluate and a smaller code cache.
  const hot = await build({ ...bundle, entryPoints: ['src/hot.ts'], outfile: 'dist/hot.cjs', plugins: [...bundle.plugins, leaveOut] });
  // The licence file lists stint.cjs's packages; it covers hot.cjs only if that holds no other.
  const extra = bundledPackages(hot.metafile, 'dist/hot.cjs').filter(
    (p) => !bundledPackages(result.metafile, 'dist/stint.cjs').includes(p),
  );
  if (extra.length > 0) throw new Error(`dist/hot.cjs bundles packages dist/stint.cjs does not: ${extra.join(', ')}`);
  // The boot names its code caches after the bundles' bytes (V8 itself checks only the length);
  // a cache of an earlier build is replaced by the first run of this one.
  const hash = createHash('sha256')
    .update(readFileSync(join(root, 'dist/stint.cjs')))
    .update(readFileSync(join(root, 'dist/hot.cjs')))
    .digest('hex')
    .slice(0, 16);
  // What earlier layouts left in dist/ and no run reads any more.
  for (const stale of ['dist/.cache', 'dist/stint.cjs.cache']) rmSync(join(root, stale), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: ['src/boot.ts'],
    outfile: 'dist/boot.cjs',
    format: 'cjs',
    // Node compiles the boot from source on every run (it has no code cache): half the bytes to
    // scan is ~0.4M instructions less per run.
    minify: true,
    logLevel,
    define: { STINT_BUNDLE_HASH: JSON.stringify(hash) },
  });
  writeFileSync(join(root, 'dist/THIRD-PARTY-LICENSES.txt'), thirdPartyLicences(result.metafile, 'dist/stint.cjs', root));
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

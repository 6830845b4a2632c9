// Bundles the CLI into one ESM file so a run does not resolve hundreds of modules.
// Dynamic imports stay lazy inside the bundle: a command only evaluates what it uses.
import { build } from 'esbuild';

// commander requires node:child_process at load time, only to run external subcommands,
// which stint has none of. Loading it costs every run a few milliseconds, so commander
// gets a stand-in that loads the real module on first use.
const deferChildProcess = {
  name: 'defer-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'deferred-child-process', namespace: 'stint-defer' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'stint-defer' }, () => ({
      contents: "let real; const load = () => (real ??= require('node:child_process'));\nmodule.exports = new Proxy({}, { get: (_, key) => load()[key] });",
      loader: 'js',
    }));
  },
};

export async function buildCli({ quiet = false } = {}) {
  const result = await build({
    entryPoints: ['src/entry.ts'],
    outfile: 'dist/stint.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    legalComments: 'none',
    minify: true,
    logLevel: quiet ? 'silent' : 'warning',
    // CommonJS dependencies (commander, cli-table3, proper-lockfile) call require() for Node built-ins.
    banner: { js: "import { createRequire as __stintCreateRequire } from 'node:module';\nconst require = __stintCreateRequire(import.meta.url);" },
    metafile: true,
    plugins: [deferChildProcess],
  });
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildCli();
}

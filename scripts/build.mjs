// Bundles the CLI into one ESM file so a run does not resolve hundreds of modules.
// Dynamic imports stay lazy inside the bundle: a command only evaluates what it uses.
import { build } from 'esbuild';

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
    logLevel: quiet ? 'silent' : 'warning',
    // CommonJS dependencies (commander, cli-table3, proper-lockfile) call require() for Node built-ins.
    banner: { js: "import { createRequire as __stintCreateRequire } from 'node:module';\nconst require = __stintCreateRequire(import.meta.url);" },
    metafile: true,
  });
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildCli();
}

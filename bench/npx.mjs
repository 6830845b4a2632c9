// `npm run bench`, part 3: `npx --package=<tarball> stint status` on a machine that never ran it
// (cold: an empty npm cache before every run) and again (warm), next to `node -e 0`, with the
// package's size and file count and what npx installed. The tarball is packed from this clone,
// or BENCH_TARBALL (e.g. one packed from an earlier commit, to compare). Cold runs that download
// dependencies need the registry; BENCH_NPX_RUNS sets the runs (default 5).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { timeSideBySide } from './lines.mjs';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_NPX_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'stint-npx-'));
try {
  // npm's own settings (registry, certificates) are read as the user's; its cache is a temp one.
  const env = { ...process.env, STINT_HOME: join(work, 'data'), STINT_NOW: '2026-11-20T12:00:00Z' };
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  let tarball = process.env.BENCH_TARBALL && resolve(process.env.BENCH_TARBALL);
  if (!tarball) {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, env, encoding: 'utf8' }),
    );
    tarball = join(work, packed.filename);
  }
  const listing = execFileSync('tar', ['-tvzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  const unpacked = listing.reduce((sum, row) => sum + Number(row.trim().split(/\s+/)[2]), 0);

  const cache = join(work, 'npm-cache');
  const npx = `npx --yes --cache ${cache} --package=${tarball} stint status`;
  const out = join(work, 'hyperfine.json');
  const [, cold] = timeSideBySide(env, ['node -e 0', npx], { prepare: ['true', `rm -rf ${cache}`], runs: RUNS, warmup: 0, out });
  // What the last cold run installed: the packages in npx's folder, and their size on disk.
  const npxDir = join(cache, '_npx');
  const modules = readdirSync(npxDir).map((hash) => join(npxDir, hash, 'node_modules'));
  const packages = modules.flatMap((dir) =>
    readdirSync(dir)
      .filter((n) => !n.startsWith('.'))
      .flatMap((n) => (n.startsWith('@') ? readdirSync(join(dir, n)) : [n])),
  );
  const installedKb = Number(
    execFileSync('du', ['-sk', ...modules], { encoding: 'utf8' })
      .split('\n')[0]
      .split('\t')[0],
  );
  const [base, warm] = timeSideBySide(env, ['node -e 0', npx], { runs: RUNS, warmup: 1, out });

  console.log(`\nnpx --package=<tarball> stint status on Node ${process.version} (${RUNS} runs each; median ms)\n`);
  console.log('| tarball | files | unpacked | npx installs | cold npx | warm npx | node -e 0 |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| ${(statSync(tarball).size / 1000).toFixed(0)} kB | ${listing.length} | ${(unpacked / 1000).toFixed(0)} kB | ${packages.length} packages, ${(installedKb / 1024).toFixed(1)} MB | ${cold.toFixed(0)} | ${warm.toFixed(0)} | ${base.toFixed(0)} |`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

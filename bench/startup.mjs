// `npm run bench`, part 2: how stint starts, on each Node line (BENCH_NODES), for a cold first run
// and a warm one. Compared, each next to `node -e 0` in the same hyperfine run:
// - the plain bundle (require, no cache);
// - the boot stint had before issue 13: a V8 code cache made at build time (bench/code-cache.cjs),
//   by this same Node (the best case) and by another line's Node (what most users ran: rejected);
// - Node's own module.enableCompileCache (22.1+), cold (empty cache folder) and warm;
// - stint's boot (dist/boot.cjs): the cache made by the first run, cold (none yet) and warm.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { instructions, median, nodeLines, timeSideBySide } from './lines.mjs';

const root = resolve(import.meta.dirname, '..');
const NOW = '2026-11-20T12:00:00Z';
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COMMANDS = [['status'], ['report', '--month']];
// Wall times on a shared machine move by tens of percent; instructions (valgrind, all threads) do not.
const CALLGRIND = process.env.BENCH_CALLGRIND === '1';

const work = mkdtempSync(join(tmpdir(), 'stint-startup-'));
try {
  const pkg = join(work, 'pkg');
  for (const file of ['bin/stint.js', 'bin/package.json', 'dist/boot.cjs', 'dist/stint.cjs']) {
    mkdirSync(join(pkg, file, '..'), { recursive: true });
    copyFileSync(join(root, file), join(pkg, file));
  }
  const bundle = join(pkg, 'dist/stint.cjs');
  writeFileSync(
    join(work, 'plain.cjs'),
    `require(${JSON.stringify(bundle)}).cli(process.argv.slice(2)).then((c) => { process.exitCode = c; });\n`,
  );
  writeFileSync(
    join(work, 'compile-cache.cjs'),
    `require('node:module').enableCompileCache(process.env.BENCH_COMPILE_CACHE);\nrequire(${JSON.stringify(bundle)}).cli(process.argv.slice(2)).then((c) => { process.exitCode = c; });\n`,
  );
  const env = {
    ...process.env,
    HOME: work,
    STINT_HOME: join(work, 'data'),
    STINT_NOW: NOW,
    BENCH_COMPILE_CACHE: join(work, 'compile-cache'),
  };
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  execFileSync(process.execPath, [join(root, 'dist/bench-generate.cjs'), env.STINT_HOME, '1000'], { env, stdio: 'ignore' });

  const lines = nodeLines();
  const codeCache = join(root, 'bench/code-cache.cjs');
  for (const line of lines) {
    const scratch = join(work, `scratch-${line.major}`);
    execFileSync(line.bin, [codeCache, 'make', bundle, join(work, `build-${line.major}.cache`), scratch], { env: { ...env, TZ: 'UTC' } });
    rmSync(scratch, { recursive: true, force: true });
  }

  for (const line of lines) {
    const other = lines.find((l) => l !== line);
    const hasCompileCache =
      execFileSync(line.bin, ['-p', "typeof require('node:module').enableCompileCache"], { encoding: 'utf8' }).trim() === 'function';
    const variants = [
      { name: 'plain bundle, no cache', run: `${line.bin} ${join(work, 'plain.cjs')}` },
      {
        name: 'build-time cache, made by this Node',
        run: `${line.bin} ${codeCache} run ${bundle} ${join(work, `build-${line.major}.cache`)}`,
      },
      ...(other
        ? [
            {
              name: `build-time cache, made by Node ${other.version} (rejected)`,
              run: `${line.bin} ${codeCache} run ${bundle} ${join(work, `build-${other.major}.cache`)}`,
            },
          ]
        : []),
      ...(hasCompileCache
        ? [
            {
              name: 'module.enableCompileCache, cold',
              run: `${line.bin} ${join(work, 'compile-cache.cjs')}`,
              prepare: `rm -rf ${env.BENCH_COMPILE_CACHE}`,
            },
            { name: 'module.enableCompileCache, warm', run: `${line.bin} ${join(work, 'compile-cache.cjs')}` },
          ]
        : []),
      {
        name: "stint's boot, cold (first run makes the cache)",
        run: `${line.bin} ${join(pkg, 'bin/stint.js')}`,
        prepare: `rm -f ${join(env.STINT_HOME, 'cache')}/v8-*`,
      },
      { name: "stint's boot, warm", run: `${line.bin} ${join(pkg, 'bin/stint.js')}` },
    ];
    const cells = variants.map(() => []);
    const base = [];
    for (const argv of COMMANDS) {
      const rounds = Array.from({ length: ROUNDS }, () =>
        timeSideBySide(env, [`${line.bin} -e 0`, ...variants.map((v) => `${v.run} ${argv.join(' ')}`)], {
          prepare: ['true', ...variants.map((v) => v.prepare ?? 'true')],
          runs: RUNS,
          out: join(work, 'hyperfine.json'),
        }),
      );
      base.push(median(rounds.map((r) => r[0])));
      variants.forEach((_, i) => {
        const ms = median(rounds.map((r) => r[i + 1]));
        const ratio = median(rounds.map((r) => r[i + 1] / r[0]));
        cells[i].push(`${ms.toFixed(1)} | ${ratio.toFixed(2)}×`);
      });
    }
    console.log(`\nStartup on Node ${line.version} (${ROUNDS} rounds of ${RUNS} runs; 1,000 sessions; ms and ratio to node -e 0)\n`);
    console.log(`| boot | ${COMMANDS.map((c) => `${c.join(' ')} (ms) | ratio`).join(' | ')} |`);
    console.log(`| --- | ${COMMANDS.map(() => '---: | ---:').join(' | ')} |`);
    console.log(`| node -e 0 | ${base.map((b) => `${b.toFixed(1)} | 1.00×`).join(' | ')} |`);
    for (const [i, v] of variants.entries()) console.log(`| ${v.name} | ${cells[i].join(' | ')} |`);
    if (CALLGRIND) {
      const count = (v) => instructions(env, `${v.run} status`, v.prepare);
      const base = instructions(env, `${line.bin} -e 0`);
      console.log(`\nInstructions of status on Node ${line.version} (callgrind, all threads): node -e 0 = ${(base / 1e6).toFixed(0)}M\n`);
      console.log('| boot | instructions | above node -e 0 |\n| --- | ---: | ---: |');
      for (const v of variants) {
        // A warm variant follows its cold one, whose run made the cache.
        const n = count(v);
        console.log(`| ${v.name} | ${(n / 1e6).toFixed(0)}M | +${((n - base) / 1e6).toFixed(0)}M |`);
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

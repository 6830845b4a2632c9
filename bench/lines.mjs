// The Node lines the benchmark runs on: BENCH_NODES=20,24 (the default) names majors; the
// running Node serves its own line, the others come from scripts/node-line.sh (the npm
// registry's `node` package, installed once into a cache folder).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export function nodeLines() {
  const majors = (process.env.BENCH_NODES ?? '20,24').split(',').map((m) => m.trim());
  return majors.map((major) => {
    const bin =
      process.versions.node.split('.')[0] === major
        ? process.execPath
        : join(
            execFileSync(join(root, 'scripts/node-line.sh'), [major], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim(),
            'node',
          );
    const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    return { major, bin, version };
  });
}

export const hasHyperfine = spawnSync('hyperfine', ['--version']).status === 0;
export const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/**
 * Median wall times in ms of each command line, run side by side (hyperfine, or an interleaved
 * Node harness without it). `prepare[i]`, a shell line, runs before every run of command i.
 */
export function timeSideBySide(env, lines, { prepare = [], runs = 10, warmup = 3, out }) {
  if (hasHyperfine) {
    const args = ['-N', '--warmup', String(warmup), '--runs', String(runs), '--export-json', out, '--style', 'none'];
    for (const [i] of lines.entries()) args.push('--prepare', prepare[i] ?? 'true');
    const run = spawnSync('hyperfine', [...args, ...lines], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`hyperfine failed: ${run.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')).results.map((r) => r.median * 1000);
  }
  const samples = lines.map(() => []);
  for (let i = 0; i < runs + warmup; i += 1) {
    lines.forEach((line, k) => {
      if (prepare[k]) spawnSync('sh', ['-c', prepare[k]], { env });
      const [cmd, ...rest] = line.split(' ');
      const t = process.hrtime.bigint();
      spawnSync(cmd, rest, { env, stdio: 'ignore' });
      if (i >= warmup) samples[k].push(Number(process.hrtime.bigint() - t) / 1e6);
    });
  }
  return samples.map(median);
}

/** Instructions of one run of a command line under callgrind (all threads), after its prepare line. */
export function instructions(env, line, prepare) {
  if (prepare) spawnSync('sh', ['-c', prepare], { env });
  const run = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', ...line.split(' ')], { env, encoding: 'utf8' });
  const collected = /Collected : (\d+)/.exec(run.stderr);
  if (!collected) throw new Error(`callgrind failed: ${run.stderr}`);
  // A run that failed did not do the command's work: counting it would flatter the command.
  if (run.status !== 0)
    throw new Error(
      `${line} failed under callgrind (exit ${run.status}): ${run.stderr
        .split('\n')
        .filter((l) => !l.startsWith('=='))
        .join(' ')}`,
    );
  return Number(collected[1]);
}

// `npm run bench`, part sync (BENCH_PARTS=sync): with sync on, at 1,000 and 100,000 sessions
// (BENCH_SYNC_SIZES), through a folder and a bare git repository (BENCH_SYNC_KINDS): the first sync of the device
// holding the history, the first sync of a new (empty) device, an incremental sync after one
// change (stint's own time, and the git commands' time measured apart with GIT_TRACE2), and
// start/stop/status with sync set up, against `node -e 0`. Wall times, median of BENCH_RUNS.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/stint.js');
const NOW = '2026-11-20T12:00:00Z';
const SIZES = (process.env.BENCH_SYNC_SIZES ?? '1000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

function timed(env, args) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`stint ${args.join(' ')}: ${run.stderr}`);
  return ms;
}

/** Wall time of one sync, and the part of it spent in git (from GIT_TRACE2_EVENT's exit events). */
function timedSync(env, args, trace) {
  rmSync(trace, { force: true });
  const ms = timed({ ...env, GIT_TRACE2_EVENT: trace }, args);
  let git = 0;
  try {
    for (const line of readFileSync(trace, 'utf8').split('\n')) {
      if (!line.includes('"event":"exit"')) continue;
      git += JSON.parse(line).t_abs * 1000;
    }
  } catch {
    // No git ran (the folder transport).
  }
  return { ms, git };
}

const baseline = () => {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - started;
};

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;

for (const size of SIZES) {
  for (const kind of (process.env.BENCH_SYNC_KINDS ?? 'folder,git').split(',')) {
    const work = mkdtempSync(join(tmpdir(), 'stint-bench-sync-'));
    try {
      const env = (device) => ({
        PATH: process.env.PATH,
        HOME: work,
        TZ: 'UTC',
        STINT_HOME: join(work, device),
        STINT_NOW: NOW,
        ...GIT_ENV,
      });
      execFileSync(process.execPath, [join(root, 'dist/bench-generate.cjs'), join(work, 'a'), String(size)], {
        env: env('a'),
        stdio: 'ignore',
      });
      const url = join(work, kind === 'git' ? 'remote.git' : 'shared');
      if (kind === 'git') execFileSync('git', ['init', '-q', '--bare', url]);
      const trace = join(work, 'trace.json');
      const first = timedSync(env('a'), ['sync', `--${kind}`, url, '--device', 'a'], trace);
      const joined = timedSync(env('b'), ['sync', `--${kind}`, url, '--device', 'b'], trace);
      const incremental = [];
      for (let i = 0; i < RUNS; i += 1) {
        timed(env('a'), ['start', 'bench-task']);
        timed(env('a'), ['stop']);
        incremental.push(timedSync(env('a'), ['sync'], trace));
      }
      const hot = {};
      for (const [name, args, prepare] of [
        ['status', ['status']],
        ['start', ['start', 'bench-task'], ['stop', '--all']],
        ['stop', ['stop', '--all'], ['start', 'bench-task']],
      ]) {
        const ratios = [];
        for (let i = 0; i < RUNS; i += 1) {
          if (prepare) timed(env('a'), prepare);
          const base = baseline();
          ratios.push(timed(env('a'), args) / base);
        }
        hot[name] = median(ratios);
      }
      const inc = median(incremental.map((r) => r.ms));
      const incGit = median(incremental.map((r) => r.git));
      console.log(
        `${String(size).padStart(6)} sessions, ${kind.padEnd(6)} first sync ${fmt(first.ms)} (git ${fmt(first.git)}), new device ${fmt(joined.ms)} (git ${fmt(joined.git)}), ` +
          `incremental ${fmt(inc)} (git ${fmt(incGit)}, stint ${fmt(inc - incGit)}); with sync on, × node -e 0: ` +
          Object.entries(hot)
            .map(([name, ratio]) => `${name} ${ratio.toFixed(2)}`)
            .join(', '),
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

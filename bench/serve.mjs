// `npm run bench`, the server part: `stint serve` over a store of BENCH_SERVE_SIZE (100,000)
// finished sessions and three running timers, loaded by autocannon (BENCH_SERVE_CONNECTIONS
// connections for BENCH_SERVE_SECONDS seconds per route). Prints p50/p99 latency and requests per
// second for the hot routes, next to what answering the same question by starting a process
// costs: `stint status` and Timewarrior's `timew` (with as many intervals) when installed, and
// `node -e 0`. Latency is what a status-bar widget or an editor plugin waits for.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/stint.js');
const NOW = '2026-11-20T12:00:00Z';
const SIZE = Number(process.env.BENCH_SERVE_SIZE ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_SERVE_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 5);
const RUNS = 20;

const work = mkdtempSync(join(tmpdir(), 'stint-bench-serve-'));
const env = { ...process.env, HOME: work, STINT_HOME: join(work, 'data'), STINT_NOW: NOW };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The median wall time of a process, in ms. */
function processMs(command, args, extraEnv = {}) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { env: { ...env, ...extraEnv }, stdio: 'ignore' });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  }
  return median(times);
}

/** A Timewarrior database with `count` closed intervals and one open one, in its own data files. */
function timewarriorDb(count) {
  const db = join(work, 'timew');
  mkdirSync(join(db, 'data'), { recursive: true });
  writeFileSync(join(db, 'timewarrior.cfg'), 'verbose = off\n');
  const end = Date.parse(NOW) - 86_400_000;
  const months = new Map();
  const stamp = (ms) => new Date(ms).toISOString().replace(/[-:]|\.\d+/g, '');
  for (let i = 0; i < count; i++) {
    const start = end - (count - i) * 45 * 60_000;
    const month = new Date(start).toISOString().slice(0, 7);
    if (!months.has(month)) months.set(month, []);
    months.get(month).push(`inc ${stamp(start)} - ${stamp(start + 30 * 60_000)} # coding\n`);
  }
  months.set(NOW.slice(0, 7), [...(months.get(NOW.slice(0, 7)) ?? []), `inc ${stamp(Date.parse(NOW) - 600_000)} # coding\n`]);
  for (const [month, lines] of months) writeFileSync(join(db, 'data', `${month}.data`), lines.join(''));
  return db;
}

async function startServer() {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolveLine) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolveLine(out.slice(0, out.indexOf('\n')));
    });
  });
  return { child, ...JSON.parse(line) };
}

execFileSync(process.execPath, [join(root, 'dist/bench-generate.cjs'), env.STINT_HOME, String(SIZE)], { env, stdio: 'ignore' });
for (const task of ['coding', 'review', 'support']) execFileSync(process.execPath, [bin, 'start', task], { env, stdio: 'ignore' });

const server = await startServer();
const headers = { authorization: `Bearer ${server.token}` };
const ROUTES = [
  ['GET /sessions?status=running', '/sessions?status=running'],
  ['GET /api/v1/sessions/current', '/api/v1/sessions/current'],
  ['GET /api/v1/sessions/active', '/api/v1/sessions/active'],
];
const rows = [];
try {
  for (const [name, path] of ROUTES) {
    const url = `http://127.0.0.1:${server.port}${path}`;
    // A short warm-up: the first requests pay for loading and compiling the route's code.
    await autocannon({ url, headers, connections: 1, duration: 1 });
    const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    rows.push(`| ${name} | ${result.latency.p50} | ${result.latency.p99} | ${Math.round(result.requests.average)} |`);
  }
} finally {
  server.child.kill('SIGTERM');
}

const nodeMs = processMs(process.execPath, ['-e', '0']);
const statusMs = processMs(process.execPath, [bin, 'status', '--json']);
const hasTimew = spawnSync('timew', ['--version']).status === 0;
const timewMs = hasTimew ? processMs('timew', [], { TIMEWARRIORDB: timewarriorDb(SIZE) }) : null;

console.log(
  `\nstint serve with ${SIZE.toLocaleString('en')} sessions (3 running): autocannon, ${CONNECTIONS} connections, ${SECONDS} s per route\n`,
);
console.log('| route | p50 (ms) | p99 (ms) | requests/s |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log(`\nThe same question asked by starting a process (median of ${RUNS} runs):`);
console.log(`  node -e 0               ${nodeMs.toFixed(1)} ms`);
console.log(`  stint status --json     ${statusMs.toFixed(1)} ms (${(statusMs / nodeMs).toFixed(2)}× node -e 0)`);
if (timewMs !== null)
  console.log(`  timew (${SIZE.toLocaleString('en')} intervals)  ${timewMs.toFixed(1)} ms (${(timewMs / nodeMs).toFixed(2)}× node -e 0)`);
else console.log('  timew                   not installed');
rmSync(work, { recursive: true, force: true });

// `npm run bench`, part 1 (bench/all.mjs runs it on each Node line): generates histories of finished sessions through the store, then times the
// commands that matter at each size against `node -e 0` in the same run, and prints medians,
// ratios, the budgets of the scale issue and the peak memory of the largest run.
// Uses hyperfine when installed, a Node harness otherwise. BENCH_SIZES=1000,10000 to shorten;
// BENCH_RUNS and BENCH_ROUNDS set how many runs each measurement takes and how many rounds.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { instructions } from './lines.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/stint.js');
const NOW = '2026-11-20T12:00:00Z';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// The Node line under test (bench/all.mjs runs this file once per line).
const node = process.env.BENCH_NODE_BIN ?? process.execPath;
// BENCH_HASH_SEED=42: every measured Node run (node -e 0 included) gets `--hash-seed=42`. V8
// otherwise picks a random hash seed at start and tests random numbers for primality, which
// moves a run's instruction count by ±5M; with a fixed seed it is steady to ±0.1M. Every run of
// stint gets it, the prepares' too: V8 rejects a code cache made under other flags.
const SEED = process.env.BENCH_HASH_SEED;
const seedArgs = SEED ? [`--hash-seed=${SEED}`] : [];
const nodeLine = [node, ...seedArgs].join(' ');
const weekAgo = new Date(Date.parse(NOW) - 6 * 86_400_000).toISOString().slice(0, 10);

// `startup: true` marks issue 13's startup budgets, which must hold on every Node line; with
// BENCH_CALLGRIND=1 they are also counted in instructions at the largest size.
const COMMANDS = [
  { name: 'status', args: ['status'], budget: 1.3, startup: true },
  { name: 'start', args: ['start', 'bench-task'], prepare: ['stop', '--all'], budget: 1.5, startup: true },
  { name: 'stop', args: ['stop'], prepare: ['start', 'bench-task'], budget: 1.5, startup: true },
  { name: 'list last 7 days', args: ['list', '--from', weekAgo], budget: 2, startup: true },
  { name: 'month (list --month --json)', args: ['list', '--month', '--json'], budget: 2 },
  { name: 'whole history (list --json)', args: ['list', '--json'], budget: 5 },
  { name: 'whole history filtered (list --task coding --json)', args: ['list', '--task', 'coding', '--json'], budget: 5 },
  { name: 'month report (report --month)', args: ['report', '--month'], budget: 2, startup: true },
  { name: 'month report by day (report --month --by day --json)', args: ['report', '--month', '--by', 'day', '--json'], budget: 2 },
  // Whole-history summaries: month tallies come from the digest cache (kept warm by the runs)…
  { name: 'stats', args: ['stats'], budget: 5 },
  { name: 'badges', args: ['badges'], budget: 5 },
  // …and without it: the first run after a change of time zone (or of the tally's format). Only
  // the tallies are removed: cache/ also holds the V8 code cache (v8-*.bin), whose cold cost is
  // the startup part's "cold" row, and removing it here measured two cold starts in one.
  { name: 'stats, cache removed first', args: ['stats'], prepareShell: (home) => `rm -f ${home}/cache/*.json`, budget: 5 },
];

// BENCH_STARTUP_ONLY=1: only the startup-budget commands (a quicker run; no peak RSS of the
// whole-history ones).
if (process.env.BENCH_STARTUP_ONLY === '1') COMMANDS.splice(0, COMMANDS.length, ...COMMANDS.filter((c) => c.startup));

const hasHyperfine = spawnSync('hyperfine', ['--version']).status === 0;
const quote = (args) => args.map((a) => (/^[\w./:=-]+$/.test(a) ? a : `'${a}'`)).join(' ');

function stint(env, args) {
  return spawnSync(node, [...seedArgs, bin, ...args], { env, stdio: 'ignore' }).status;
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** Median wall times in ms of `node -e 0` and of one command, measured side by side. */
function timePair(env, baseline, command) {
  if (hasHyperfine) {
    const out = join(env.STINT_HOME, '..', 'hyperfine.json');
    const prepare = command.prepareShell
      ? command.prepareShell(env.STINT_HOME)
      : command.prepare
        ? `${nodeLine} ${bin} ${quote(command.prepare)}`
        : 'true';
    const args = ['-N', '--warmup', '3', '--runs', String(RUNS), '--export-json', out, '--style', 'none'];
    args.push('--prepare', 'true', '--prepare', prepare, baseline, command.command);
    const run = spawnSync('hyperfine', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`hyperfine failed: ${run.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')).results.map((r) => r.median * 1000);
  }
  // Interleaved, so drift on a shared machine hits both alike.
  const samples = [[], []];
  for (let i = 0; i < RUNS + 3; i += 1) {
    [baseline, command.command].forEach((line, k) => {
      if (k === 1 && command.prepare) stint(env, command.prepare);
      if (k === 1 && command.prepareShell) spawnSync('sh', ['-c', command.prepareShell(env.STINT_HOME)]);
      const [cmd, ...rest] = line.split(' ');
      const t = process.hrtime.bigint();
      spawnSync(cmd, rest, { env, stdio: 'ignore' });
      if (i >= 3) samples[k].push(Number(process.hrtime.bigint() - t) / 1e6);
    });
  }
  return samples.map(median);
}

/**
 * Each command is timed next to its own `node -e 0`, in ROUNDS rounds; the ratio reported is
 * the median of the rounds' ratios, which a noisy neighbour moves far less than raw times.
 */
function measure(env, command) {
  const rounds = Array.from({ length: ROUNDS }, () => timePair(env, `${nodeLine} -e 0`, command));
  return {
    ms: median(rounds.map(([, ms]) => ms)),
    base: median(rounds.map(([base]) => base)),
    ratio: median(rounds.map(([base, ms]) => ms / base)),
  };
}

function peakRss(env, args) {
  const file = join(env.STINT_HOME, '..', 'rss.txt');
  spawnSync(node, ['-r', join(root, 'bench/peak-rss.cjs'), bin, ...args], { env: { ...env, BENCH_RSS_FILE: file }, stdio: 'ignore' });
  return Number(readFileSync(file, 'utf8').trim().split('\n').pop()) / 1024;
}

const CALLGRIND = process.env.BENCH_CALLGRIND === '1';
const counted = new Map();
/**
 * How many callgrind runs each count is the median of. Unseeded, V8 draws its hash seed at
 * every start and finds primes for it, at a cost that varies by several million instructions
 * with the draw (`node -e 0` counted 83.3M to 96.5M, README, Performance): with a median of 3,
 * two runs of the same build put `status` on Node 20 at 1.22× and 1.34×.
 */
const COUNTS = Number(process.env.BENCH_COUNTS ?? 7);
if (!Number.isInteger(COUNTS) || COUNTS < 1)
  throw new Error(`BENCH_COUNTS must be a whole number above 0, not ${process.env.BENCH_COUNTS}`);
const medianOfCounts = (count) => median(Array.from({ length: COUNTS }, () => count()));

/** Instructions (median of COUNTS runs) of node -e 0 and of each startup-budget command. */
function countInstructions(env) {
  const shell = (args) => `${nodeLine} ${bin} ${quote(args)}`;
  counted.set(
    'node -e 0',
    medianOfCounts(() => instructions(env, `${nodeLine} -e 0`)),
  );
  for (const c of COMMANDS.filter((command) => command.startup)) {
    // As before the timed runs: `start` leaves its session running, and a `start` does not stop
    // another, so without this every counted `stop` found two or more running and failed
    // ("Several sessions running", ~35M instructions less than a stop that does its work).
    if (c.name === 'stop') stint(env, ['stop', '--all']);
    // One run first, so each counted run finds the store as the timed runs did.
    if (c.prepare) stint(env, c.prepare);
    stint(env, c.args);
    counted.set(
      c.name,
      medianOfCounts(() => instructions(env, shell(c.args), c.prepare && shell(c.prepare))),
    );
  }
}

const results = new Map(COMMANDS.map((c) => [c.name, {}]));
const baseline = {};
let peak = { mb: 0, name: '' };
for (const size of SIZES) {
  const work = mkdtempSync(join(tmpdir(), 'stint-bench-'));
  // The caller's environment, as a user's shell would pass it (variables such as
  // NODE_EXTRA_CA_CERTS slow every Node start, the baseline's too); BENCH_CLEAN_ENV=1 drops NODE_*.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !(process.env.BENCH_CLEAN_ENV && k.startsWith('NODE_')) && !k.startsWith('npm_')),
  );
  const env = { ...inherited, HOME: work, STINT_HOME: join(work, 'data'), STINT_NOW: NOW };
  const started = performance.now();
  execFileSync(node, [join(root, 'dist/bench-generate.cjs'), env.STINT_HOME, String(size)], { env, stdio: 'ignore' });
  console.error(`${size} sessions generated through the store in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  for (const c of COMMANDS) {
    // start needs one session running for its prepare (stop --all) to stop; stop needs none.
    if (c.name === 'start') stint(env, ['start', 'bench-task']);
    if (c.name === 'stop') stint(env, ['stop', '--all']);
    const result = measure(env, { ...c, command: `${nodeLine} ${bin} ${quote(c.args)}` });
    results.get(c.name)[size] = result;
    baseline[size] = Math.min(baseline[size] ?? Infinity, result.base);
  }
  if (size === SIZES[SIZES.length - 1]) {
    if (CALLGRIND) countInstructions(env);
    for (const c of COMMANDS) {
      const mb = peakRss(env, c.args);
      if (mb > peak.mb) peak = { mb, name: c.name };
    }
  }
  rmSync(work, { recursive: true, force: true });
}

const largest = SIZES[SIZES.length - 1];
const smallest = SIZES[0];
const lines = [
  `| command | ${SIZES.map((s) => `${s.toLocaleString('en')} (ms)`).join(' | ')} | ratio at ${largest.toLocaleString('en')} | budget |`,
  `| --- | ${SIZES.map(() => '---:').join(' | ')} | ---: | --- |`,
  `| node -e 0 (fastest round) | ${SIZES.map((s) => baseline[s].toFixed(1)).join(' | ')} | 1.00× | |`,
];
const verdict = (ratio, budget) => (ratio <= budget ? 'PASS' : 'FAIL');
const failed = [];
for (const c of COMMANDS) {
  const row = results.get(c.name);
  const { ratio } = row[largest];
  if (c.startup && ratio > c.budget) failed.push(c.name);
  lines.push(
    `| ${c.name} | ${SIZES.map((s) => row[s].ms.toFixed(1)).join(' | ')} | ${ratio.toFixed(2)}× | ≤ ${c.budget}× ${verdict(ratio, c.budget)} |`,
  );
}
console.log(lines.join('\n'));
const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
const startupCount = COMMANDS.filter((c) => c.startup).length;
console.log(
  `\nNode ${nodeVersion}, startup budgets at ${largest.toLocaleString('en')} sessions (wall clock): ${failed.length === 0 ? 'PASS' : 'FAIL'}, ${startupCount - failed.length} of ${startupCount} hold${failed.length > 0 ? `; over: ${failed.join(', ')}` : ''}`,
);
if (CALLGRIND) {
  const base = counted.get('node -e 0');
  const over = [];
  const table = [
    `\n| instructions at ${largest.toLocaleString('en')} (callgrind, median of ${COUNTS}) | instructions | ratio | budget |`,
    '| --- | ---: | ---: | --- |',
    `| node -e 0 | ${(base / 1e6).toFixed(1)}M | 1.00× | |`,
  ];
  for (const c of COMMANDS.filter((command) => command.startup)) {
    const ratio = counted.get(c.name) / base;
    if (ratio > c.budget) over.push(c.name);
    table.push(
      `| ${c.name} | ${(counted.get(c.name) / 1e6).toFixed(1)}M | ${ratio.toFixed(2)}× | ≤ ${c.budget}× ${verdict(ratio, c.budget)} |`,
    );
  }
  console.log(table.join('\n'));
  console.log(
    `\nNode ${nodeVersion}, startup budgets at ${largest.toLocaleString('en')} sessions (instructions): ${over.length === 0 ? 'PASS' : 'FAIL'}, ${startupCount - over.length} of ${startupCount} hold${over.length > 0 ? `; over: ${over.join(', ')}` : ''}`,
  );
}
for (const name of ['start', 'stop']) {
  const row = results.get(name);
  const growth = row[largest].ratio / row[smallest].ratio - 1;
  console.log(
    `${name} at ${largest.toLocaleString('en')} vs ${smallest.toLocaleString('en')} (ratios to node -e 0): ${(growth * 100).toFixed(1)}% (budget ≤ 10%)`,
  );
}
console.log(`peak RSS at ${largest.toLocaleString('en')}: ${peak.mb.toFixed(0)} MB (${peak.name}; budget ≤ 150 MB)`);
console.log(
  `timer: ${hasHyperfine ? 'hyperfine' : 'node harness'}; each command next to its own node -e 0, ${RUNS} runs each, median of ${ROUNDS} rounds' ratios`,
);
console.log(
  `environment: Node ${nodeVersion}, NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS && !process.env.BENCH_CLEAN_ENV ? 'set' : 'not set'}, TZ ${process.env.TZ ?? '(system)'}, hash seed ${SEED ?? 'random'}`,
);

// Issue 6: importing 100,000 Watson frames must finish within 15 s (an absolute budget: a
// one-off command, not a startup ratio), holding the store lock once.
if (!process.env.BENCH_SKIP_IMPORT) {
  const work = mkdtempSync(join(tmpdir(), 'stint-bench-import-'));
  const frames = join(work, 'frames');
  const day0 = Date.parse('2008-01-01T07:00:00Z') / 1000;
  const projects = ['coding', 'review', 'client work', 'écriture', 'meetings', 'a very long project name'];
  const list = Array.from({ length: 100_000 }, (_, i) => {
    const start = day0 + Math.floor(i / 15) * 86_400 + (i % 15) * 2_700;
    const id = i.toString(16).padStart(32, '0');
    return [start, start + 1_800, projects[i % projects.length], id, i % 3 ? ['work'] : [], start + 1_800];
  });
  writeFileSync(frames, JSON.stringify(list));
  const env = { ...process.env, HOME: work, STINT_HOME: join(work, 'data'), STINT_NOW: NOW };
  const timed = () => {
    const started = performance.now();
    const run = spawnSync(node, [bin, 'import', frames], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
    return (performance.now() - started) / 1000;
  };
  const first = timed();
  const again = timed();
  console.log(
    `import of 100,000 Watson frames: ${first.toFixed(2)} s into an empty store, ${again.toFixed(2)} s again (all duplicates); budget ≤ 15 s`,
  );
  rmSync(work, { recursive: true, force: true });
}

import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { INTERRUPTED } from '../../src/core/jobs.js';
import { withStoreLock } from '../../src/store/lock.js';
import { SYNC_LOCK } from '../../src/store/sync-file.js';
import { makeSession } from '../helpers/factories.js';
import { seedStore } from '../helpers/seed.js';
import { seedWith, stintIn } from '../helpers/in-home.js';
import { snapshotDir, spawnStint, stint, useTempHome, useWorkDir } from '../helpers/spawn.js';

let work = '';
let home = '';
useWorkDir('stint-jobs-', (dir) => (work = dir));
useTempHome((dir) => (home = dir));

const at = (now: string, ...args: string[]) => stint(args, { home, now });
const json = async (now: string, ...args: string[]) => {
  const result = await at(now, ...args, '--json');
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
};
/** Setting up (adding the jobs) and reading back in-process: the same commands on the same files. */
const seed = (now: string, ...args: string[]) => seedWith(args, { home, now });
/** The nightly backup job two tests add: into `backups`, keeping two copies. */
const nightlyBackup = (backups: string) =>
  ['jobs', 'add', 'nightly', '--type', 'backup', '--cron', '0 3 * * *', '--config', `target=${backups}`, '--config', 'keep=2'] as const;
const seedJson = async (now: string, ...args: string[]) => JSON.parse((await seed(now, ...args, '--json')).stdout);

test('a nightly backup: one jobs add line, then ticks from crontab; a missed night is caught up once', async () => {
  await seedStore(home, [makeSession({ id: 1, uid: 'one' })]);
  const backups = join(work, 'backups');
  mkdirSync(backups);
  const added = await json('2026-01-10T12:00:00Z', ...nightlyBackup(backups));
  expect(Object.keys(added)).toEqual([
    'job_id',
    'name',
    'description',
    'type',
    'schedule',
    'config',
    'enabled',
    'created_at',
    'updated_at',
    'last_run',
    'next_run',
  ]);
  expect(added).toMatchObject({ job_id: 1, type: 'backup', enabled: true, last_run: null, next_run: '2026-01-11T03:00:00+01:00' });

  // Nothing due before 03:00; three nights missed, then one run.
  expect((await json('2026-01-11T01:00:00Z', 'jobs', 'tick')).executions).toEqual([]);
  const caught = await json('2026-01-14T08:00:00Z', 'jobs', 'tick');
  expect(caught.executions).toHaveLength(1);
  expect(caught.executions[0]).toMatchObject({ job_id: 1, status: 'completed', error: null });
  expect((await json('2026-01-14T08:05:00Z', 'jobs', 'tick')).executions).toEqual([]);
  const [made] = readdirSync(backups);
  expect(made).toBe('stint-20260114-090000-j1');
  // The copy is a store stint reads.
  const copied = await seedWith(['list', '--json'], { home: join(backups, made as string), now: '2026-01-14T08:05:00Z' });
  expect(JSON.parse(copied.stdout).total).toBe(1);

  // keep=2: the oldest of this job's backups goes.
  await at('2026-01-15T08:00:00Z', 'jobs', 'tick');
  await at('2026-01-16T08:00:00Z', 'jobs', 'tick');
  expect(readdirSync(backups).sort()).toEqual(['stint-20260115-090000-j1', 'stint-20260116-090000-j1']);
  expect(await seedJson('2026-01-16T08:00:00Z', 'jobs', 'stats')).toEqual({
    total_jobs: 1,
    active_jobs: 1,
    total_executions: 3,
    successful_executions: 3,
    failed_executions: 0,
  });
});

test('two ticks at the same moment run a due job once', async () => {
  const out = join(work, 'week.md');
  await seed('2026-01-10T12:00:00Z', 'jobs', 'add', 'weekly', '--type', 'summary', '--cron', '@daily', '--config', `target=${out}`);
  const now = '2026-01-12T12:00:00Z';
  const both = await Promise.all([
    spawnStint(['jobs', 'tick', '--json'], { home, now }).done,
    spawnStint(['jobs', 'tick', '--json'], { home, now }).done,
  ]);
  const runs = both.flatMap((r) => JSON.parse(r.stdout).executions);
  expect(runs).toHaveLength(1);
  expect((await seedJson(now, 'jobs', 'history', '1')).executions).toHaveLength(1);
  expect(existsSync(out)).toBe(true);
});

test('a failing job is recorded as failed, exit 1, and the others in the tick still run', async () => {
  await seed(
    '2026-01-10T12:00:00Z',
    'jobs',
    'add',
    'lost',
    '--type',
    'summary',
    '--cron',
    '@daily',
    '--config',
    `target=${join(work, 'gone', 'x.md')}`,
  );
  await seed(
    '2026-01-10T12:00:00Z',
    'jobs',
    'add',
    'fine',
    '--type',
    'summary',
    '--cron',
    '@daily',
    '--config',
    `target=${join(work, 'x.json')}`,
  );
  const tick = await at('2026-01-12T12:00:00Z', 'jobs', 'tick', '--json');
  expect(tick.code).toBe(1);
  const executions = JSON.parse(tick.stdout).executions;
  expect(executions.map((e: { job_id: number; status: string }) => [e.job_id, e.status])).toEqual([
    [1, 'failed'],
    [2, 'completed'],
  ]);
  expect(executions[0].error).toMatch(/gone/);
  expect(await seedJson('2026-01-12T12:00:00Z', 'jobs', 'stats')).toMatchObject({
    total_executions: 2,
    successful_executions: 1,
    failed_executions: 1,
  });
});

test('cleanup deletes only old matching files directly inside its path; --dry-run lists them', async () => {
  const logs = join(work, 'logs');
  mkdirSync(join(logs, 'sub'), { recursive: true });
  const now = '2026-01-20T12:00:00Z';
  const age = (file: string, days: number) => {
    writeFileSync(join(logs, file), 'x');
    const when = new Date(Date.parse(now) - days * 86_400_000);
    utimesSync(join(logs, file), when, when);
  };
  age('old.log', 10);
  age('young.log', 2);
  age('old.txt', 10);
  writeFileSync(join(logs, 'sub', 'deep.log'), 'x');
  utimesSync(join(logs, 'sub', 'deep.log'), new Date(0), new Date(0));
  await seed(
    now,
    'jobs',
    'add',
    'logs',
    '--type',
    'cleanup',
    '--cron',
    '@weekly',
    '--config',
    `path=${logs}`,
    '--config',
    'pattern=*.log',
    '--config',
    'days=7',
  );
  const dry = await at(now, 'jobs', 'run', '1', '--dry-run');
  expect([dry.code, dry.stdout]).toEqual([0, 'would delete 1 file: old.log\n']);
  expect(readdirSync(logs).sort()).toEqual(['old.log', 'old.txt', 'sub', 'young.log']);
  expect((await seedJson(now, 'jobs', 'history', '1')).executions).toEqual([]);
  const run = await json(now, 'jobs', 'run', '1');
  expect(run).toMatchObject({ job_id: 1, status: 'completed', result: 'deleted 1 file: old.log' });
  expect(readdirSync(logs).sort()).toEqual(['old.txt', 'sub', 'young.log']);
  expect(readdirSync(join(logs, 'sub'))).toEqual(['deep.log']);
});

// The first row through the bin (the exit code and the one line of a real process), the others
// in-process on the same files (stintIn): the same check, error and store, without a Node start-up.
test.each([
  [['--type', 'backup', '--cron', 'every day', '--config', 'target=/tmp'], /Invalid schedule/, stint],
  [['--type', 'backup', '--cron', '0 3 * * * *', '--config', 'target=/tmp'], /five fields/, stintIn],
  [['--type', 'mail', '--cron', '@daily'], /mail/, stintIn],
  [['--type', 'backup', '--cron', '@daily'], /target/, stintIn],
  [
    ['--type', 'cleanup', '--cron', '@daily', '--config', 'path=/', '--config', 'pattern=*', '--config', 'days=1'],
    /Invalid config/,
    stintIn,
  ],
  [
    ['--type', 'cleanup', '--cron', '@daily', '--config', 'path=/tmp', '--config', 'pattern=../*', '--config', 'days=1'],
    /Invalid config/,
    stintIn,
  ],
])('jobs add %j is refused with exit 2, nothing stored', async (args, message, how) => {
  await seedStore(home, [makeSession({ id: 1, uid: 'one' })]);
  const before = snapshotDir(home);
  const result = await how(['jobs', 'add', 'bad', ...args], { home, now: '2026-01-10T12:00:00Z' });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(snapshotDir(home)).toEqual(before);
});

test('the daemon fires a job at its minute, logs it, and stops cleanly on SIGTERM', async () => {
  const out = join(work, 'today.json');
  await seed(
    '2026-01-10T12:00:00Z',
    'jobs',
    'add',
    'soon',
    '--type',
    'summary',
    '--cron',
    '* * * * *',
    '--config',
    `target=${out}`,
    '--config',
    'period=day',
  );
  // One second before a minute (its clock starts once it runs, boot aside): due at 12:01:00.
  const { child, done } = spawnStint(['jobs', 'daemon'], { home, now: '2026-01-10T12:00:59Z' });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const deadline = Date.now() + 20_000;
  while (!stdout.includes('job #1 soon') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(stdout).toMatch(/job #1 soon: wrote the day report/);
  // Local time as every human line writes it (TZ=Europe/Paris), never UTC ISO with milliseconds.
  expect(stdout).toMatch(/^stint jobs daemon started at 13:00; Ctrl-C stops it\.\n13:01 job #1 soon: /);
  child.kill('SIGTERM');
  const result = await done;
  expect([result.code, result.signal]).toEqual([0, null]);
  expect(result.stdout).toMatch(/daemon stopped\.\n$/);
  expect(existsSync(out)).toBe(true);
}, 30_000);

test('an unreadable jobs.json stops jobs commands with exit 1 and is left as it was', async () => {
  await seed(
    '2026-01-10T12:00:00Z',
    'jobs',
    'add',
    'daily',
    '--type',
    'summary',
    '--cron',
    '@daily',
    '--config',
    `target=${join(work, 'x.md')}`,
  );
  writeFileSync(join(home, 'jobs.json'), '{"version": 1, "jobs": [');
  const before = snapshotDir(home);
  for (const args of [
    ['jobs', 'list'],
    ['jobs', 'tick'],
    ['jobs', 'add', 'more', '--type', 'summary', '--cron', '@daily', '--config', `target=${join(work, 'y.md')}`],
  ]) {
    const result = await at('2026-01-12T12:00:00Z', ...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/jobs\.json: not valid JSON/);
  }
  expect(snapshotDir(home)).toEqual(before);
  // Sessions do not depend on it.
  expect((await at('2026-01-12T12:00:00Z', 'status')).code).toBe(0);
});

test('jobs run --dry-run of a backup or a summary says what it would do and writes and deletes nothing', async () => {
  await seedStore(home, [makeSession({ id: 1, uid: 'one' })]);
  const backups = join(work, 'backups');
  // Two copies of this job (marked as its own, as a run marks them) and one folder it did not mark.
  for (const name of ['stint-20260101-090000-j1', 'stint-20260102-090000-j1']) {
    mkdirSync(join(backups, name), { recursive: true });
    writeFileSync(join(backups, name, 'stint-backup.json'), `${JSON.stringify({ job_id: 1, name })}\n`);
  }
  mkdirSync(join(backups, 'stint-20251231-090000-j1'));
  const now = '2026-01-14T08:00:00Z';
  await seed(now, ...nightlyBackup(backups));
  await seed(now, 'jobs', 'add', 'weekly', '--type', 'summary', '--cron', '@weekly', '--config', `target=${join(work, 'week.md')}`);
  const before = snapshotDir(work);
  const backup = await at(now, 'jobs', 'run', '1', '--dry-run');
  expect([backup.code, backup.stdout]).toEqual([
    0,
    `would back up the store to ${join(backups, 'stint-20260114-090000-j1')}; would remove 1 older backup; left stint-20251231-090000-j1 (not marked as this job's copy)\n`,
  ]);
  const summary = await at(now, 'jobs', 'run', '2', '--dry-run');
  expect([summary.code, summary.stdout]).toEqual([
    0,
    `would write the week report (2026-01-05 → 2026-01-11) to ${join(work, 'week.md')}\n`,
  ]);
  expect(snapshotDir(work)).toEqual(before);
  expect(await seedJson(now, 'jobs', 'stats')).toMatchObject({ total_executions: 0 });
});

test('a run whose process is killed mid-way is then failed, interrupted, not running for good', async () => {
  await seedStore(home, [makeSession({ id: 1, uid: 'one' })]);
  const backups = join(work, 'backups');
  mkdirSync(backups);
  const now = '2026-01-14T08:00:00Z';
  await seed(now, ...nightlyBackup(backups));
  // The backup waits for sync.lock, held here as a sync would hold it: the kill lands mid-run.
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const holding = withStoreLock(home, () => held, undefined, SYNC_LOCK);
  const { child, done } = spawnStint(['jobs', 'run', '1'], { home, now });
  const running = () => {
    try {
      return JSON.parse(readFileSync(join(home, 'jobs.json'), 'utf8')).executions.some((e: { status: string }) => e.status === 'running');
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 10_000;
  while (!running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(running()).toBe(true);
  child.kill('SIGKILL');
  expect((await done).signal).toBe('SIGKILL');
  release();
  await holding;
  const [execution] = (await seedJson(now, 'jobs', 'history', '1')).executions;
  expect(execution).toMatchObject({ status: 'failed', error: INTERRUPTED, completed_at: expect.any(String) });
  expect(await seedJson(now, 'jobs', 'stats')).toMatchObject({ total_executions: 1, successful_executions: 0, failed_executions: 1 });
  // The next run is not held up by it, and ends as itself.
  expect(await seedJson(now, 'jobs', 'run', '1')).toMatchObject({ status: 'completed' });
}, 30_000);

import { StintError } from '../../core/errors.js';
import { findJob, type Execution, type Job } from '../../core/jobs.js';
import { claimJobs, runClaims as runShared, type Claim } from '../../jobs/execute.js';
import { isDue, nextRun } from '../../core/schedule.js';
import { JOB_KINDS } from '../../jobs/index.js';
import type { RunContext } from '../../jobs/runner.js';
import { formatInstant } from '../../render/format.js';
import { escapeUnprintable } from '../../core/labels.js';
import { executionJson } from '../../render/jobs.js';
import type { Context } from '../context.js';
import { movingClock } from '../deps.js';
import { describeFailure, failureText, formatFailure } from '../errors.js';
import { executionText } from './jobs.js';

/**
 * Claims and runs jobs with the command's store, files and clock: `clock` says when each run
 * ended (the daemon's moves on from STINT_NOW; the fixed one would end runs before they began).
 */
const claim = (ctx: Context, now: Date, pick: (jobs: Job[]) => Job[]) => claimJobs(ctx.deps.store, now, pick);
const runClaims = (ctx: Context, claims: Claim[], now: Date, clock: () => Date = ctx.deps.now): Promise<Execution[]> =>
  runShared(claims, runContext(ctx, now, false), clock);

const runContext = (ctx: Context, now: Date, dryRun: boolean): RunContext => ({
  store: ctx.deps.store,
  now,
  files: ctx.deps.files,
  home: ctx.deps.home,
  dataDir: ctx.deps.dataDir,
  dryRun,
  sync: { exec: ctx.deps.exec, env: ctx.deps.env, newUid: ctx.deps.newUid, describe: failureText },
});

const dueJobs = (now: Date) => (jobs: Job[]) => jobs.filter((j) => j.enabled && isDue(j, now));

/**
 * The due jobs, claimed. Looked for first without the lock: most minutes a tick from crontab finds
 * nothing due, and then takes no lock and writes nothing (with no store yet, it creates none).
 */
async function claimDue(ctx: Context, now: Date): Promise<Claim[]> {
  if (dueJobs(now)((await ctx.deps.store.jobs.read()).jobs).length === 0) return [];
  return claim(ctx, now, dueJobs(now));
}

function report(ctx: Context, executions: Execution[], names: Map<number, string>, asList: boolean, now: Date): number {
  const views = executions.map(executionJson);
  if (ctx.json) ctx.printJson(asList ? { executions: views } : views[0]);
  else ctx.print(views.map((e) => executionText(e, names.get(e.job_id) ?? '', now)).join(''));
  // The executions are what the command prints (SPEC); a failed one is also the command's error,
  // said on stderr as every error is, so a script reading stderr or a cron mail sees it.
  const failed = views.filter((e) => e.status === 'failed');
  for (const e of failed) {
    const message = `job #${e.job_id} ${names.get(e.job_id) ?? ''}: ${e.error ?? 'failed'} (execution ${e.execution_id})`;
    ctx.deps.stderr(formatFailure({ exitCode: 1, title: 'Job failed', message }, ctx.json));
  }
  return failed.length > 0 ? 1 : 0;
}

/** `jobs run <id>`: now, whatever the schedule; `--dry-run` records nothing. */
export async function jobRun(options: { id: number; dryRun?: boolean | undefined }, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  if (options.dryRun) {
    const job = findJob(await ctx.deps.store.jobs.read(), options.id);
    // One printable line, as a run's recorded result (execute.ts).
    const result = escapeUnprintable(await JOB_KINDS[job.type].run(job, runContext(ctx, now, true)));
    if (ctx.json) ctx.printJson({ job_id: job.id, dry_run: true, result });
    else ctx.print(`${result}\n`);
    return 0;
  }
  const claims = await claim(ctx, now, (jobs) => [findJob({ next_job_id: 0, next_execution_id: 0, jobs, executions: [] }, options.id)]);
  const names = new Map(claims.map((c) => [c.job.id, c.job.name]));
  return report(ctx, await runClaims(ctx, claims, now), names, false, ctx.deps.now());
}

/** `jobs tick`: every enabled job with a slot due since its last run, once each. */
export async function jobTick(_options: object, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const claims = await claimDue(ctx, now);
  if (claims.length === 0) {
    if (ctx.json) ctx.printJson({ executions: [] });
    else ctx.print('Nothing due.\n');
    return 0;
  }
  const names = new Map(claims.map((c) => [c.job.id, c.job.name]));
  return report(ctx, await runClaims(ctx, claims, now), names, true, ctx.deps.now());
}

/** The longest sleep between rounds: jobs added meanwhile are seen within a minute. */
const LONGEST_SLEEP_MS = 60_000;
/** The wait after a failed round, doubled after each failure in a row (up to LONGEST_SLEEP_MS). */
const FIRST_RETRY_MS = 1_000;

/**
 * A round that failed: a store that cannot be read ends the daemon (exit 1, naming the file: it
 * will not mend itself, and a daemon retrying it would only fill its log), as does a bug. Anything
 * else (the store locked past the wait, a lock lost, a full disk) passes: one line on stderr, and
 * the next round tries again.
 */
function survive(ctx: Context, error: unknown): void {
  const failure = describeFailure(error);
  const unreadable = error instanceof StintError && error.title === 'Store unreadable';
  if (unreadable || failure.title === 'Internal error') throw error;
  ctx.deps.stderr(formatFailure({ ...failure, message: `${failure.message} (jobs daemon: trying again next round)` }, ctx.json));
}

/** When to wake for the next round: the next slot of any enabled job, a minute at most. */
async function nextRound(ctx: Context, after: Date): Promise<number> {
  const { jobs } = await ctx.deps.store.jobs.read();
  return Math.min(
    after.getTime() + LONGEST_SLEEP_MS,
    ...jobs.filter((j) => j.enabled).map((j) => nextRun(j)?.getTime() ?? Number.POSITIVE_INFINITY),
  );
}

/**
 * `jobs daemon`: ticks, sleeps until the next slot of any enabled job (a minute at most, so jobs
 * added meanwhile are seen), and again, until SIGINT or SIGTERM; a job running then finishes
 * first. The clock starts at STINT_NOW when set and moves with real time. A round that fails for
 * a while (the store locked) is reported and tried again; an unreadable store ends it (survive).
 */
export async function jobDaemon(_options: object, ctx: Context): Promise<number> {
  const clock = movingClock(ctx.deps.now);
  let stopping = false;
  let wake = () => undefined as void;
  const unsubscribe = ctx.deps.onStop(() => {
    stopping = true;
    wake();
  });
  if (!ctx.json) ctx.print(`stint jobs daemon started at ${formatInstant(clock(), clock())}; Ctrl-C stops it.\n`);
  try {
    // After a failed round the job it could not claim is still due (its slot passed): the next
    // round waits 1 s, then twice as long after each failure in a row (a minute at most), so a
    // store that stays unwritable is one line a minute, not fifty a second.
    let backoff = 0;
    while (!stopping) {
      const now = clock();
      let failed = false;
      try {
        const claims = await claimDue(ctx, now);
        if (claims.length > 0)
          report(ctx, await runClaims(ctx, claims, now, clock), new Map(claims.map((c) => [c.job.id, c.job.name])), true, clock());
      } catch (error) {
        survive(ctx, error);
        failed = true;
      }
      if (stopping) break;
      const after = clock();
      let next = after.getTime() + LONGEST_SLEEP_MS;
      try {
        next = await nextRound(ctx, after);
      } catch (error) {
        survive(ctx, error);
        failed = true;
      }
      backoff = failed ? Math.min(backoff === 0 ? FIRST_RETRY_MS : backoff * 2, LONGEST_SLEEP_MS) : 0;
      if (backoff > 0) next = Math.max(next, after.getTime() + backoff);
      // A signal during the reads above found no sleep to cut short.
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, next - after.getTime()) + 20);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    unsubscribe();
  }
  if (!ctx.json) ctx.print('stint jobs daemon stopped.\n');
  return 0;
}

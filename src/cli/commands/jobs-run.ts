import { findJob, type Execution, type Job } from '../../core/jobs.js';
import { claimJobs, runClaims as runShared, type Claim } from '../../jobs/execute.js';
import { isDue, nextSlot } from '../../core/schedule.js';
import { JOB_KINDS } from '../../jobs/index.js';
import type { RunContext } from '../../jobs/runner.js';
import { formatInstant } from '../../render/format.js';
import { executionJson, executionLine } from '../../render/jobs.js';
import type { Context } from '../context.js';
import { movingClock } from '../deps.js';
import { failureText } from '../errors.js';

/** Claims and runs jobs with the command's store, files and clock. */
const claim = (ctx: Context, now: Date, pick: (jobs: Job[]) => Job[]) => claimJobs(ctx.deps.store, now, pick);
const runClaims = (ctx: Context, claims: Claim[], now: Date): Promise<Execution[]> =>
  runShared(claims, runContext(ctx, now, false), ctx.deps.now);

const runContext = (ctx: Context, now: Date, dryRun: boolean): RunContext => ({
  store: ctx.deps.store,
  now,
  files: ctx.deps.files,
  home: ctx.deps.home,
  dataDir: ctx.deps.dataDir,
  dryRun,
  sync: { exec: ctx.deps.exec, env: ctx.deps.env, newUid: ctx.deps.newUid, describe: failureText },
});

const dueJobs = (now: Date) => (jobs: Job[]) =>
  jobs.filter((j) => j.enabled && isDue(j.schedule, new Date(j.last_run ?? j.created_at), now));

function report(ctx: Context, executions: Execution[], names: Map<number, string>, asList: boolean, now: Date): number {
  const views = executions.map(executionJson);
  if (ctx.json) ctx.printJson(asList ? { executions: views } : views[0]);
  else ctx.print(views.map((e) => executionLine(e, names.get(e.job_id) ?? '', now)).join(''));
  return executions.some((e) => e.status === 'failed') ? 1 : 0;
}

/** `jobs run <id>`: now, whatever the schedule; `--dry-run` records nothing. */
export async function jobRun(options: { id: number; dryRun?: boolean | undefined }, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  if (options.dryRun) {
    const job = findJob(await ctx.deps.store.jobs.read(), options.id);
    const result = await JOB_KINDS[job.type].run(job, runContext(ctx, now, true));
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
  const claims = await claim(ctx, now, dueJobs(now));
  if (claims.length === 0) {
    if (ctx.json) ctx.printJson({ executions: [] });
    else ctx.print('Nothing due.\n');
    return 0;
  }
  const names = new Map(claims.map((c) => [c.job.id, c.job.name]));
  return report(ctx, await runClaims(ctx, claims, now), names, true, ctx.deps.now());
}

/**
 * `jobs daemon`: ticks, sleeps until the next slot of any enabled job (a minute at most, so jobs
 * added meanwhile are seen), and again, until SIGINT or SIGTERM; a job running then finishes
 * first. The clock starts at STINT_NOW when set and moves with real time.
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
    while (!stopping) {
      const now = clock();
      const claims = await claim(ctx, now, dueJobs(now));
      if (claims.length > 0)
        report(ctx, await runClaims(ctx, claims, now), new Map(claims.map((c) => [c.job.id, c.job.name])), true, clock());
      if (stopping) break;
      const { jobs } = await ctx.deps.store.jobs.read();
      const after = clock();
      const next = Math.min(after.getTime() + 60_000, ...jobs.filter((j) => j.enabled).map((j) => nextSlot(j.schedule, after).getTime()));
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

import { findJob, recordExecution, type Execution, type Job } from '../../core/jobs.js';
import { isDue, nextSlot } from '../../core/schedule.js';
import { toStoredInstant } from '../../core/time.js';
import { JOB_KINDS } from '../../jobs/index.js';
import type { RunContext } from '../../jobs/runner.js';
import { executionJson, executionLine } from '../../render/jobs.js';
import type { Context } from '../context.js';
import { movingClock } from '../deps.js';

interface Claim {
  job: Job;
  execution: Execution;
}

/**
 * Claims jobs in one locked change: records a `running` execution and moves `last_run` to now.
 * A second tick at the same moment waits for the lock, then finds nothing due: no job runs twice.
 */
async function claim(ctx: Context, now: Date, pick: (jobs: Job[]) => Job[]): Promise<Claim[]> {
  const at = toStoredInstant(now);
  return ctx.deps.store.jobs.update((data) =>
    pick(data.jobs).map((job) => {
      job.last_run = at;
      const execution = recordExecution(data, {
        job_id: job.id,
        status: 'running',
        started_at: at,
        completed_at: null,
        result: null,
        error: null,
      });
      return { job: structuredClone(job), execution };
    }),
  );
}

/** Runs claimed jobs one after the other, outside the lock (a backup takes it itself), and records each outcome. */
async function runClaims(ctx: Context, claims: Claim[], now: Date): Promise<Execution[]> {
  const done: Execution[] = [];
  for (const { job, execution } of claims) {
    let outcome: Pick<Execution, 'status' | 'result' | 'error'>;
    try {
      outcome = { status: 'completed', result: await JOB_KINDS[job.type].run(job, runContext(ctx, now, false)), error: null };
    } catch (error) {
      outcome = { status: 'failed', result: null, error: (error as Error).message };
    }
    const finished = await ctx.deps.store.jobs.update((data) => {
      const recorded = data.executions.find((e) => e.id === execution.id) ?? execution;
      Object.assign(recorded, outcome, { completed_at: toStoredInstant(ctx.deps.now()) });
      return { ...recorded };
    });
    done.push(finished);
  }
  return done;
}

const runContext = (ctx: Context, now: Date, dryRun: boolean): RunContext => ({
  store: ctx.deps.store,
  now,
  files: ctx.deps.files,
  home: ctx.deps.home,
  dataDir: ctx.deps.dataDir,
  dryRun,
  sync: { exec: ctx.deps.exec, env: ctx.deps.env, newUid: ctx.deps.newUid },
});

const dueJobs = (now: Date) => (jobs: Job[]) =>
  jobs.filter((j) => j.enabled && isDue(j.schedule, new Date(j.last_run ?? j.created_at), now));

function report(ctx: Context, executions: Execution[], names: Map<number, string>, asList: boolean): number {
  const views = executions.map(executionJson);
  if (ctx.json) ctx.printJson(asList ? { executions: views } : views[0]);
  else ctx.print(views.map((e) => executionLine(e, names.get(e.job_id) ?? '')).join(''));
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
  return report(ctx, await runClaims(ctx, claims, now), names, false);
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
  return report(ctx, await runClaims(ctx, claims, now), names, true);
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
  if (!ctx.json) ctx.print(`stint jobs daemon started at ${clock().toISOString()}; Ctrl-C stops it.\n`);
  try {
    while (!stopping) {
      const now = clock();
      const claims = await claim(ctx, now, dueJobs(now));
      if (claims.length > 0) report(ctx, await runClaims(ctx, claims, now), new Map(claims.map((c) => [c.job.id, c.job.name])), true);
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

import { findJob, parseConfigPairs, type Job, type JobType } from '../../core/jobs.js';
import { escapeUnprintable } from '../../core/labels.js';
import { refuse } from '../../jobs/config.js';
import { addJob, editJob, executionsOf, jobStatsOf, pageOfJobs, removeJob, setJobEnabled } from '../../jobs/operations.js';
import { executionJson, executionLine, jobJson, jobLine, jobLines, type ExecutionJson } from '../../render/jobs.js';
import type { Context } from '../context.js';

export interface JobAddOptions {
  name: string;
  type: JobType;
  cron: string;
  description?: string | undefined;
  config?: string[] | undefined;
  disabled?: boolean | undefined;
}

export interface JobEditOptions {
  id: number;
  name?: string | undefined;
  type?: JobType | undefined;
  cron?: string | undefined;
  description?: string | undefined;
  /** k=v sets a key; k= removes it. */
  config?: string[] | undefined;
}

const escaped = (text: string | null) => (text === null ? null : escapeUnprintable(text));

/**
 * An execution's line for a terminal. Results and errors are stored escaped (execute.ts), but an
 * older stint stored them as they came: a target path's escape sequence would act on the terminal.
 */
export const executionText = (e: ExecutionJson, name: string, now: Date): string =>
  executionLine({ ...e, result: escaped(e.result), error: escaped(e.error) }, name, now);

const places = (ctx: Context) => ({ home: ctx.deps.home, dataDir: ctx.deps.dataDir });

function printJob(job: Job, ctx: Context, verb: string): void {
  const view = jobJson(job);
  if (ctx.json) ctx.printJson(view);
  else ctx.print(`${verb} ${jobLine(view, ctx.deps.now())}`);
}

export async function jobAdd(options: JobAddOptions, ctx: Context): Promise<number> {
  const config = parseConfigPairs(options.config ?? []);
  const input = {
    name: options.name,
    type: options.type,
    schedule: options.cron,
    description: options.description,
    config,
    enabled: !options.disabled,
  };
  printJob(await addJob(ctx.deps.store, input, ctx.deps.now(), places(ctx)), ctx, 'Added');
  return 0;
}

export async function jobEdit(options: JobEditOptions, ctx: Context): Promise<number> {
  const changes = parseConfigPairs(options.config ?? []);
  const setAndRemove = (config: Record<string, string>, job: Job) => {
    for (const [key, value] of Object.entries(changes)) {
      if (value !== '') config[key] = value;
      else if (Object.hasOwn(config, key)) delete config[key];
      // As `git config --unset`: removing what is not there is a mistake worth saying.
      else throw refuse(`Job #${job.id} has no '${key}' setting to remove (it has ${Object.keys(config).join(', ') || 'none'})`);
    }
    return config;
  };
  const { name, type, cron: schedule, description } = options;
  const job = await editJob(
    ctx.deps.store,
    options.id,
    { name, type, schedule, description, config: setAndRemove },
    ctx.deps.now(),
    places(ctx),
  );
  printJob(job, ctx, 'Changed');
  return 0;
}

export async function jobShow(options: { id: number }, ctx: Context): Promise<number> {
  const data = await ctx.deps.store.jobs.read();
  const view = jobJson(findJob(data, options.id));
  if (ctx.json) ctx.printJson(view);
  else
    ctx.print(
      // Escaped: a description stored by an older stint, and a config's paths, may hold control characters.
      `${jobLine(view, ctx.deps.now())}  ${view.description ? `${escapeUnprintable(view.description)}\n  ` : ''}config ${escapeUnprintable(JSON.stringify(view.config))}\n`,
    );
  return 0;
}

export async function jobRemove(options: { id: number }, ctx: Context): Promise<number> {
  const job = await removeJob(ctx.deps.store, options.id);
  if (ctx.json) ctx.printJson({ message: 'Job deleted successfully', job_id: job.id, name: job.name });
  else ctx.print(`Deleted job #${job.id} ${job.name}.\n`);
  return 0;
}

export async function jobEnable(options: { id: number; enabled: boolean }, ctx: Context): Promise<number> {
  const job = await setJobEnabled(ctx.deps.store, options.id, options.enabled, ctx.deps.now());
  printJob(job, ctx, options.enabled ? 'Enabled' : 'Disabled');
  return 0;
}

export interface JobListOptions {
  type?: JobType | undefined;
  enabled?: 'true' | 'false' | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export async function jobList(options: JobListOptions, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const { jobs } = await ctx.deps.store.jobs.read();
  const page = options.page ?? 1;
  const size = options.pageSize ?? 10;
  const enabled = options.enabled === undefined ? undefined : options.enabled === 'true';
  const { matching, shown: page_ } = pageOfJobs(jobs, { type: options.type, enabled }, page, size);
  const shown = page_.map((j) => jobJson(j));
  if (ctx.json) {
    ctx.printJson({ jobs: shown, total: matching.length, page, page_size: size });
  } else if (matching.length === 0) {
    ctx.print(
      jobs.length === 0
        ? `No jobs yet. Add one with: ${ctx.command} jobs add <name> --type backup --cron "@daily" --config target=DIR\n`
        : 'No jobs match.\n',
    );
  } else {
    const pages = Math.ceil(matching.length / size);
    ctx.print(`${jobLines(shown, now)}${pages > 1 ? `Page ${page} of ${pages} (${matching.length} jobs); --page n for another.\n` : ''}`);
  }
  return 0;
}

export async function jobHistory(options: { id: number; limit?: number | undefined }, ctx: Context): Promise<number> {
  const data = await ctx.deps.store.jobs.read();
  const job = findJob(data, options.id);
  const executions = executionsOf(data, job.id, options.limit ?? 20).map(executionJson);
  if (ctx.json) ctx.printJson({ executions });
  else
    ctx.print(
      executions.length === 0
        ? `Job #${job.id} ${job.name} has not run yet.\n`
        : executions.map((e) => executionText(e, job.name, ctx.deps.now())).join(''),
    );
  return 0;
}

export async function jobStats(_options: object, ctx: Context): Promise<number> {
  const stats = jobStatsOf(await ctx.deps.store.jobs.read());
  if (ctx.json) ctx.printJson(stats);
  else {
    const { total_executions: total, successful_executions: completed, failed_executions: failed } = stats;
    ctx.print(
      `Jobs        ${stats.total_jobs} (${stats.active_jobs} enabled)\nExecutions  ${total}: ${completed} completed, ${failed} failed\n`,
    );
  }
  return 0;
}

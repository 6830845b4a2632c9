import { conflict } from '../../core/errors.js';
import { findJob, jobExecutions, parseConfigPairs, validateJobName, type Job, type JobType } from '../../core/jobs.js';
import { validateSchedule } from '../../core/schedule.js';
import { toStoredInstant } from '../../core/time.js';
import { checkJobConfig } from '../../jobs/index.js';
import { refuse } from '../../jobs/config.js';
import { executionJson, executionLine, jobJson, jobLine, jobLines } from '../../render/jobs.js';
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

const places = (ctx: Context) => ({ home: ctx.deps.home, dataDir: ctx.deps.dataDir });

function printJob(job: Job, ctx: Context, verb: string): void {
  const view = jobJson(job, ctx.deps.now());
  if (ctx.json) ctx.printJson(view);
  else ctx.print(`${verb} ${jobLine(view)}`);
}

/** Everything is checked before the store is touched: a refused job leaves nothing behind. */
export async function jobAdd(options: JobAddOptions, ctx: Context): Promise<number> {
  const name = validateJobName(options.name);
  const schedule = validateSchedule(options.cron);
  const config = checkJobConfig(options.type, parseConfigPairs(options.config ?? []), places(ctx));
  const at = toStoredInstant(ctx.deps.now());
  const job = await ctx.deps.store.jobs.update((data) => {
    if (data.jobs.some((j) => j.name === name)) throw conflict('Job exists', `A job named ${name} exists already`);
    const added: Job = {
      id: data.next_job_id,
      name,
      description: options.description?.trim() || null,
      type: options.type,
      schedule,
      config,
      enabled: !options.disabled,
      created_at: at,
      updated_at: at,
      last_run: null,
    };
    data.next_job_id += 1;
    data.jobs.push(added);
    return added;
  });
  printJob(job, ctx, 'Added');
  return 0;
}

export async function jobEdit(options: JobEditOptions, ctx: Context): Promise<number> {
  const name = options.name === undefined ? undefined : validateJobName(options.name);
  const schedule = options.cron === undefined ? undefined : validateSchedule(options.cron);
  const changes = parseConfigPairs(options.config ?? []);
  const job = await ctx.deps.store.jobs.update((data) => {
    const job = findJob(data, options.id);
    if (name !== undefined && data.jobs.some((j) => j.name === name && j.id !== job.id)) {
      throw conflict('Job exists', `A job named ${name} exists already`);
    }
    // No prototype, as parseConfigPairs: a key named `__proto__` is a key, to be refused.
    const config: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, job.config);
    for (const [key, value] of Object.entries(changes)) {
      if (value !== '') config[key] = value;
      else if (Object.hasOwn(config, key)) delete config[key];
      // As `git config --unset`: removing what is not there is a mistake worth saying.
      else throw refuse(`Job #${job.id} has no '${key}' setting to remove (it has ${Object.keys(config).join(', ') || 'none'})`);
    }
    const type = options.type ?? job.type;
    // The result must be a job that can run: checked whole, as at add.
    const checked = checkJobConfig(type, config, places(ctx));
    Object.assign(job, {
      name: name ?? job.name,
      type,
      schedule: schedule ?? job.schedule,
      description: options.description === undefined ? job.description : options.description.trim() || null,
      config: checked,
      updated_at: toStoredInstant(ctx.deps.now()),
    });
    return job;
  });
  printJob(job, ctx, 'Changed');
  return 0;
}

export async function jobShow(options: { id: number }, ctx: Context): Promise<number> {
  const data = await ctx.deps.store.jobs.read();
  const view = jobJson(findJob(data, options.id), ctx.deps.now());
  if (ctx.json) ctx.printJson(view);
  else ctx.print(`${jobLine(view)}  ${view.description ? `${view.description}\n  ` : ''}config ${JSON.stringify(view.config)}\n`);
  return 0;
}

export async function jobRemove(options: { id: number }, ctx: Context): Promise<number> {
  const job = await ctx.deps.store.jobs.update((data) => {
    const job = findJob(data, options.id);
    data.jobs = data.jobs.filter((j) => j.id !== job.id);
    data.executions = data.executions.filter((e) => e.job_id !== job.id);
    return job;
  });
  if (ctx.json) ctx.printJson({ message: 'Job deleted successfully', job_id: job.id, name: job.name });
  else ctx.print(`Deleted job #${job.id} ${job.name}.\n`);
  return 0;
}

export async function jobEnable(options: { id: number; enabled: boolean }, ctx: Context): Promise<number> {
  const job = await ctx.deps.store.jobs.update((data) => {
    const job = findJob(data, options.id);
    if (job.enabled !== options.enabled) {
      job.enabled = options.enabled;
      job.updated_at = toStoredInstant(ctx.deps.now());
    }
    return job;
  });
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
  const matching = jobs.filter(
    (j) =>
      (options.type === undefined || j.type === options.type) && (options.enabled === undefined || String(j.enabled) === options.enabled),
  );
  const page = options.page ?? 1;
  const size = options.pageSize ?? 10;
  const shown = matching.slice((page - 1) * size, page * size).map((j) => jobJson(j, now));
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
    ctx.print(`${jobLines(shown)}${pages > 1 ? `Page ${page} of ${pages} (${matching.length} jobs); --page n for another.\n` : ''}`);
  }
  return 0;
}

export async function jobHistory(options: { id: number; limit?: number | undefined }, ctx: Context): Promise<number> {
  const data = await ctx.deps.store.jobs.read();
  const job = findJob(data, options.id);
  const executions = jobExecutions(data, job.id, options.limit).map(executionJson);
  if (ctx.json) ctx.printJson({ executions });
  else
    ctx.print(
      executions.length === 0
        ? `Job #${job.id} ${job.name} has not run yet.\n`
        : executions.map((e) => executionLine(e, job.name)).join(''),
    );
  return 0;
}

export async function jobStats(_options: object, ctx: Context): Promise<number> {
  const { jobs, executions } = await ctx.deps.store.jobs.read();
  const stats = {
    total_jobs: jobs.length,
    active_jobs: jobs.filter((j) => j.enabled).length,
    total_executions: executions.length,
    successful_executions: executions.filter((e) => e.status === 'completed').length,
    failed_executions: executions.filter((e) => e.status === 'failed').length,
  };
  if (ctx.json) ctx.printJson(stats);
  else {
    const { total_executions: total, successful_executions: completed, failed_executions: failed } = stats;
    ctx.print(
      `Jobs        ${stats.total_jobs} (${stats.active_jobs} enabled)\nExecutions  ${total}: ${completed} completed, ${failed} failed\n`,
    );
  }
  return 0;
}

import { Hono, type Context } from 'hono';
import { invalidInput } from '../../core/errors.js';
import { findJob, type Execution, type Job, type JobType } from '../../core/jobs.js';
import { nextRun } from '../../core/schedule.js';
import { claimJobs, runClaims } from '../../jobs/execute.js';
import { addJob, editJob, executionsOf, jobStatsOf, pageOfJobs, plainConfig, removeJob, setJobEnabled } from '../../jobs/operations.js';
import { idParam, jsonObject, queryParam, stringField, type JsonObject, declaredQueryOnly } from '../body.js';
import type { ServerContext } from '../context.js';
import { ok } from '../envelope.js';
import { describeHttpError } from '../http-errors.js';
import { TASKS_OPENAPI, TASK_SCHEMAS } from './tasks-openapi.js';

/** Timer4Tasker's task types, as stint's job types. */
export const TASK_TYPES: Record<string, JobType> = { file_cleanup: 'cleanup', data_summary: 'summary', data_backup: 'backup' };
const taskType = (type: JobType) => Object.keys(TASK_TYPES).find((name) => TASK_TYPES[name] === type) as string;

const summary = (job: Job) => ({
  task_id: String(job.id),
  name: job.name,
  task_type: taskType(job.type),
  schedule: job.schedule,
  enabled: job.enabled,
  created_at: job.created_at,
  last_run: job.last_run,
});

const detail = (job: Job) => ({
  ...summary(job),
  description: job.description,
  config: { ...job.config },
  updated_at: job.updated_at,
  next_run: (job.enabled && nextRun(job)?.toISOString().replace('.000Z', 'Z')) || null,
});

const execution = (e: Execution) => ({
  execution_id: String(e.id),
  task_id: String(e.job_id),
  status: e.status,
  started_at: e.started_at,
  completed_at: e.completed_at,
  result: e.result === null ? null : { summary: e.result },
  error: e.error,
});

/** A config object: strings as they are, whole numbers (`days`) as their digits; nothing else. */
function configField(body: JsonObject): Record<string, string> {
  const value = body.config ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidInput('Invalid config', 'config must be an object');
  const config = plainConfig();
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') config[key] = item;
    else if (typeof item === 'number' && Number.isInteger(item)) config[key] = String(item);
    else throw invalidInput('Invalid config', `config.${key} must be a string or a whole number`);
  }
  return config;
}

function booleanField(body: JsonObject, name: string, required = false): boolean | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'boolean') throw invalidInput(`Invalid ${name}`, `${name} must be true or false`);
  return value;
}

const optionalString = (body: JsonObject, name: string) => (body[name] === undefined ? undefined : stringField(body, name));

function typeField(value: unknown, name: string): JobType {
  if (typeof value !== 'string' || !Object.hasOwn(TASK_TYPES, value)) {
    throw invalidInput(`Invalid ${name}`, `${name} must be one of ${Object.keys(TASK_TYPES).join(', ')}`);
  }
  return TASK_TYPES[value] as JobType;
}

function queryNumber(c: Context, name: string, fallback: number, max: number): number {
  const text = queryParam(c, name);
  if (text === undefined) return fallback;
  if (!/^[1-9]\d{0,8}$/.test(text) || Number(text) > max)
    throw invalidInput(`Invalid ${name}`, `${name} must be a whole number from 1 to ${max}`);
  return Number(text);
}

/**
 * Timer4Tasker's scheduled tasks, over stint's jobs (the same rules as `stint jobs …`, in
 * src/jobs/operations.ts). Its error table has no 409: a taken name is a 400 here.
 */
export function timer4Tasker(ctx: ServerContext) {
  const routes = new Hono();
  routes.onError((error, c) => {
    const { status, body } = describeHttpError(error);
    return c.json({ success: false, ...body }, status === 409 ? 400 : status);
  });
  routes.use(declaredQueryOnly(TASKS_OPENAPI));
  const places = { home: ctx.home, dataDir: ctx.dataDir };

  routes.post('/api/v1/tasks', async (c) => {
    const body = await jsonObject(c, ['name', 'description', 'task_type', 'schedule', 'config', 'enabled']);
    const input = {
      name: stringField(body, 'name'),
      description: optionalString(body, 'description'),
      type: typeField(body.task_type, 'task_type'),
      schedule: stringField(body, 'schedule'),
      config: configField(body),
      enabled: booleanField(body, 'enabled') ?? true,
    };
    const job = await addJob(ctx.store, input, ctx.now(), places);
    const { last_run: _, ...created } = summary(job);
    return ok(c, created, 'Task created', 201);
  });

  routes.get('/api/v1/tasks', async (c) => {
    const type = queryParam(c, 'task_type');
    const enabled = queryParam(c, 'enabled');
    if (enabled !== undefined && enabled !== 'true' && enabled !== 'false')
      throw invalidInput('Invalid enabled', 'enabled must be true or false');
    const page = queryNumber(c, 'page', 1, 1_000_000);
    const size = queryNumber(c, 'page_size', 10, 1000);
    const filter = {
      type: type === undefined ? undefined : typeField(type, 'task_type'),
      enabled: enabled === undefined ? undefined : enabled === 'true',
    };
    const { matching, shown } = pageOfJobs((await ctx.store.jobs.read()).jobs, filter, page, size);
    return ok(c, { tasks: shown.map(summary), total: matching.length, page, page_size: size });
  });

  routes.get('/api/v1/tasks/:id', async (c) => {
    const id = idParam(c, 'job', 'absent');
    return ok(c, detail(findJob(await ctx.store.jobs.read(), id)));
  });

  routes.put('/api/v1/tasks/:id', async (c) => {
    const id = idParam(c, 'job', 'absent');
    const body = await jsonObject(c, ['name', 'description', 'schedule', 'config', 'enabled']);
    const config = body.config === undefined ? undefined : configField(body);
    const changes = {
      name: optionalString(body, 'name'),
      description: optionalString(body, 'description'),
      schedule: optionalString(body, 'schedule'),
      enabled: booleanField(body, 'enabled'),
      // The document's update sends the whole config: it replaces the stored one.
      config: config === undefined ? undefined : () => config,
    };
    const job = await editJob(ctx.store, id, changes, ctx.now(), places);
    const { task_id, name, task_type, schedule, enabled } = summary(job);
    return ok(c, { task_id, name, task_type, schedule, enabled, updated_at: job.updated_at }, 'Task updated');
  });

  routes.delete('/api/v1/tasks/:id', async (c) => {
    const id = idParam(c, 'job', 'absent');
    await jsonObject(c, []); // no fields: a body that asks for something is refused, not ignored
    const job = await removeJob(ctx.store, id);
    return c.json({ success: true, message: `Task ${job.id} deleted` });
  });

  routes.post('/api/v1/tasks/:id/toggle', async (c) => {
    const id = idParam(c, 'job', 'absent');
    const enabled = booleanField(await jsonObject(c, ['enabled']), 'enabled', true) as boolean;
    const job = await setJobEnabled(ctx.store, id, enabled, ctx.now());
    return ok(c, { task_id: String(job.id), enabled: job.enabled }, enabled ? 'Task enabled' : 'Task disabled');
  });

  // Runs the job now, whatever its schedule, as `stint jobs run`; answers once it has finished.
  routes.post('/api/v1/tasks/:id/execute', async (c) => {
    const id = idParam(c, 'job', 'absent');
    await jsonObject(c, []);
    const now = ctx.now();
    const claims = await claimJobs(ctx.store, now, (_jobs, data) => [findJob(data, id)]);
    const run = { store: ctx.store, now, files: ctx.files, home: ctx.home, dataDir: ctx.dataDir, dryRun: false };
    const [done] = await runClaims(claims, run, ctx.now);
    const { execution_id, task_id, status, started_at } = execution(done as Execution);
    return ok(c, { execution_id, task_id, status, started_at }, status === 'completed' ? 'Task executed' : 'Task failed');
  });

  routes.get('/api/v1/tasks/:id/executions', async (c) => {
    const id = idParam(c, 'job', 'absent');
    const limit = queryNumber(c, 'limit', 20, 1000);
    return ok(c, { executions: executionsOf(await ctx.store.jobs.read(), id, limit).map(execution) });
  });

  routes.get('/api/v1/stats', async (c) => {
    const stats = jobStatsOf(await ctx.store.jobs.read());
    return ok(c, {
      total_tasks: stats.total_jobs,
      active_tasks: stats.active_jobs,
      total_executions: stats.total_executions,
      successful_executions: stats.successful_executions,
      failed_executions: stats.failed_executions,
    });
  });

  return { name: 'Timer4Tasker', routes, openapi: TASKS_OPENAPI, schemas: TASK_SCHEMAS };
}

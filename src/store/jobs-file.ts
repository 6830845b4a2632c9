import { StintError } from '../core/errors.js';
import { storedConfigProblem } from '../core/job-config.js';
import { countedRuns, EXECUTION_STATUSES, JOB_TYPES, type Execution, type Job, type JobsData } from '../core/jobs.js';
import { unknownField } from '../core/json-keys.js';
import { printable } from '../core/labels.js';
import { readSchedule } from '../core/schedule-input.js';
import type { Codec } from './json-file.js';
import { isStoredInstant as isInstant } from '../core/session-rules.js';
import { isRecord, isWhole, parseObject, unreadable } from './schema.js';

// jobs.json is read as strictly as the sessions' files (schema.ts): every field of every job and
// execution is checked whole, so a hand edit stint could not have written stops the command that
// reads it (exit 1, naming the file and what is wrong, the file left as it is) instead of failing
// deep inside a command as a bug, or being read in part and written back. Loaded by the jobs
// commands only (file-store.ts imports it on first use): it brings cron-parser.

/** jobs.json: the scheduled jobs and their recent executions, versioned like the rest. */
const JOBS_VERSION = 1;

const FILE_FIELDS = ['version', 'next_job_id', 'next_execution_id', 'jobs', 'executions'];
const JOB_FIELDS = ['id', 'name', 'description', 'type', 'schedule', 'config', 'enabled', 'created_at', 'updated_at', 'last_run', 'runs'];
const RUNS_FIELDS = ['completed', 'failed'];
const EXECUTION_FIELDS = ['id', 'job_id', 'status', 'started_at', 'completed_at', 'result', 'error', 'runner'];

/**
 * JSON.parse keeps a `__proto__` key as an own key, but copying the object (a spread, a job
 * edit) may turn it into a prototype or drop it: a hand-edited one is refused, never carried.
 */
function hasProtoKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasProtoKey);
  if (!isRecord(value)) return false;
  return Object.hasOwn(value, '__proto__') || Object.values(value).some(hasProtoKey);
}

const stray = (value: Record<string, unknown>, known: readonly string[]) => {
  const field = unknownField(value, known);
  return field === undefined ? null : `unknown field ${JSON.stringify(field)}`;
};

/** The schedule in its stored form (an older stint stored fields as typed), or why it is none. */
function storedSchedule(value: unknown): { schedule: string } | { problem: string } {
  if (typeof value !== 'string') return { problem: 'invalid "schedule"' };
  try {
    return { schedule: readSchedule(value, true) };
  } catch (error) {
    if (error instanceof StintError) return { problem: `invalid "schedule": ${error.message}` };
    throw error;
  }
}

/** What is wrong with a job, or null; its schedule is brought to its stored form. */
function jobProblem(job: unknown, nextId: number): string | null {
  if (!isRecord(job)) return 'not an object';
  const unknown = stray(job, JOB_FIELDS);
  if (unknown) return unknown;
  const { id, name, description, type, config, enabled } = job;
  if (!isWhole(id, 1)) return 'invalid "id"';
  if (id >= nextId) return `"id" ${id} is not below "next_job_id" ${nextId}`;
  // A label for lists: what any stint's name rule took (this one's is stricter; `jobs edit --name` renames).
  if (typeof name !== 'string' || name.trim() === '' || name !== name.trim() || [...name].length > 60 || !printable(name)) {
    return 'invalid "name"';
  }
  if (description !== null && typeof description !== 'string') return 'invalid "description"';
  if (!(JOB_TYPES as readonly unknown[]).includes(type)) return 'invalid "type"';
  const schedule = storedSchedule(job.schedule);
  if ('problem' in schedule) return schedule.problem;
  job.schedule = schedule.schedule;
  if (!isRecord(config)) return 'invalid "config"';
  const configProblem = storedConfigProblem(type as Job['type'], config);
  if (configProblem) return `invalid "config": ${configProblem}`;
  if (typeof enabled !== 'boolean') return 'invalid "enabled"';
  for (const field of ['created_at', 'updated_at'] as const) if (!isInstant(job[field])) return `invalid "${field}"`;
  if (job.last_run !== null && !isInstant(job.last_run)) return 'invalid "last_run"';
  return null;
}

/** What is wrong with an execution, or null. */
function executionProblem(execution: unknown, nextId: number): string | null {
  if (!isRecord(execution)) return 'not an object';
  const unknown = stray(execution, EXECUTION_FIELDS);
  if (unknown) return unknown;
  const { id, job_id: jobId, status, started_at: startedAt, completed_at: completedAt, result, error } = execution;
  if (!isWhole(id, 1)) return 'invalid "id"';
  if (id >= nextId) return `"id" ${id} is not below "next_execution_id" ${nextId}`;
  if (!isWhole(jobId, 1)) return 'invalid "job_id"';
  if (!(EXECUTION_STATUSES as readonly unknown[]).includes(status)) return 'invalid "status"';
  if (!isInstant(startedAt)) return 'invalid "started_at"';
  // Running: not completed yet. Completed or failed: when, and the result or the error.
  if (status === 'running' ? completedAt !== null : !isInstant(completedAt)) return `"status" ${status} with an invalid "completed_at"`;
  if (result !== null && typeof result !== 'string') return 'invalid "result"';
  if (status === 'failed' ? typeof error !== 'string' : error !== null) return `"status" ${status} with an invalid "error"`;
  // The process running it: named while it runs, then removed.
  const { runner } = execution;
  if (
    runner !== undefined &&
    (status !== 'running' || typeof runner !== 'string' || runner.trim() === '' || runner.length > 200 || !printable(runner))
  ) {
    return 'invalid "runner"';
  }
  return null;
}

/**
 * What is wrong with a job's counts of its ended runs, or null. A file from before the counts
 * were kept has none: they start from the executions it keeps (the pruned ones are lost).
 */
function runsProblem(job: Job, executions: readonly Execution[]): string | null {
  const kept = countedRuns(executions, job.id);
  const runs: unknown = job.runs;
  if (runs === undefined) {
    job.runs = kept;
    return null;
  }
  if (!isRecord(runs) || unknownField(runs, RUNS_FIELDS) !== undefined || !isWhole(runs.completed, 0) || !isWhole(runs.failed, 0)) {
    return 'invalid "runs"';
  }
  if (runs.completed < kept.completed || runs.failed < kept.failed) return '"runs" counts fewer runs than its executions kept';
  return null;
}

/** The first ID given twice in a list, or null. */
function repeatedId(list: readonly { id: number }[]): number | null {
  const seen = new Set<number>();
  for (const { id } of list) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return null;
}

export const jobsCodec: Codec<JobsData> = {
  encode: (data) => `${JSON.stringify({ version: JOBS_VERSION, ...data }, null, 1)}\n`,
  decode: (text, path) => {
    const raw = parseObject(text, path);
    if (hasProtoKey(raw)) throw unreadable(path, 'has a "__proto__" key, which no stint file holds');
    if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1)
      throw unreadable(path, 'missing or invalid "version"');
    if (raw.version > JOBS_VERSION) throw unreadable(path, `written by a newer stint (jobs version ${raw.version}); upgrade stint`);
    const unknown = stray(raw, FILE_FIELDS);
    if (unknown) throw unreadable(path, unknown);
    const { next_job_id: nextJob, next_execution_id: nextExecution, jobs, executions } = raw;
    if (!isWhole(nextJob, 1) || !isWhole(nextExecution, 1))
      throw unreadable(path, 'missing or invalid "next_job_id" or "next_execution_id"');
    if (!Array.isArray(jobs) || !Array.isArray(executions)) throw unreadable(path, '"jobs" and "executions" must be lists');
    jobs.forEach((job, i) => {
      const problem = jobProblem(job, nextJob);
      if (problem) throw unreadable(path, `job at index ${i}: ${problem}`);
    });
    executions.forEach((execution, i) => {
      const problem = executionProblem(execution, nextExecution);
      if (problem) throw unreadable(path, `execution at index ${i}: ${problem}`);
    });
    const twiceJob = repeatedId(jobs as Job[]);
    if (twiceJob !== null) throw unreadable(path, `job "id" ${twiceJob} appears twice`);
    const twiceExecution = repeatedId(executions as Execution[]);
    if (twiceExecution !== null) throw unreadable(path, `execution "id" ${twiceExecution} appears twice`);
    (jobs as Job[]).forEach((job, i) => {
      const problem = runsProblem(job, executions as Execution[]);
      if (problem) throw unreadable(path, `job at index ${i}: ${problem}`);
    });
    const { version: _, ...data } = raw;
    return data as unknown as JobsData;
  },
};

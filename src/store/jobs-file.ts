import { EXECUTION_STATUSES, JOB_TYPES, type JobsData } from '../core/jobs.js';
import type { Codec } from './json-file.js';
import { isRecord, parseObject, unreadable } from './schema.js';

/** jobs.json: the scheduled jobs and their recent executions, versioned like the rest. */
const JOBS_VERSION = 1;

/**
 * JSON.parse keeps a `__proto__` key as an own key, but copying the object (a spread, a job
 * edit) may turn it into a prototype or drop it: a hand-edited one is refused, never carried.
 */
function hasProtoKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasProtoKey);
  if (!isRecord(value)) return false;
  return Object.hasOwn(value, '__proto__') || Object.values(value).some(hasProtoKey);
}

const positive = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 1;

export const jobsCodec: Codec<JobsData> = {
  encode: (data) => `${JSON.stringify({ version: JOBS_VERSION, ...data }, null, 1)}\n`,
  decode: (text, path) => {
    const raw = parseObject(text, path);
    if (hasProtoKey(raw)) throw unreadable(path, 'has a "__proto__" key, which no stint file holds');
    if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1)
      throw unreadable(path, 'missing or invalid "version"');
    if (raw.version > JOBS_VERSION) throw unreadable(path, `written by a newer stint (jobs version ${raw.version}); upgrade stint`);
    const { next_job_id: nextJob, next_execution_id: nextExecution, jobs, executions } = raw;
    if (!positive(nextJob) || !positive(nextExecution)) throw unreadable(path, 'missing or invalid "next_job_id" or "next_execution_id"');
    if (!Array.isArray(jobs) || !Array.isArray(executions)) throw unreadable(path, '"jobs" and "executions" must be lists');
    jobs.forEach((job, i) => {
      const ok =
        isRecord(job) &&
        positive(job.id) &&
        typeof job.name === 'string' &&
        (JOB_TYPES as readonly unknown[]).includes(job.type) &&
        typeof job.schedule === 'string' &&
        isRecord(job.config) &&
        typeof job.enabled === 'boolean' &&
        typeof job.created_at === 'string';
      if (!ok) throw unreadable(path, `job at index ${i} is not a job`);
    });
    executions.forEach((e, i) => {
      const ok =
        isRecord(e) &&
        positive(e.id) &&
        positive(e.job_id) &&
        (EXECUTION_STATUSES as readonly unknown[]).includes(e.status) &&
        typeof e.started_at === 'string';
      if (!ok) throw unreadable(path, `execution at index ${i} is not an execution`);
    });
    return raw as unknown as JobsData;
  },
};

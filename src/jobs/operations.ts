import { conflict, invalidInput } from '../core/errors.js';
import { findJob, validateJobDescription, validateJobName, type Execution, type Job, type JobsData, type JobType } from '../core/jobs.js';
import { readSchedule } from '../core/schedule-input.js';
import { toStoredInstant } from '../core/time.js';
import type { Store } from '../store/store.js';
import { checkJobConfig } from './index.js';
import type { ConfigPlaces } from './runner.js';

// What `stint jobs …` and Timer4Tasker's routes do to jobs, once: each checks everything before
// the store is touched, so a refused change leaves nothing behind.

export interface NewJob {
  name: string;
  type: JobType;
  schedule: string;
  description?: string | null | undefined;
  config: Record<string, string>;
  enabled: boolean;
}

/** A config made without a prototype: a key named `__proto__` is a key, for the type to refuse. */
export const plainConfig = (from: Record<string, string> = {}): Record<string, string> =>
  Object.assign(Object.create(null) as Record<string, string>, from);

function assertNameFree(data: JobsData, name: string, id: number | null): void {
  if (data.jobs.some((j) => j.name === name && j.id !== id)) throw conflict('Job exists', `A job named ${name} exists already`);
}

/**
 * A sync job runs `stint sync` as the first one set it up: before that it could only fail at
 * every run, so it is refused when added (exit 2, as a config the type cannot work with).
 */
async function assertSyncReady(store: Store, type: JobType): Promise<void> {
  if (type !== 'sync') return;
  const state = await store.sync.read();
  if (!state.remote || !state.device) {
    throw invalidInput('Sync not set up', 'run stint sync --git <url> or stint sync --folder <path> once first, then add the sync job');
  }
}

export async function addJob(store: Store, input: NewJob, now: Date, places: ConfigPlaces): Promise<Job> {
  const name = validateJobName(input.name);
  const schedule = readSchedule(input.schedule);
  const description = validateJobDescription(input.description);
  const config = checkJobConfig(input.type, input.config, places);
  await assertSyncReady(store, input.type);
  const at = toStoredInstant(now);
  return store.jobs.update((data) => {
    assertNameFree(data, name, null);
    const added: Job = {
      id: data.next_job_id,
      name,
      description,
      type: input.type,
      schedule,
      config,
      enabled: input.enabled,
      created_at: at,
      updated_at: at,
      last_run: null,
      runs: { completed: 0, failed: 0 },
    };
    data.next_job_id += 1;
    data.jobs.push(added);
    return added;
  });
}

export interface JobChanges {
  name?: string | undefined;
  type?: JobType | undefined;
  schedule?: string | undefined;
  /** Empty: no description. */
  description?: string | undefined;
  /** The new config from the current one (the CLI sets and removes keys; the API replaces it). */
  config?: ((current: Record<string, string>, job: Job) => Record<string, string>) | undefined;
  enabled?: boolean | undefined;
}

/** Changes a job; the result must be a job that can run, checked whole as at add. */
export async function editJob(store: Store, id: number, changes: JobChanges, now: Date, places: ConfigPlaces): Promise<Job> {
  const name = changes.name === undefined ? undefined : validateJobName(changes.name);
  const schedule = changes.schedule === undefined ? undefined : readSchedule(changes.schedule);
  const description = changes.description === undefined ? undefined : validateJobDescription(changes.description);
  if (changes.type !== undefined) await assertSyncReady(store, changes.type);
  return store.jobs.update((data) => {
    const job = findJob(data, id);
    if (name !== undefined) assertNameFree(data, name, job.id);
    const type = changes.type ?? job.type;
    const config = changes.config ? changes.config(plainConfig(job.config), job) : plainConfig(job.config);
    const checked = checkJobConfig(type, config, places);
    Object.assign(job, {
      name: name ?? job.name,
      type,
      schedule: schedule ?? job.schedule,
      description: description === undefined ? job.description : description,
      config: checked,
      enabled: changes.enabled ?? job.enabled,
      updated_at: toStoredInstant(now),
    });
    return job;
  });
}

/** Removes a job and its executions. */
export function removeJob(store: Store, id: number): Promise<Job> {
  return store.jobs.update((data) => {
    const job = findJob(data, id);
    data.jobs = data.jobs.filter((j) => j.id !== job.id);
    data.executions = data.executions.filter((e) => e.job_id !== job.id);
    return job;
  });
}

/** Enables or disables a job; already so changes nothing (not even updated_at). */
export function setJobEnabled(store: Store, id: number, enabled: boolean, now: Date): Promise<Job> {
  return store.jobs.update((data) => {
    const job = findJob(data, id);
    if (job.enabled !== enabled) {
      job.enabled = enabled;
      job.updated_at = toStoredInstant(now);
    }
    return job;
  });
}

export interface JobFilter {
  type?: JobType | undefined;
  enabled?: boolean | undefined;
}

/** The jobs a filter selects, and the page of them asked for (1-based). */
export function pageOfJobs(jobs: readonly Job[], filter: JobFilter, page: number, size: number): { matching: Job[]; shown: Job[] } {
  const matching = jobs.filter(
    (j) => (filter.type === undefined || j.type === filter.type) && (filter.enabled === undefined || j.enabled === filter.enabled),
  );
  return { matching, shown: matching.slice((page - 1) * size, page * size) };
}

/** A job's newest `limit` executions, newest first. */
export function executionsOf(data: JobsData, id: number, limit: number): Execution[] {
  const job = findJob(data, id);
  return data.executions
    .filter((e) => e.job_id === job.id)
    .slice(-limit)
    .reverse();
}

export interface JobStats {
  total_jobs: number;
  active_jobs: number;
  total_executions: number;
  successful_executions: number;
  failed_executions: number;
}

/**
 * From each job's counts of its ended runs (its executions are pruned to the newest 100), plus
 * the runs under way; a removed job's runs go with it, as its history does.
 */
export function jobStatsOf({ jobs, executions }: JobsData): JobStats {
  const ids = new Set(jobs.map((j) => j.id));
  const running = executions.filter((e) => e.status === 'running' && ids.has(e.job_id)).length;
  const completed = jobs.reduce((sum, j) => sum + j.runs.completed, 0);
  const failed = jobs.reduce((sum, j) => sum + j.runs.failed, 0);
  return {
    total_jobs: jobs.length,
    active_jobs: jobs.filter((j) => j.enabled).length,
    total_executions: completed + failed + running,
    successful_executions: completed,
    failed_executions: failed,
  };
}

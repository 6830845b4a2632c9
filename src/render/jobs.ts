import type { Execution, Job } from '../core/jobs.js';
import { nextRun } from '../core/schedule.js';
import { formatInstant } from './format.js';
import { localIso } from './json.js';
import { table, type Column } from './table.js';

const localIsoOrNull = (instant: Date | null) => (instant === null ? null : localIso(instant));

/** A job as SPEC shows it; `next_run` is null while it is disabled (it will not run), or with no slot before 10000. */
export interface JobJson {
  job_id: number;
  name: string;
  description: string | null;
  type: Job['type'];
  schedule: string;
  config: Record<string, string>;
  enabled: boolean;
  created_at: string;
  updated_at: string;
  last_run: string | null;
  next_run: string | null;
}

export function jobJson(job: Job): JobJson {
  return {
    job_id: job.id,
    name: job.name,
    description: job.description,
    type: job.type,
    schedule: job.schedule,
    config: { ...job.config },
    enabled: job.enabled,
    created_at: localIso(job.created_at),
    updated_at: localIso(job.updated_at),
    last_run: job.last_run === null ? null : localIso(job.last_run),
    next_run: job.enabled ? localIsoOrNull(nextRun(job)) : null,
  };
}

export interface ExecutionJson {
  execution_id: number;
  job_id: number;
  status: Execution['status'];
  started_at: string;
  completed_at: string | null;
  result: string | null;
  error: string | null;
}

export function executionJson(e: Execution): ExecutionJson {
  return {
    execution_id: e.id,
    job_id: e.job_id,
    status: e.status,
    started_at: localIso(e.started_at),
    completed_at: e.completed_at === null ? null : localIso(e.completed_at),
    result: e.result,
    error: e.error,
  };
}

/** The JSON view's local ISO time for people, as every human line writes an instant. */
const when = (iso: string | null, now: Date) => (iso === null ? '-' : formatInstant(iso, now));

/** ID, name, (type), schedule, then when it runs: `#1 nightly (backup) 0 3 * * *  next …, last …`. */
const JOB_COLUMNS: readonly Column[] = [{ align: 'right' }, { gap: 1 }, { gap: 1 }, { gap: 1 }, {}];

function jobCells(job: JobJson, now: Date): string[] {
  const state = job.enabled ? `next ${when(job.next_run, now)}` : 'disabled';
  return [`#${job.job_id}`, job.name, `(${job.type})`, job.schedule, `${state}, last ${when(job.last_run, now)}`];
}

/** One job for people (`jobs add`, `edit`, `show`). */
export function jobLine(job: JobJson, now: Date): string {
  return `${table(JOB_COLUMNS, [jobCells(job, now)]).join('')}\n`;
}

/** `jobs list` for people: one job a line, in columns. */
export function jobLines(jobs: readonly JobJson[], now: Date): string {
  return table(
    JOB_COLUMNS,
    jobs.map((job) => jobCells(job, now)),
  )
    .map((line) => `${line}\n`)
    .join('');
}

/** One line per execution: the daemon's log, tick's and run's output, history. */
export function executionLine(e: ExecutionJson, name: string, now: Date): string {
  const outcome = e.status === 'failed' ? `failed: ${e.error}` : e.status === 'running' ? 'running' : (e.result ?? 'completed');
  return `${when(e.started_at, now)} job #${e.job_id} ${name}: ${outcome}\n`;
}

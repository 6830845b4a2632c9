import { invalidInput, notFound } from './errors.js';
import { printable } from './labels.js';

export const JOB_TYPES = ['backup', 'summary', 'cleanup', 'sync'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** A scheduled job as stored; instants are stored instants (UTC, whole seconds). */
export interface Job {
  id: number;
  name: string;
  description: string | null;
  type: JobType;
  /** A 5-field cron expression or @hourly/@daily/@weekly…, in the local time zone. */
  schedule: string;
  config: Record<string, string>;
  enabled: boolean;
  created_at: string;
  updated_at: string;
  /** When it last ran (the slot a tick claimed it for), null before its first run. */
  last_run: string | null;
  /**
   * How many of its runs have ended, each way, since it was added: only the newest
   * EXECUTIONS_KEPT executions are kept, and `jobs stats` counts them all.
   */
  runs: RunCounts;
}

export interface RunCounts {
  completed: number;
  failed: number;
}

/**
 * The cron shorthands help and the README name; schedule-input.ts also reads @annually and
 * @midnight, stored as @yearly and @daily. Here, without cron-parser: the help declares them.
 */
export const SCHEDULE_SHORTHANDS = ['@hourly', '@daily', '@weekly', '@monthly', '@yearly'] as const;

export const EXECUTION_STATUSES = ['running', 'completed', 'failed'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export interface Execution {
  id: number;
  job_id: number;
  status: ExecutionStatus;
  started_at: string;
  completed_at: string | null;
  /** What the run did, in one line (for people; also in JSON). */
  result: string | null;
  error: string | null;
  /**
   * While it runs: the process running it (`host pid start pid-namespace boot-id`, as a lock's
   * holder is named), so a run whose process is gone is seen to be over (settleInterrupted).
   * Not in the JSON view; stamped by the file store, removed when the run ends.
   */
  runner?: string;
}

/** Everything about jobs, in one file beside the sessions, with the same guarantees. */
export interface JobsData {
  next_job_id: number;
  next_execution_id: number;
  jobs: Job[];
  executions: Execution[];
}

/** Executions kept per job: the newest ones; older ones are dropped as new ones are recorded. */
export const EXECUTIONS_KEPT = 100;

export function emptyJobsData(): JobsData {
  return { next_job_id: 1, next_execution_id: 1, jobs: [], executions: [] };
}

export function findJob(data: JobsData, id: number): Job {
  const job = data.jobs.find((j) => j.id === id);
  if (!job) throw notFound('Job not found', `No job with ID ${id}`);
  return job;
}

/**
 * A job name is a label people read in lists (Timer4Tasker's own examples are like "Daily
 * Backup"): words of letters, digits, '-', '_' and '.', one space between them, up to 60
 * characters. No leading or trailing space, no control or invisible characters.
 */
// A combining mark belongs to the letter or digit before it, as in task names (task-name.ts): one
// alone (first, or after '-', '_', '.' or a space) is no letter, and a name of marks alone printed
// as nothing. Made on first use: the store imports this module on every run, and evaluating the
// Unicode property classes costs ~9M instructions each time (task-name.ts).
let jobName: RegExp | undefined;
const WORD = '(?:[\\p{L}\\p{Nd}]\\p{M}*|[_.-])+';
const JOB_NAME = (): RegExp => (jobName ??= new RegExp(`^${WORD}(?: ${WORD})*$`, 'u'));

export const JOB_NAME_MAX = 60;
/** The rule in words: the refusal says it, and so does `jobs add --help`. */
export const JOB_NAME_RULE = `up to ${JOB_NAME_MAX} letters, digits, '-', '_' or '.', words one space apart`;

export function validateJobName(raw: string): string {
  const name = raw.normalize('NFC');
  if (!JOB_NAME().test(name) || [...name].length > JOB_NAME_MAX) {
    throw invalidInput('Invalid job name', `A job name has ${JOB_NAME_RULE}`);
  }
  return name;
}

/**
 * A description as given: trimmed, blank meaning none. It is printed to terminals (`jobs show`),
 * so control characters (line breaks and tabs too: it is shown on one line) are refused, as in
 * notes, rather than stored to act on the terminal of whoever reads it.
 */
export function validateJobDescription(raw: string | null | undefined): string | null {
  const description = raw?.normalize('NFC').trim() ?? '';
  if (!printable(description)) {
    const bad = [...description].find((c) => !printable(c)) as string;
    const code = `U+${bad.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
    throw invalidInput('Invalid description', `A job description may not hold control characters (found ${code})`);
  }
  return description === '' ? null : description;
}

/** `--config k=v` pairs as a record; a key given twice with two values is refused (which one?). */
export function parseConfigPairs(pairs: readonly string[]): Record<string, string> {
  // No prototype: `__proto__=x` must become a key the type then refuses, not a new prototype.
  const config: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw invalidInput('Invalid config', `'${pair}' is not key=value`);
    const key = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const first = config[key];
    if (first !== undefined && first !== value) {
      throw invalidInput('Invalid config', `'${key}' is given twice ('${first}', then '${value}'); give it once`);
    }
    config[key] = value;
  }
  return config;
}

/** A job's runs counted from the executions kept: where a store from before the counters starts. */
export function countedRuns(executions: readonly Execution[], jobId: number): RunCounts {
  const runs = { completed: 0, failed: 0 };
  for (const e of executions) if (e.job_id === jobId && e.status !== 'running') runs[e.status] += 1;
  return runs;
}

/**
 * Ends a running execution (as stored in `data`, found by its ID; the copy given when it is
 * gone, pruned or its job removed) with its outcome, and counts it on its job. Returns it ended.
 */
export function finishExecution(
  data: JobsData,
  execution: Execution,
  outcome: Pick<Execution, 'status' | 'result' | 'error'> & { status: 'completed' | 'failed' },
  at: string,
): Execution {
  const stored = data.executions.find((e) => e.id === execution.id);
  const job = data.jobs.find((j) => j.id === execution.job_id);
  if (job) {
    // Already ended (judged interrupted meanwhile): this outcome replaces that one, counted once.
    if (stored !== undefined && stored.status !== 'running') job.runs[stored.status] -= 1;
    job.runs[outcome.status] += 1;
  }
  const ended = Object.assign(stored ?? { ...execution }, outcome, { completed_at: at });
  delete ended.runner;
  return { ...ended };
}

/** The error of a run found over without an outcome: its process ended (killed, the machine down). */
export const INTERRUPTED = 'interrupted: the process running it ended before it finished';

/**
 * Ends as failed (INTERRUPTED, at `at`) every running execution `over` says can no longer end by
 * itself; returns how many. A killed tick left its run `running` for good: shown so in history,
 * counted nowhere, copied so by every backup.
 */
export function settleInterrupted(data: JobsData, over: (execution: Execution) => boolean, at: string): number {
  const found = data.executions.filter((e) => e.status === 'running' && over(e));
  for (const e of found) finishExecution(data, e, { status: 'failed', result: null, error: INTERRUPTED }, at);
  return found.length;
}

/** Records an execution, keeping the newest EXECUTIONS_KEPT of its job. */
export function recordExecution(data: JobsData, execution: Omit<Execution, 'id'>): Execution {
  const recorded: Execution = { id: data.next_execution_id, ...execution };
  data.next_execution_id += 1;
  data.executions.push(recorded);
  const own = data.executions.filter((e) => e.job_id === execution.job_id);
  if (own.length > EXECUTIONS_KEPT) {
    const drop = new Set(own.slice(0, own.length - EXECUTIONS_KEPT).map((e) => e.id));
    data.executions = data.executions.filter((e) => !drop.has(e.id));
  }
  return recorded;
}

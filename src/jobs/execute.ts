import { escapeUnprintable } from '../core/labels.js';
import { finishExecution, recordExecution, type Execution, type Job, type JobsData } from '../core/jobs.js';
import { toStoredInstant } from '../core/time.js';
import type { Store } from '../store/store.js';
import { JOB_KINDS } from './index.js';
import type { RunContext } from './runner.js';

export interface Claim {
  job: Job;
  execution: Execution;
}

/**
 * Claims jobs in one locked change: records a `running` execution and moves `last_run` to now.
 * A second tick at the same moment waits for the lock, then finds nothing due: no job runs twice.
 */
export async function claimJobs(store: Store, now: Date, pick: (jobs: Job[], data: JobsData) => Job[]): Promise<Claim[]> {
  const at = toStoredInstant(now);
  return store.jobs.update((data) =>
    pick(data.jobs, data).map((job) => {
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

/**
 * Runs claimed jobs one after the other, outside the lock (a backup takes it itself), and records
 * each outcome, finished at `clock()`.
 */
export async function runClaims(claims: readonly Claim[], run: RunContext, clock: () => Date): Promise<Execution[]> {
  const done: Execution[] = [];
  for (const { job, execution } of claims) {
    let outcome: Parameters<typeof finishExecution>[2];
    // One printable line each, as cleanup writes its file names: a result or an error quotes
    // paths (a target, a folder left), which may hold an escape or a line break.
    try {
      outcome = { status: 'completed', result: escapeUnprintable(await JOB_KINDS[job.type].run(job, run)), error: null };
    } catch (error) {
      outcome = { status: 'failed', result: null, error: escapeUnprintable((error as Error).message) };
    }
    const finished = await run.store.jobs.update((data) => finishExecution(data, execution, outcome, toStoredInstant(clock())));
    done.push(finished);
  }
  return done;
}

import { join } from 'node:path';
import { settleInterrupted, type Execution, type JobsData } from '../core/jobs.js';
import { toStoredInstant } from '../core/time.js';
import { readTextIfExists, writeFileWhole } from './atomic-file.js';
import type { Codec } from './json-file.js';
import { processName, processState } from './lock-holder.js';
import { JOBS_FILE } from './paths.js';

// A job runs outside the store's lock (a backup takes it itself, a sync runs for minutes), between
// the change that records its execution `running` and the one that records how it ended. A
// process killed in between (a tick under a crontab's timeout, a machine switched off) left it
// `running` for good. The store names the process that runs each execution, as it names a lock's
// holder, so the next reader sees the run is over: failed, "interrupted".

/**
 * How long a run whose process cannot be seen (on another machine sharing the data directory,
 * or recorded by an older stint, which named none) may last before it counts as over.
 */
export const UNSEEN_RUN_LIMIT_MS = 24 * 3_600_000;

/** Whether a running execution can no longer end by itself. */
function over(now: Date): (execution: Execution) => boolean {
  return (execution) => {
    const state = execution.runner === undefined ? 'unknown' : processState(execution.runner);
    if (state !== 'unknown') return state === 'gone';
    return now.getTime() - Date.parse(execution.started_at) > UNSEEN_RUN_LIMIT_MS;
  };
}

/** Ends, in `data` as read, the runs that are over: a read shows them so, a change writes them so. */
export function settleRuns(data: JobsData, now: Date): void {
  settleInterrupted(data, over(now), toStoredInstant(now));
}

/** Names this process as the runner of the executions a change recorded `running` (IDs from `firstNew`). */
export function nameRunners(data: JobsData, firstNew: number): void {
  for (const execution of data.executions) {
    if (execution.id >= firstNew && execution.status === 'running' && execution.runner === undefined) execution.runner = processName();
  }
}

/**
 * In a backup's copy, jobs.json without the executions still running (the backup's own among
 * them): none of them can end in the copy, where they would read as interrupted. Rewritten only
 * when it holds one, durably, before the copy is checked.
 */
export function dropRunsFromCopy(copy: string, codec: Codec<JobsData>): void {
  const path = join(copy, JOBS_FILE);
  const text = readTextIfExists(path);
  if (text === null) return;
  const data = codec.decode(text, path);
  const ended = data.executions.filter((e) => e.status !== 'running');
  if (ended.length === data.executions.length) return;
  data.executions = ended;
  writeFileWhole(path, codec.encode(data));
}

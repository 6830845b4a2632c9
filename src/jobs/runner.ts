import type { SyncSeam } from '../sync/run.js';
import type { Job, JobType } from '../core/jobs.js';
import type { Files } from './files.js';
import type { Store } from '../store/store.js';

/** What a job needs to run: the store, the clock, the files, and the places it must never touch. */
export interface RunContext {
  store: Store;
  now: Date;
  /** Every file a job touches outside the store (Deps' files). */
  files: Files;
  /** The user's home directory (cleanup refuses it). */
  home: string;
  /** The data directory (cleanup refuses it; backups never go into it). */
  dataDir: string;
  /** Say what would be done and do none of it (`jobs run --dry-run`): no file written or deleted. */
  dryRun: boolean;
  /** What a sync job needs besides (Deps' exec, env and newUid, the CLI's words for a failure); absent where programs cannot run. */
  sync?: Pick<SyncSeam, 'exec' | 'env' | 'newUid' | 'describe'>;
}

/**
 * Runs one job; returns a one-line result for people (also the execution's `result`). Throws
 * on failure: the message becomes the execution's `error`.
 */
export type Runner = (job: Job, ctx: RunContext) => Promise<string>;

/** Where a job's config is checked: when it is added or edited, not when it first runs. */
export interface ConfigPlaces {
  home: string;
  dataDir: string;
}

/** Checks (and normalizes) a job type's config; throws invalidInput (exit 2) when it cannot work. */
export type ConfigCheck = (config: Record<string, string>, places: ConfigPlaces) => Record<string, string>;

export interface JobKind {
  type: JobType;
  check: ConfigCheck;
  run: Runner;
}

import type { Config } from '../core/config.js';
import type { JobsData } from '../core/jobs.js';
import type { Session, TrackerData } from '../core/session.js';

/**
 * Which part of the history a command needs. Running and paused sessions and the ID counter
 * always come along; finished sessions only as far as the scope asks, so the hot path
 * (start, stop, status) never reads the history.
 */
export type Scope =
  | { kind: 'active' }
  | { kind: 'all' }
  | { kind: 'ids'; ids: readonly number[] }
  /** Sessions that overlap [from, to); null is open-ended. */
  | { kind: 'range'; from: Date | null; to: Date | null };

export type Change<T> = (data: TrackerData) => T | Promise<T>;
/** Names a change for `undo`'s report, from its result: `start #5 coding`. */
export type Describe<T> = (result: T) => string;

/** What changed in the store after a revision: enough for a copy made then to catch up. */
export interface Changes {
  /** The store's revision now: the next call's `since`. */
  revision: number;
  next_id: number;
  /** Every running and paused session (there are few): a copy replaces its own. */
  active: Session[];
  /**
   * Each month (`YYYY-MM`, UTC, as months are filed) whose finished sessions changed after
   * `since`, with all of them now: a copy replaces that month whole, so an edited session comes
   * back changed and a removed one is missing; a month emptied comes back as [].
   */
  months: Record<string, Session[]>;
}

export const ACTIVE: Scope = { kind: 'active' };
export const ALL: Scope = { kind: 'all' };

/**
 * The only door to the user's data. Commands never see files, locks or layouts.
 * The data handed out holds every active session and at least the finished sessions in scope
 * (possibly more); the caller filters precisely.
 */
export interface Store {
  /** A snapshot for reading; takes no lock and never waits for a writer. */
  read(scope: Scope): Promise<TrackerData>;
  /**
   * Like read, but hands the sessions over a month at a time, oldest first (each batch sorted,
   * active sessions within the month they started in), so a pass over a long history never
   * holds all of it. `begin` is called for a fresh visitor at the start of each attempt: if a
   * writer collects a file under the scan, it starts over. Returns the ID counter.
   */
  scan(scope: Scope, begin: () => (batch: readonly Session[]) => void): Promise<{ next_id: number }>;
  /**
   * `derive` applied to the finished sessions of each month, for summaries of the whole history
   * that must stay fast (stats, badges, the line after `stop`). Results are cached beside the
   * store under `name` (bump it when `derive` changes) and reused while a month's file and the
   * local time zone are unchanged, so `derive` must depend on nothing else: not the clock, not
   * the settings. Results must be plain JSON; a cached one that fails `valid` is derived again.
   * Takes no lock.
   */
  digest<T>(name: string, derive: (sessions: readonly Session[]) => T, valid: (cached: unknown) => boolean): Promise<T[]>;
  /**
   * Exclusive read–change–write. `change` edits the data it is given and returns a result;
   * if it throws, nothing is written. Sessions it adds, stops, edits or removes are stored
   * wherever they belong; only loaded sessions can be edited or removed.
   */
  update<T>(scope: Scope, change: Change<T>, describe?: Describe<T>): Promise<T>;
  /**
   * Reverts the last recorded change (each `update` given a `describe` is recorded, up to 50 deep)
   * and returns its description, or null when there is nothing to undo. The ID counter stays.
   */
  undo(): Promise<string | null>;
  /**
   * What changed after revision `since` (0: everything). Every change that commits, undo
   * included, raises the revision; a sync or a server keeps the revision it has seen and asks
   * for what changed since. No lock.
   */
  changesSince(since: number): Promise<Changes>;
  /** The settings (config.json), defaults where unset; no lock. */
  readConfig(): Promise<Config>;
  /** Changes settings under the store lock. */
  updateConfig(change: (config: Config) => void): Promise<Config>;
  /** The scheduled jobs and their executions (jobs.json); no lock. */
  readJobs(): Promise<JobsData>;
  /** Exclusive read–change–write of jobs.json, under the store lock; nothing is written if `change` throws. */
  updateJobs<T>(change: (data: JobsData) => T | Promise<T>): Promise<T>;
  /**
   * Copies every file of the store into `target` (a directory that must not exist yet), under
   * the lock so the copy is one consistent state, flushed; then reads the copy back as a store
   * to check it. Returns how many files were copied.
   */
  backupTo(target: string): Promise<{ files: number }>;
}

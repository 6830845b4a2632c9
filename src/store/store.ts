import type { Config } from '../core/config.js';
import type { JobsData } from '../core/jobs.js';
import type { Session, TrackerData } from '../core/session.js';
import type { HistoryStep } from '../core/sync/field-times.js';
import type { Keyed, Merged } from '../core/sync/merge.js';
import type { Filing, SyncData, SyncEntries } from '../core/sync/state.js';

/**
 * Which finished sessions a command needs. The running and paused ones and the ID counter always
 * come along, so the hot path (start, stop, status) asks for `active` and never reads history.
 */
export type Scope =
  | { kind: 'active' }
  | { kind: 'all' }
  | { kind: 'ids'; ids: readonly number[] }
  /** Sessions that overlap [from, to); null is open-ended. */
  | { kind: 'range'; from: Date | null; to: Date | null };

export const ACTIVE: Scope = { kind: 'active' };
export const ALL: Scope = { kind: 'all' };

/**
 * The only door to the user's data: commands never see files, locks or layouts. What a read
 * hands out holds every active session and at least the finished sessions in scope (possibly
 * more: the caller filters precisely). Reads take no lock and never wait for a writer.
 */
export interface Store {
  read(scope: Scope): Promise<TrackerData>;
  /**
   * The same sessions a month at a time, oldest first, so a pass over a long history never
   * holds all of it. `begin` returns a fresh visitor; it is called again if the scan has to
   * start over (a writer removed a file under it), so reset your totals there. Returns next_id.
   */
  scan(scope: Scope, begin: () => (batch: readonly Session[]) => void): Promise<{ next_id: number }>;
  /**
   * `derive` of the finished sessions of each month file (a month is kept in one file or more,
   * none repeating a session), cached beside the store under `name` while the file and the time
   * zone are unchanged: for whole-history summaries (stats, badges), which add the results up.
   * So `derive` must add up over any split of the sessions, may depend on nothing else (not the
   * clock, not the settings) and must return plain JSON; bump `name` when it changes. A cached
   * value failing `valid` is derived again.
   */
  digest<T>(name: string, derive: (sessions: readonly Session[]) => T, valid: (cached: unknown) => boolean): Promise<T[]>;
  /**
   * Like digest, for summaries that must not grow with the history (the line after `stop`): the
   * results of every month but the newest, reduced by `settling.fold` and cached as one (keyed
   * also by `settling.key`); the newest month's results on their own, one per file. Null where
   * there is no such month.
   */
  digestSettled<T, S>(
    name: string,
    derive: (sessions: readonly Session[]) => T,
    valid: (cached: unknown) => boolean,
    settling: Settling<T, S>,
  ): Promise<{ settled: S | null; newest: { month: string; values: T[] } | null }>;
  /**
   * Exclusive read–change–write. `change` edits the data it is handed (sessions it adds, stops,
   * edits or removes are stored wherever they belong) and returns a result; if it throws, nothing
   * is written. With `describe`, the change can be undone and is named by it: `start #5 coding`.
   */
  update<T>(
    scope: Scope,
    change: (data: TrackerData) => T | Promise<T>,
    describe?: (result: T) => string,
    options?: UpdateOptions,
  ): Promise<T>;
  /** Reverts the last described change (up to 50 deep) and returns its name; null when none. */
  undo(): Promise<string | null>;
  /**
   * The undo history's steps made at or after `since` (null: all), oldest first, each with the
   * versions it replaced of these sessions: sync reads when each field last changed from it.
   */
  history(uids: Iterable<string>, since: string | null): Promise<HistoryStep[]>;
  /** What changed after revision `since` (0: everything): for sync and a server to catch up. */
  changesSince(since: number): Promise<Changes>;
  /** The settings (config.json), defaults where unset. */
  config: Document<Config>;
  /**
   * The scheduled jobs and their executions (jobs.json). The file store names the process running
   * each execution a change records `running`, and a run whose process is gone reads as failed,
   * interrupted (written so by the next change): see job-runs.ts.
   */
  jobs: Document<JobsData>;
  /** Sync's state (sync.json): see SyncFile. */
  sync: SyncFile;
  /** Copies the whole store, consistent and checked, into `target` (which must not exist). */
  backupTo(target: string): Promise<{ files: number }>;
}

export interface UpdateOptions {
  /**
   * Clears the undo history in the same commit (sync, when changes arrive): an older change's
   * undo would put back its months and active sessions as they were, dropping what arrived since,
   * and the next sync would send that as deletions.
   */
  forgetUndo?: boolean;
  /**
   * Told the revision the change committed as (not called when it changed nothing): sync records
   * it, so its own commit is not taken for a local change by the next sync.
   */
  committed?: (revision: number) => void;
}

/** How `digestSettled` reduces the older months' results, and checks a cached reduction. */
export interface Settling<T, S> {
  /** What the reduction depends on besides the months (a setting, say): part of the cache key. */
  key: string;
  /** The older months' results (one per file, with its month), oldest month first, into one. */
  fold(months: readonly { month: string; value: T }[]): S;
  valid(cached: unknown): boolean;
}

/**
 * Sync's state. Only a sync writes it, always inside `exclusive` (its own lock, so a sync waiting
 * on the network never holds up start or stop); so `write` takes no lock, and can be called
 * from inside an `update` (the state and the sessions then change in one locked step).
 */
export interface SyncFile {
  read(): Promise<SyncData>;
  /** Durable and atomic, with a `.bak`; only inside `exclusive`. */
  write(data: SyncData): Promise<void>;
  /** Runs `work` holding the sync lock; another sync running is a conflict (exit 4), never a wait. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** The merged entries and local places of these uids (those known): only their shards are read. */
  entries(uids: Iterable<string>): Promise<SyncEntries>;
  /** The uids the last sync left filed at these places (`active`, months), each with its digest. */
  filed(places: Iterable<string>): Promise<Keyed<string>>;
  /** Records these entries and filings (null: the session is no longer here); idempotent; only inside `exclusive`. */
  put(merged: Merged, local: Keyed<Filing | null>): Promise<void>;
  /**
   * Forgets everything sync recorded (the merged state, the place lists, the outbox, sync.json):
   * the store then syncs as one that never did. The merged state goes first, so a kill half-way
   * leaves at worst the old setup without it (its next sync sends what it has again). Only inside `exclusive`.
   */
  forget(): Promise<void>;
}

/** A small JSON file beside the sessions, written under the store's lock. */
export interface Document<T> {
  read(): Promise<T>;
  /** Read–change–write; nothing is written if `change` throws or changes nothing. */
  update<R>(change: (data: T) => R | Promise<R>): Promise<R>;
}

/**
 * What changed after a revision. Every change that commits (undo too) raises the store's
 * revision; a copy made at revision R catches up by replacing its active sessions and, whole,
 * each month listed (so an edited session comes back changed, a removed one missing).
 */
export interface Changes {
  /** The revision now: the next call's `since`. */
  revision: number;
  next_id: number;
  active: Session[];
  /** Month (`YYYY-MM`, UTC, as sessions are filed) → all its finished sessions now; [] if emptied. */
  months: Record<string, Session[]>;
}

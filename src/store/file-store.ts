import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { conflict, StintError, storeError } from '../core/errors.js';
import { compareByStart, isActive, type Session, type TrackerData } from '../core/session.js';
import type { HistoryStep } from '../core/sync/field-times.js';
import { readTextIfExists, removeAbandonedTempFiles, removeFile, syncDirectory } from './atomic-file.js';
import { monthCodec, rootCodec } from './codecs.js';
import { afterCommit, collectGarbage, ensureDataDir } from './housekeeping.js';
import { type Codec, openJson } from './json-file.js';
import { markChanged, monthBatches, monthsChangedSince, monthsInScope, planMonths } from './layout.js';
import { LOCK_TIMING, type LockTiming, withStoreLock } from './lock.js';
import { backupStore } from './backup.js';
import { readSideFile, updateSideFile, type SideFile } from './side-files.js';
import { dropRunsFromCopy, nameRunners, settleRuns } from './job-runs.js';
import { SYNC_LOCK, syncFileIn } from './sync-file.js';
import { createShards } from './sync-shards.js';
import { emptyJobsData, type JobsData } from '../core/jobs.js';
import { emptySyncData } from '../core/sync/state.js';
import type { Config } from '../core/config.js';
import { configCodec, defaultConfig } from './config-file.js';
import { CONFIG_FILE, JOBS_FILE, MONTHS_DIR, PROMPT_STATE_FILE, ROOT_FILE } from './paths.js';
import { writePromptState } from './prompt-state.js';
import { digestMonths, digestSettled, type Piece } from './digest-cache.js';
import {
  decodeRoot,
  emptyRoot,
  encodeMonth,
  encodeRoot,
  MONTH_HEADER,
  monthFiles,
  type Root,
  STORE_VERSION,
  unreadable,
} from './schema.js';
import type { Changes, Scope, Store, UpdateOptions } from './store.js';
import { checkedUndoneRoot, UNDO_DEPTH, undoEntry } from './undo-journal.js';

/** The root as read, and its text (null: no store yet). */
interface Snapshot {
  root: Root;
  rootText: string | null;
}

interface Month {
  key: string;
  /** Oldest first. */
  sessions: Session[];
  /** The text read, for a month in one file; null for one with parts (see `load`). */
  text: string | null;
}

/** Data handed to a command, with the month files it came from. */
interface Loaded {
  data: TrackerData;
  /** Month key → the text it was read from. */
  monthTexts: Map<string, string>;
}

const CONFIG: SideFile<Config> = { name: CONFIG_FILE, codec: configCodec, defaults: defaultConfig };
/** jobs.json, its reader loaded on first use: it brings cron-parser, which no other command needs. */
let jobs: SideFile<JobsData> | undefined;
const jobsFile = async (): Promise<SideFile<JobsData>> =>
  (jobs ??= { name: JOBS_FILE, codec: (await import('./jobs-file.js')).jobsCodec, defaults: emptyJobsData });

/** A month file named by the root is gone: a writer committed meanwhile. Read again. */
class Vanished extends Error {
  constructor(readonly file: string) {
    super(`${file} is missing`);
  }
}

/** A month file the root names could not be found, even read again: the store is broken. */
const missingMonth = (error: Vanished) =>
  storeError('Store unreadable', `${error.message}, and the store's root names it; nothing was changed`);

/**
 * A session of a month file that is also an active one (in the root): a hand edit gave two
 * sessions one ID. Read on, the next change would write a month file holding both.
 */
function assertNotActive(root: Root, sessions: readonly Session[], file: string, rootPath: string): void {
  if (root.active.length === 0) return;
  const ids = new Set(root.active.map((s) => s.id));
  for (const s of sessions) {
    // Named from the root: an ID is given out there, and that is where a hand edit reused one.
    if (ids.has(s.id)) throw unreadable(rootPath, `active session "id" ${s.id} is also a session of ${file}`);
  }
}

/**
 * The root changed between our read and our commit: another writer got in although we held
 * the lock. Two waiters that both judge a killed holder's lock abandoned can, rarely, both take
 * it over (between one's judgement and its removal of the lock, the other may remove it and make
 * its own: lock-holder.ts narrows that window, no lock on a file system closes it), so the commit
 * checks the root it replaces.
 */
class RaceLost extends Error {}

/**
 * Each lost race follows a takeover of a killed writer's lock, so a command can lose once per
 * process killed while it waited: three attempts ran out when a script's stops were killed in
 * numbers (the crash test, seed 463473421). A retry costs one more locked read.
 */
const WRITE_ATTEMPTS = 10;

const READ_ATTEMPTS = 5;

/** What the store takes from the caller's seam (Deps) instead of reading the process. */
export interface StoreSeam {
  /** Stamps undo entries; the system clock when not given (tools, tests). */
  now?: () => Date;
  /** Names the local time zone, which keys the digest cache; none given: nothing is cached. */
  zone?: () => string | null;
  /** How long a lock may go unrefreshed, and how long to wait for one (tests shorten them). */
  lock?: LockTiming;
  /**
   * Unnamed month files are removed by every commit whose revision is a multiple of this (1, every
   * commit, when not given): the CLI passes COLLECT_EVERY (housekeeping.ts). An undo always removes them.
   */
  collectEvery?: number;
}

/**
 * The store on disk, in `dir` (created 0700 on the first write). Layout, in README "Storage":
 * `state.json` (the root) names one immutable file per month of finished sessions; a change
 * writes new month files under new names, then replaces the root atomically — the single
 * commit point, so a kill at any instant leaves the old state or the new one.
 */
export function createFileStore(dir: string, seam: StoreSeam = {}): Store {
  const zone = seam.zone ?? (() => null);
  const clock = seam.now ?? (() => new Date());
  const lock = seam.lock ?? LOCK_TIMING;
  const collectEvery = seam.collectEvery ?? 1;
  const rootPath = join(dir, ROOT_FILE);
  const shards = createShards(dir);
  const syncFile = syncFileIn(dir);
  /** Month files of this store's last commit, by name (immutable): `stop` then digests its month unread. */
  const written = new Map<string, readonly Session[]>();

  /**
   * The root this store last wrote, with its text. A digest that finds exactly that text on disk
   * takes this root instead of parsing and checking it again: the summary after `stop` reads the
   * root its own commit just wrote (README "Performance"). Only digests, which read the months'
   * index and nothing they could change, are handed it.
   */
  let committed: Snapshot | null = null;
  const committedCodec: Codec<Root> = {
    decode: (text, path) => (committed !== null && text === committed.rootText ? committed.root : decodeRoot(text, path)),
    encode: encodeRoot,
  };

  async function readSnapshot(codec: Codec<Root> = rootCodec): Promise<Snapshot> {
    const { db, adapter } = openJson(rootPath, codec, 'replace', emptyRoot());
    await db.read();
    return { root: db.data, rootText: adapter.lastText };
  }

  async function load({ root }: Snapshot, scope: Scope): Promise<Loaded> {
    const months = await Promise.all(monthsInScope(root, scope).map((key) => readMonth(root, key)));
    // Copies: the change edits what it is handed, and the root read must stay as read (undo, no-op check).
    const sessions: Session[] = root.active.map((s) => structuredClone(s));
    const monthTexts = new Map<string, string>();
    for (const month of months) {
      // A month with parts, or a file of an older version, reads as the text it would be written
      // as now: a change that leaves it as it is then writes nothing (a version-2 file stays until
      // its month changes), and one that changes it writes it whole (in one file).
      const { text } = month;
      monthTexts.set(month.key, text?.startsWith(MONTH_HEADER) ? text : encodeMonth(month.key, month.sessions));
      for (const s of month.sessions) sessions.push(s);
    }
    return { data: { next_id: root.next_id, sessions }, monthTexts };
  }

  async function readFile(root: Root, key: string, file: string): Promise<{ sessions: Session[]; text: string }> {
    const { db, adapter } = openJson(join(dir, file), monthCodec(key, root.next_id), 'create', []);
    await db.read();
    if (adapter.lastText === null) throw new Vanished(join(dir, file));
    assertNotActive(root, db.data, join(dir, file), rootPath);
    return { sessions: db.data, text: adapter.lastText };
  }

  /** A month's files, each checked, and each part against the files before it (see MonthEntry). */
  async function readPieces(root: Root, key: string): Promise<Piece[]> {
    const entry = root.months[key];
    if (!entry) throw new Vanished(`the file of month ${key}`);
    const pieces: Piece[] = [];
    let maxId = 0;
    for (const file of monthFiles(entry)) {
      const { sessions } = await readFile(root, key, file);
      const above = pieces.length === 0 ? 0 : maxId;
      for (const s of sessions) {
        if (s.id <= above) throw unreadable(join(dir, file), `"id" ${s.id} is not above the IDs of the month's earlier files`);
        maxId = Math.max(maxId, s.id);
      }
      pieces.push({ file, sessions });
    }
    return pieces;
  }

  async function readMonth(root: Root, key: string): Promise<Month> {
    const entry = root.months[key];
    if (entry?.parts === undefined) return { key, ...(await readFile(root, key, entry?.file ?? '')) };
    const sessions = (await readPieces(root, key)).flatMap((piece) => piece.sessions).sort(compareByStart);
    return { key, sessions, text: null };
  }

  /**
   * Some of a month's files for reading only (digests): those this store just wrote as they are,
   * else all of the month's files read and checked, and these taken from them.
   */
  async function filesOf(root: Root, month: string, files: readonly string[]): Promise<Piece[]> {
    if (files.every((file) => written.has(file))) return files.map((file) => ({ file, sessions: written.get(file) as Session[] }));
    const pieces = await readPieces(root, month);
    return files.map((file) => pieces.find((piece) => piece.file === file) as Piece);
  }

  /** Month by month, with the active sessions filed under the month they started in. */
  function batches({ root }: Snapshot, scope: Scope): AsyncIterable<Session[]> {
    return monthBatches(root, scope, async (key) => (await readMonth(root, key)).sessions);
  }

  /** Reads a consistent snapshot, again if a writer collected a file under us. */
  async function withSnapshot<T>(work: (snapshot: Snapshot) => Promise<T>, codec: Codec<Root> = rootCodec): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work(await readSnapshot(codec));
      } catch (error) {
        if (!(error instanceof Vanished)) throw error;
        if (attempt >= READ_ATTEMPTS) {
          throw missingMonth(error);
        }
      }
    }
  }

  async function commit(snapshot: Snapshot, loaded: Loaded, label: string | undefined, now: string, forgetUndo = false): Promise<boolean> {
    const old = snapshot.root;
    const revision = old.revision + 1;
    const { months, writes, touched } = await planMonths(
      { months: old.months, revision, sessions: loaded.data.sessions, loaded: loaded.monthTexts },
      async (key) => (await readMonth(old, key)).sessions,
    );
    const active = loaded.data.sessions.filter(isActive).sort(compareByStart);
    const history = forgetUndo ? [] : (old.undo ?? []);
    const changed = markChanged(old, months, revision, touched);
    const root: Root = { version: old.version, revision, next_id: loaded.data.next_id, active, months, undo: history, changed };
    // A new ID (every start) is a change: no need to encode the root to see that it is one. The
    // old root is encoded again rather than its text taken, so that a root of an older version
    // (or spaced by hand) is not rewritten by a change that changes nothing.
    const unchanged =
      writes.length === 0 &&
      root.next_id === old.next_id &&
      encodeRoot({ ...root, revision: old.revision, changed: old.changed }) === encodeRoot(old);
    if (unchanged) {
      return false; // nothing changed
    }
    if (label !== undefined) {
      root.undo = [...history, undoEntry(label, now, old, root, touched)].slice(-UNDO_DEPTH);
    }

    const monthsDir = join(dir, MONTHS_DIR);
    mkdirSync(monthsDir, { recursive: true, mode: 0o700 });
    removeAbandonedTempFiles(rootPath);
    removeAbandonedTempFiles(join(dir, PROMPT_STATE_FILE));
    written.clear(); // only the last commit's: a long-lived process must not hoard history
    for (const [key, file, sessions] of writes) {
      const { db } = openJson(join(dir, file), monthCodec(key, root.next_id), 'create', sessions);
      await db.write();
      written.set(file, sessions);
    }
    if (writes.length > 0) syncDirectory(monthsDir);
    const rootText = await replaceRoot(
      snapshot,
      root,
      writes.map(([, file]) => file),
    );
    committed = { root: { ...root, version: STORE_VERSION }, rootText };
    afterCommit(
      () => writePromptState(dir, active),
      () => {
        if (revision % collectEvery === 0) collectGarbage(dir, [root, old]);
      },
    );
    return true;
  }

  /**
   * The commit point: state.json replaced, unless another writer replaced it since we read it.
   * Returns the text written.
   */
  async function replaceRoot(snapshot: Snapshot, root: Root, ownFiles: string[]): Promise<string> {
    const { db, adapter } = openJson(rootPath, rootCodec, 'replace', root);
    adapter.beforeReplace = () => {
      if (readTextIfExists(rootPath) !== snapshot.rootText) {
        for (const file of ownFiles) removeFile(join(dir, file));
        throw new RaceLost();
      }
    };
    await db.write();
    return adapter.lastText as string;
  }

  /** Under the lock no writer can collect a file: a vanished one is the store's fault. */
  function vanishedWhileLocked(error: unknown): never {
    if (error instanceof Vanished) throw storeError('Store unreadable', `${rootPath} vanished while locked`);
    throw error;
  }

  /** One locked read–change–write; RaceLost if the root changed under it. */
  async function updateOnce<T>(
    scope: Scope,
    change: (data: TrackerData) => T | Promise<T>,
    describe: ((result: T) => string) | undefined,
    options: UpdateOptions = {},
  ): Promise<T> {
    return withStoreLock(
      dir,
      async (guard) => {
        const snapshot = await readSnapshot().catch(vanishedWhileLocked);
        const loaded = await load(snapshot, scope).catch((error: unknown) => {
          if (error instanceof Vanished) throw missingMonth(error);
          throw error;
        });
        const result = await change(loaded.data);
        guard.assertHeld();
        const label = describe?.(result);
        const committed = await commit(snapshot, loaded, label, clock().toISOString(), options.forgetUndo).catch((error: unknown) => {
          if (error instanceof StintError || error instanceof RaceLost) throw error;
          if (error instanceof Vanished) throw missingMonth(error);
          throw storeError('Write failed', `${rootPath} not replaced; the previous version was kept`, error);
        });
        if (committed) options.committed?.(snapshot.root.revision + 1);
        return result;
      },
      lock,
    );
  }

  /**
   * Reverts the root's last undo entry: its month files and active sessions come back as they
   * were. Only a root that reads back, naming month files that do, is written.
   */
  async function undoOnce(): Promise<string | null> {
    return withStoreLock(
      dir,
      async (guard) => {
        const snapshot = await readSnapshot().catch(vanishedWhileLocked);
        if (snapshot.rootText === null) return null;
        const entry = snapshot.root.undo?.at(-1);
        if (!entry) return null;
        const root = checkedUndoneRoot(snapshot.root, entry, rootPath);
        for (const [key, month] of Object.entries(entry.before.months)) {
          if (!month) continue;
          await readMonth(root, key).catch((error: unknown) => {
            if (!(error instanceof Vanished)) throw error;
            throw storeError(
              'Store unreadable',
              `${rootPath}: undoing ${entry.label} needs ${monthFiles(month).join(', ')}, ${month.parts ? 'of which one is' : 'which is'} missing; nothing was undone`,
            );
          });
        }
        guard.assertHeld();
        await replaceRoot(snapshot, root, []);
        afterCommit(
          () => writePromptState(dir, root.active),
          () => collectGarbage(dir, [root, snapshot.root]),
        );
        return entry.label;
      },
      lock,
    );
  }

  async function retried<T>(work: () => Promise<T>): Promise<T> {
    ensureDataDir(dir);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof RaceLost)) throw error;
        if (attempt >= WRITE_ATTEMPTS) throw conflict('Store busy', `${rootPath} kept changing under this command; try again`);
      }
    }
  }

  return {
    read: (scope) => withSnapshot(async (snapshot) => (await load(snapshot, scope)).data),

    scan: (scope, begin) =>
      withSnapshot(async (snapshot) => {
        // A fresh visitor per attempt: a retry (a file collected under us) starts over.
        const visit = begin();
        for await (const batch of batches(snapshot, scope)) visit(batch);
        return { next_id: snapshot.root.next_id };
      }),

    digest: (name, derive, valid) =>
      withSnapshot(async ({ root, rootText }) => {
        // No cache for a store not yet written: a reader never creates the data directory.
        const key = rootText === null ? null : zone();
        const results = await digestMonths({ dir, name, zone: key, root }, { derive, valid }, (month, files) =>
          filesOf(root, month, files),
        );
        return results.map((result) => result.value);
      }, committedCodec),

    digestSettled: (name, derive, valid, settling) =>
      withSnapshot(async ({ root, rootText }) => {
        const key = rootText === null ? null : zone();
        return digestSettled({ dir, name, zone: key, root }, { derive, valid }, settling, (month, files) => filesOf(root, month, files));
      }, committedCodec),

    changesSince: (since) =>
      withSnapshot(async ({ root }) => {
        const months: Changes['months'] = {};
        for (const key of monthsChangedSince(root, since)) months[key] = root.months[key] ? (await readMonth(root, key)).sessions : [];
        return { revision: root.revision, next_id: root.next_id, active: root.active, months };
      }),

    history: (uids, since) =>
      withSnapshot(async ({ root }) => {
        const wanted = new Set(uids);
        const steps: HistoryStep[] = [];
        for (const entry of root.undo ?? []) {
          if (since !== null && entry.at < since) continue;
          const before = entry.before.active.filter((s) => wanted.has(s.uid));
          for (const [key, month] of Object.entries(entry.before.months)) {
            if (!month) continue;
            // The month as it was, read against the root it belonged to (its active sessions).
            const then = { ...root, active: entry.before.active, months: { ...root.months, [key]: month } };
            for (const s of (await readMonth(then, key)).sessions) if (wanted.has(s.uid)) before.push(s);
          }
          steps.push({ at: entry.at, places: ['active', ...Object.keys(entry.before.months)], before });
        }
        return steps;
      }),

    update: (scope, change, describe, options) => retried(() => updateOnce(scope, change, describe, options)),

    undo: () => retried(undoOnce),

    config: { read: () => readSideFile(dir, CONFIG), update: (change) => updateSideFile(dir, CONFIG, change, lock) },
    jobs: {
      // Runs whose process is gone are settled on every read, and written so by the next change;
      // executions a change records running are named as this process's (job-runs.ts).
      read: async () => {
        const data = await readSideFile(dir, await jobsFile());
        settleRuns(data, clock());
        return data;
      },
      update: async (change) =>
        updateSideFile(
          dir,
          await jobsFile(),
          async (data) => {
            settleRuns(data, clock());
            const firstNew = data.next_execution_id;
            const result = await change(data);
            nameRunners(data, firstNew);
            return result;
          },
          lock,
        ),
    },
    sync: {
      ...shards,
      ...syncFile,
      async forget() {
        shards.forget();
        await syncFile.write(emptySyncData());
      },
      exclusive: (work) => {
        ensureDataDir(dir);
        // Waits like a writer: long enough to take over the lock of a sync that was killed.
        return withStoreLock(dir, () => shards.during(work), lock, SYNC_LOCK);
      },
    },
    backupTo: (target) =>
      backupStore(
        dir,
        target,
        async (copy) => {
          dropRunsFromCopy(copy, (await jobsFile()).codec);
          const store = createFileStore(copy);
          await store.read({ kind: 'all' });
          await store.config.read();
          await store.jobs.read();
          // sync.json and the outbox it names: the pair the sync lock keeps consistent.
          await store.sync.read();
        },
        lock,
      ),
  };
}

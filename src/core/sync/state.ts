import { invalidInput } from '../errors.js';
import { unknownField } from '../json-keys.js';
import { fieldProblem, setProblem, togetherProblem } from './check.js';
import { DEVICE_PATTERN, isStamp, type Stamp } from './hlc.js';
import { type Change, type Entry, FIELD_NAMES, type Keyed, keyed, type Merged } from './merge.js';

export type RemoteKind = 'git' | 'folder';

/** What one sync did: `stint sync`'s line and JSON, and the sync job's result. */
export interface SyncReport {
  device: string;
  remote: { kind: RemoteKind; url: string };
  sent: number;
  received: number;
  added: number;
  updated: number;
  removed: number;
  /** Focus sessions active at once after the merge (the rule allows one): reported, not dropped. */
  focus_conflict: { uid: string; session_id: number; task: string; device: string }[];
}

/** Where a touched session now is locally: its ID and where the store files it. */
export type LocalPlace = [id: number, where: string];

/** A session as the last sync left it here: its place, and a digest of its synced fields. */
export type Filing = [id: number, where: string, digest: string];

/**
 * A sync's changes to the local store, recorded before they are made so a killed sync finishes
 * them: what it takes to make them again (the sessions are not kept: at a first sync they are
 * the whole history, and they follow from the merged state).
 */
export interface PendingApply {
  revision: number;
  /** The segments read once the round is done: those it read are read again to finish it. */
  seen: Record<string, string[]>;
  renamed: { from: string; to: string }[];
  /** The sessions the merge touched: each is made to match its merged state (gone if none). */
  touched: string[];
  /**
   * The store's revision once the merge was committed to it, recorded right after: whatever the
   * store holds since is this device's own doing (src/sync/finish.ts). Absent: the sync was killed
   * before it could say, and the sessions tell.
   */
  committed?: number;
}

/**
 * Some sessions' merged state and where each is filed locally: what a sync loads of the state the
 * store keeps split by uid (only the sessions its changes touch), and writes back.
 */
export interface SyncEntries {
  merged: Merged;
  local: Keyed<LocalPlace>;
}

/**
 * What sync keeps in the data directory (sync.json): this device, the remote, the hybrid clock,
 * the store revision last synced, which log segments of each device were read, and what is not
 * yet done. It stays small: the merged state of every session is kept apart (SyncEntries).
 */
export interface SyncData {
  device: string | null;
  remote: { kind: RemoteKind; url: string } | null;
  clock: Stamp | null;
  revision: number;
  /** Device → names of its log segments read (and merged) here. */
  seen: Record<string, string[]>;
  /** A segment of this device's changes written to the shared root, or to be. */
  outbox: { name: string; changes: Change[] } | null;
  pending: PendingApply | null;
  /** Every device in the shared root at the last sync, and the stamp of its newest log segment. */
  devices: Record<string, Stamp | null>;
  /** Changes made here, merged, not yet in the shared root (the outbox's) are counted by `status`. */
  last_sync: string | null;
  last_error: { at: string; message: string; hint: string } | null;
}

export const emptySyncData = (): SyncData => ({
  device: null,
  remote: null,
  clock: null,
  revision: 0,
  seen: keyed(),
  outbox: null,
  pending: null,
  devices: keyed(),
  last_sync: null,
  last_error: null,
});

const fail = (why: string) => invalidInput('Bad sync state', why);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string) => Object.hasOwn(o, k);

// A change and an entry as sync writes them: a key outside these is one this stint does not understand.
const CHANGE_FIELDS = ['uid', 'at', 'create', 'set'];
const DELETE_FIELDS = ['uid', 'at', 'deleted'];
const ENTRY_FIELDS = ['fields', 'born', 'deleted'];

/**
 * A change as read from a log (or this device's outbox): every part checked, nothing taken
 * loosely; each value by the rules the store reads sessions with, and those of the commands
 * (check.ts), so what a merge takes from it is something stint could have written.
 */
export function checkChange(raw: unknown, where: string): Change {
  if (!isObject(raw) || typeof raw.uid !== 'string' || raw.uid === '' || !isStamp(raw.at)) throw fail(`${where}: not a change`);
  if (raw.deleted === true) {
    if (unknownField(raw, DELETE_FIELDS) !== undefined) throw fail(`${where}: not a change`);
    return { uid: raw.uid, at: raw.at, deleted: true };
  }
  if (unknownField(raw, CHANGE_FIELDS) !== undefined || !(raw.create === undefined || raw.create === true)) {
    throw fail(`${where}: not a change`);
  }
  if (!isObject(raw.set)) throw fail(`${where}: a change without fields`);
  const set = raw.set;
  const problem = setProblem(set);
  if (problem !== null) throw fail(`${where}: ${problem}`);
  if (raw.create === true) {
    for (const key of FIELD_NAMES) {
      if (!own(set, key)) throw fail(`${where}: a created session without ${key}`);
    }
    return { uid: raw.uid, at: raw.at, create: true, set: set as never };
  }
  return { uid: raw.uid, at: raw.at, set: set as never };
}

/** An entry of the merged state (a snapshot's, or a shard's here): each value checked as a change's. */
export function checkEntry(raw: unknown, where: string): Entry {
  if (!isObject(raw) || !isObject(raw.fields) || unknownField(raw, ENTRY_FIELDS) !== undefined) throw fail(`${where}: not an entry`);
  if (!(raw.born === null || isStamp(raw.born)) || !(raw.deleted === null || isStamp(raw.deleted))) throw fail(`${where}: bad stamps`);
  for (const [key, pair] of Object.entries(raw.fields)) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isStamp(pair[1])) throw fail(`${where}: bad ${key}`);
    const problem = fieldProblem(key, pair[0]);
    if (problem !== null) throw fail(`${where}: ${problem}`);
  }
  // A start and a state of one stamp were set by one change: one device's session at one moment.
  const { started_at: start, state } = raw.fields as Entry['fields'];
  const together = start && state && start[1] === state[1] ? togetherProblem(start[0], state[0]) : null;
  if (together !== null) throw fail(`${where}: ${together}`);
  return raw as unknown as Entry;
}

/** sync.json as read, the outbox reference taken out: the shape checked whole, or refused. */
export function checkSyncData(raw: unknown): SyncData {
  if (!isObject(raw)) throw fail('not an object');
  const data = { ...emptySyncData(), ...raw } as SyncData;
  if (data.device !== null && !(typeof data.device === 'string' && DEVICE_PATTERN.test(data.device))) throw fail('bad device');
  if (
    data.remote !== null &&
    !(isObject(data.remote) && ['git', 'folder'].includes(data.remote.kind as string) && typeof data.remote.url === 'string')
  ) {
    throw fail('bad remote');
  }
  if (data.clock !== null && !isStamp(data.clock)) throw fail('bad clock');
  if (!Number.isInteger(data.revision) || data.revision < 0) throw fail('bad revision');
  if (!isObject(data.seen) || !isObject(data.devices)) throw fail('bad tables');
  for (const [name, stamp] of Object.entries(data.devices)) {
    if (!DEVICE_PATTERN.test(name) || !(stamp === null || isStamp(stamp))) throw fail(`bad device ${name}`);
  }
  if (!checkSeen(data.seen)) throw fail('bad seen');
  // The outbox is never inline: sync.json names its file, read apart (store/sync-file.ts).
  if (data.outbox !== null) throw fail('bad outbox');
  const { pending } = data;
  if (
    pending !== null &&
    (!(isObject(pending) && Array.isArray(pending.touched) && Array.isArray(pending.renamed) && checkSeen(pending.seen)) ||
      (pending.committed !== undefined && !(Number.isSafeInteger(pending.committed) && (pending.committed as number) >= 0)))
  ) {
    throw fail('bad pending');
  }
  return ownTables(data);
}

/**
 * Its tables keyed by device name made without a prototype: anyone with push access names a
 * device, and `constructor` is a name (a parsed or cloned object would find one it does not hold).
 */
export function ownTables(data: SyncData): SyncData {
  data.seen = keyed(data.seen);
  data.devices = keyed(data.devices);
  if (data.pending !== null) data.pending.seen = keyed(data.pending.seen);
  return data;
}

/** A shard of the merged state as read: every entry and place checked, or refused. */
export function checkEntries(raw: Record<string, unknown>): SyncEntries {
  if (!isObject(raw.merged) || !isObject(raw.local)) throw fail('bad tables');
  for (const [uid, entry] of Object.entries(raw.merged)) checkEntry(entry, `session ${uid}`);
  for (const [uid, place] of Object.entries(raw.local)) {
    if (!Array.isArray(place) || !Number.isInteger(place[0]) || typeof place[1] !== 'string') throw fail(`bad place of ${uid}`);
  }
  // Parsed JSON inherits from Object.prototype: a uid `constructor` absent from it would be found.
  return { merged: keyed(raw.merged as Record<string, Entry>), local: keyed(raw.local as Record<string, LocalPlace>) };
}

/** The uids filed at one place, each with the digest of its synced fields, as read. */
export function checkFiled(raw: Record<string, unknown>): Keyed<string> {
  if (!isObject(raw.uids) || !Object.values(raw.uids).every((d) => typeof d === 'string')) throw fail('bad uids');
  return keyed(raw.uids as Record<string, string>);
}

const checkSeen = (seen: unknown): boolean =>
  isObject(seen) && Object.values(seen).every((names) => Array.isArray(names) && names.every((n) => typeof n === 'string'));

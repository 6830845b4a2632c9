import { invalidInput } from '../errors.js';
import { STATUSES } from '../session.js';
import { DEVICE_PATTERN, isStamp, type Stamp } from './hlc.js';
import { type Change, type Entry, type Keyed, keyed, type Merged } from './merge.js';

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

/** A change as read from a log: every part checked, nothing taken loosely. */
export function checkChange(raw: unknown, where: string): Change {
  if (!isObject(raw) || typeof raw.uid !== 'string' || raw.uid === '' || !isStamp(raw.at)) throw fail(`${where}: not a change`);
  if (raw.deleted === true) return { uid: raw.uid, at: raw.at, deleted: true };
  if (!isObject(raw.set)) throw fail(`${where}: a change without fields`);
  const set = raw.set;
  for (const key of Object.keys(set)) checkField(key, set[key], where);
  if (raw.create === true) {
    for (const key of ['task', 'started_at', 'state', 'planned_seconds', 'tags', 'note', 'updated_at']) {
      if (!own(set, key)) throw fail(`${where}: a created session without ${key}`);
    }
    return { uid: raw.uid, at: raw.at, create: true, set: set as never };
  }
  return { uid: raw.uid, at: raw.at, set: set as never };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const isInstant = (v: unknown): v is string => typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v));

function checkField(key: string, value: unknown, where: string): void {
  const ok = (() => {
    switch (key) {
      case 'task':
        return typeof value === 'string' && value !== '';
      case 'started_at':
      case 'updated_at':
        return isInstant(value);
      case 'planned_seconds':
        return value === null || (Number.isInteger(value) && (value as number) > 0);
      case 'note':
        return value === null || typeof value === 'string';
      case 'tags':
        return Array.isArray(value) && value.every((t) => typeof t === 'string');
      case 'state':
        return isObject(value) && checkState(value);
      default:
        return false;
    }
  })();
  if (!ok) throw fail(`${where}: bad ${key}`);
}

function checkState(v: Record<string, unknown>): boolean {
  return (
    (STATUSES as readonly unknown[]).includes(v.status) &&
    (v.stopped_at === null || isInstant(v.stopped_at)) &&
    Array.isArray(v.pauses) &&
    v.pauses.every((p: unknown) => isObject(p) && isInstant(p.started_at) && (p.ended_at === null || isInstant(p.ended_at)))
  );
}

export function checkEntry(raw: unknown, where: string): Entry {
  if (!isObject(raw) || !isObject(raw.fields)) throw fail(`${where}: not an entry`);
  if (!(raw.born === null || isStamp(raw.born)) || !(raw.deleted === null || isStamp(raw.deleted))) throw fail(`${where}: bad stamps`);
  for (const [key, pair] of Object.entries(raw.fields)) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isStamp(pair[1])) throw fail(`${where}: bad ${key}`);
    checkField(key, pair[0], where);
  }
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
  if (
    data.pending !== null &&
    !(isObject(data.pending) && Array.isArray(data.pending.touched) && Array.isArray(data.pending.renamed) && checkSeen(data.pending.seen))
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

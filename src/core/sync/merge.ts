import type { Pause, Session, Status } from '../session.js';
import type { Stamp } from './hlc.js';

/**
 * What a session is made of, as synced. Status, stop and pauses travel as one field (`state`):
 * taken one by one, a stop from one device and a pause from another could make a session both
 * completed and paused. The local `id` never travels; `updated_at` follows the winning change.
 */
export interface SessionState {
  status: Status;
  stopped_at: string | null;
  pauses: Pause[];
}

export interface SyncedFields {
  task: string;
  started_at: string;
  state: SessionState;
  planned_seconds: number | null;
  tags: string[];
  note: string | null;
  updated_at: string;
}

export type FieldName = keyof SyncedFields;

export const FIELD_NAMES: readonly FieldName[] = ['task', 'started_at', 'state', 'planned_seconds', 'tags', 'note', 'updated_at'];

/**
 * One change from one device's log: a session created (every field, `create`), some of its fields
 * changed, or the session deleted. `at` is the change's hybrid clock, unique per device.
 */
export type Change =
  | { uid: string; at: Stamp; create: true; set: SyncedFields }
  | { uid: string; at: Stamp; create?: false; set: Partial<SyncedFields> }
  | { uid: string; at: Stamp; deleted: true };

/** What all changes seen say about one session: each field's latest value and its stamp. */
export interface Entry {
  fields: Partial<{ [K in FieldName]: [SyncedFields[K], Stamp] }>;
  /** The first create's stamp: its device is where the session came from. */
  born: Stamp | null;
  /** Set once a delete is seen: a tombstone, never lifted. */
  deleted: Stamp | null;
}

declare const ownKeysOnly: unique symbol;

/**
 * A table keyed by text from outside: uids (an import keeps a file's own, another device's log
 * brings any) and device names. `constructor`, `toString` or `__proto__` is a key like any other,
 * so the table has no prototype (`keyed`): nothing is inherited, no key is special, and JSON
 * reads and writes it as it is. The brand makes a plain `{}` fail to type-check where one is due.
 * (structuredClone gives a plain object back: copy the values, not the table.)
 */
export type Keyed<T> = Record<string, T> & { readonly [ownKeysOnly]: true };

/** A table without a prototype, holding `from`'s own keys (a parsed file's, say) if given. */
export const keyed = <T>(from?: Readonly<Record<string, T>>): Keyed<T> => Object.assign(Object.create(null) as Keyed<T>, from);

/** uid → entry: the merged state of every session any device has told of. */
export type Merged = Keyed<Entry>;

const later = (a: Stamp, b: Stamp | null | undefined): boolean => b === null || b === undefined || a > b;

/**
 * Folds one change into the merged state; returns whether anything changed. The result depends
 * only on the set of changes seen, not their order or repetition: every field keeps the value of
 * its latest stamp, and a delete, once seen, wins over every edit, earlier, concurrent or later
 * (an edit made without knowing of the delete cannot bring the session back).
 */
export function applyChange(merged: Merged, change: Change): boolean {
  let entry = merged[change.uid];
  if (!entry) {
    entry = { fields: {}, born: null, deleted: null };
    merged[change.uid] = entry;
  }
  if ('deleted' in change) {
    if (entry.deleted !== null && entry.deleted <= change.at) return false;
    entry.deleted = change.at;
    return true;
  }
  let changed = false;
  if (change.create === true && (entry.born === null || change.at < entry.born)) {
    entry.born = change.at;
    changed = true;
  }
  const fields = entry.fields as Record<string, [unknown, Stamp] | undefined>;
  for (const [name, value] of Object.entries(change.set)) {
    if (value === undefined) continue;
    if (later(change.at, fields[name]?.[1])) {
      fields[name] = [value, change.at];
      changed = true;
    }
  }
  return changed;
}

/** The device a stamp belongs to. */
export const stampDevice = (stamp: Stamp): string => stamp.slice(stamp.indexOf('.', stamp.indexOf('.') + 1) + 1);

/** A session as every device shows it, without the local ID. */
export type SyncedSession = Omit<Session, 'id'> & { device: string };

/** The session an entry stands for; null if deleted, or not yet whole (its create not seen). */
export function sessionOf(uid: string, entry: Entry): SyncedSession | null {
  if (entry.deleted !== null || entry.born === null) return null;
  const f = entry.fields;
  if (!f.task || !f.started_at || !f.state || !f.planned_seconds || !f.tags || !f.note || !f.updated_at) return null;
  const [started_at, state] = fitTimes(f.started_at, f.state);
  return {
    uid,
    task: f.task[0],
    started_at,
    stopped_at: state.stopped_at,
    status: state.status,
    planned_seconds: f.planned_seconds[0],
    pauses: state.pauses.map((p) => ({ ...p })),
    tags: [...f.tags[0]],
    note: f.note[0],
    updated_at: f.updated_at[0],
    device: stampDevice(entry.born),
  };
}

/**
 * A start and a state set apart (the start moved later on one device, a stop or pause made
 * earlier on another) can make an impossible session: stopped or paused before it started.
 * Then the later of the two changes keeps its value and the other yields as little as it can:
 * a later start cuts the state to begin there (pauses before it go, one across it is cut, a
 * stop before it meets it); a later state takes the start back to its first pause or its stop.
 * It depends on the merged fields and their stamps alone, so every device repairs alike, and the
 * repaired session is what each shows (the next sync compares with it, so sends nothing).
 */
/** The later of two instants (stored instants compare as strings; Math.max would give NaN). */
const latest = (x: string, y: string): string => (x > y ? x : y);

function fitTimes(start: [string, Stamp], state: [SessionState, Stamp]): [string, SessionState] {
  const [at, { status, stopped_at: stop, pauses }] = [start[0], state[0]];
  const earliest = [stop, ...pauses.map((p) => p.started_at)].reduce<string>((min, x) => (x !== null && x < min ? x : min), at);
  if (earliest === at) return [at, state[0]];
  if (state[1] > start[1]) return [earliest, state[0]];
  const kept = pauses
    .filter((p) => p.ended_at === null || p.ended_at > at)
    .map((p) => ({ started_at: latest(p.started_at, at), ended_at: p.ended_at }));
  return [at, { status, stopped_at: stop !== null && stop < at ? at : stop, pauses: kept }];
}

/** The synced fields of a local session. */
export function fieldsOf(session: Omit<Session, 'id'>): SyncedFields {
  return {
    task: session.task,
    started_at: session.started_at,
    state: { status: session.status, stopped_at: session.stopped_at, pauses: session.pauses.map((p) => ({ ...p })) },
    planned_seconds: session.planned_seconds,
    tags: [...session.tags],
    note: session.note,
    updated_at: session.updated_at,
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `now` that differ from `before`. */
export function changedFields(before: SyncedFields, now: SyncedFields): Partial<SyncedFields> {
  const out: Partial<Record<FieldName, unknown>> = {};
  for (const name of FIELD_NAMES) {
    if (name !== 'updated_at' && !same(before[name], now[name])) out[name] = now[name];
  }
  if (Object.keys(out).length > 0) out.updated_at = now.updated_at;
  return out as Partial<SyncedFields>;
}

import type { Session } from '../session.js';
import { encodeStamp as encode, type Hlc, observe, tick } from './hlc.js';
import type { FieldTimes } from './field-times.js';
import {
  applyChange,
  type Change,
  changedFields,
  type FieldName,
  fieldsOf,
  type Merged,
  type SyncedFields,
  sessionOf,
  type SyncedSession,
} from './merge.js';

/** One sync of one device, as the core sees it: no files, no clock but `nowMs`. */
export interface RoundInput {
  device: string;
  /** This device's clock after its last sync. */
  clock: Hlc;
  /** The merged state after the last sync; updated in place. */
  merged: Merged;
  /** Local sessions that may have changed since the last sync (more is harmless). */
  candidates: readonly Session[];
  /** uids the last sync left here that are here no more: removed locally (rm, undo of an add). */
  vanished: readonly string[];
  /**
   * uid → when each of its fields last changed here (epoch ms), as the undo history tells
   * (fieldTimes); a field not given changed at its session's `updated_at`.
   */
  fieldTimes?: Readonly<Record<string, FieldTimes>>;
  /** Changes from the other devices (any order, repeats welcome). */
  incoming: readonly Change[];
  nowMs: number;
  newUid(): string;
}

export interface RoundResult {
  /** This device's new changes, to append to its log. */
  outgoing: Change[];
  clock: Hlc;
  /** Local sessions whose uid a delete had retired (brought back by undo, or imported again): new uid. */
  renamed: { from: string; to: string }[];
  /** What each touched session must now be locally (null: removed). */
  apply: { uid: string; session: SyncedSession | null }[];
  /** How many incoming changes told something new. */
  received: number;
}

/**
 * The local changes since the last sync become changes stamped by the hybrid clock, then
 * everything is merged. Each changed field is stamped with the time it changed on this device
 * (from the undo history, `fieldTimes`; else the session's `updated_at`), fields changed at the
 * same time in one change: a session's later note edit must not carry an earlier stop or pause
 * made here past a stop made in between elsewhere. So a later edit made offline still wins over
 * an earlier one made elsewhere, field by field. Undo needs no special case here: what it
 * restored differs from what was synced, and travels as a new change.
 */
export function syncRound(input: RoundInput): RoundResult {
  const { device, merged } = input;
  let clock = input.clock;
  const outgoing: Change[] = [];
  const renamed: RoundResult['renamed'] = [];
  const touched = new Set<string>();
  const local: { uid: string; ms: number; order: number; create: boolean; set: Partial<SyncedFields> }[] = [];
  for (const session of input.candidates) {
    let uid = session.uid;
    const entry = merged[uid];
    const fields = fieldsOf(session);
    const updated = Date.parse(session.updated_at);
    if (entry?.deleted) {
      uid = input.newUid();
      renamed.push({ from: session.uid, to: uid });
    }
    const synced = entry && !entry.deleted ? sessionOf(uid, entry) : null;
    if (!synced) {
      local.push({ uid, ms: updated, order: 0, create: true, set: fields });
    } else {
      const set = changedFields(fieldsOf(synced), fields);
      // Only updated_at differs (an edit to the same value): nothing to send, but the
      // session is set back to the synced one so every device shows the same.
      if (Object.keys(set).length === 0 && session.updated_at === synced.updated_at) continue;
      local.push(...splitByTime(uid, set, input.fieldTimes?.[session.uid] ?? {}, updated));
    }
    touched.add(uid);
  }
  // In the order they were made (ties: by uid, then a session's earlier change first), so each
  // stamp follows its change's own time and the clock only moves forward.
  local.sort((a, b) => a.ms - b.ms || a.uid.localeCompare(b.uid) || a.order - b.order);
  for (const change of local) {
    clock = tick(clock, change.ms, device);
    const at = encode(clock);
    outgoing.push(
      change.create ? { uid: change.uid, at, create: true, set: change.set as SyncedFields } : { uid: change.uid, at, set: change.set },
    );
  }
  for (const uid of [...input.vanished].sort()) {
    const entry = merged[uid];
    if (!entry || entry.deleted) continue;
    clock = tick(clock, input.nowMs, device);
    outgoing.push({ uid, at: encode(clock), deleted: true });
    touched.add(uid);
  }
  // Local changes were made before this sync saw the incoming ones, so they are stamped first;
  // the clock then moves past everything that came in: later local changes sort after them.
  for (const change of input.incoming) clock = observe(clock, change.at);
  for (const change of outgoing) applyChange(merged, change);
  let received = 0;
  for (const change of input.incoming) {
    if (applyChange(merged, change)) {
      received += 1;
      touched.add(change.uid);
    }
  }
  const apply = [...touched].sort().map((uid) => ({ uid, session: sessionOf(uid, merged[uid] as NonNullable<Merged[string]>) }));
  return { outgoing, clock, renamed, apply, received };
}

/** Every session the merged state holds, in a fixed order: what each device must show. */
export function mergedSessions(merged: Merged): SyncedSession[] {
  const out: SyncedSession[] = [];
  for (const uid of Object.keys(merged).sort()) {
    const session = sessionOf(uid, merged[uid] as NonNullable<Merged[string]>);
    if (session) out.push(session);
  }
  return out;
}

/**
 * A session's changed fields as one change per time they changed at, oldest first; `updated_at`
 * goes with the newest (it follows the winning change, and the newest is this device's last).
 */
function splitByTime(uid: string, set: Partial<SyncedFields>, times: FieldTimes, updated: number) {
  const groups = new Map<number, Partial<Record<FieldName, unknown>>>();
  for (const [name, value] of Object.entries(set) as [FieldName, unknown][]) {
    if (name === 'updated_at') continue;
    const ms = times[name] ?? updated;
    groups.set(ms, { ...groups.get(ms), [name]: value });
  }
  const ordered = [...groups].sort(([a], [b]) => a - b);
  const last = ordered.at(-1);
  if (last && set.updated_at !== undefined) last[1].updated_at = set.updated_at;
  return ordered.map(([ms, fields], order) => ({ uid, ms, order, create: false, set: fields as Partial<SyncedFields> }));
}

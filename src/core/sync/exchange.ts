import type { Session } from '../session.js';
import { encodeStamp as encode, type Hlc, observe, tick } from './hlc.js';
import { applyChange, type Change, changedFields, fieldsOf, type Merged, sessionOf, type SyncedSession } from './merge.js';

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
 * The local changes since the last sync become changes stamped by the hybrid clock (from each
 * session's `updated_at`, the device's clock when it was changed, so a later edit made offline
 * still wins over an earlier one made elsewhere), then everything is merged. Undo needs no
 * special case: what it restored differs from what was synced, and travels as a new change.
 */
export function syncRound(input: RoundInput): RoundResult {
  const { device, merged } = input;
  let clock = input.clock;
  const outgoing: Change[] = [];
  const renamed: RoundResult['renamed'] = [];
  const touched = new Set<string>();
  const ordered = [...input.candidates].sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.uid.localeCompare(b.uid));
  for (const session of ordered) {
    let uid = session.uid;
    const entry = merged[uid];
    const fields = fieldsOf(session);
    clock = tick(clock, Date.parse(session.updated_at), device);
    const at = encode(clock);
    if (entry?.deleted) {
      uid = input.newUid();
      renamed.push({ from: session.uid, to: uid });
    }
    const synced = entry && !entry.deleted ? sessionOf(uid, entry) : null;
    if (!synced) {
      outgoing.push({ uid, at, create: true, set: fields });
    } else {
      const set = changedFields(fieldsOf(synced), fields);
      // Only updated_at differs (an edit to the same value): nothing to send, but the
      // session is set back to the synced one so every device shows the same.
      if (Object.keys(set).length > 0) outgoing.push({ uid, at, set });
      else if (session.updated_at === synced.updated_at) continue;
    }
    touched.add(uid);
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

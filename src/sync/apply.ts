import { createHash } from 'node:crypto';
import { isActive, type Session, type TrackerData } from '../core/session.js';
import { fieldsOf, type Keyed, keyed, type Merged, type SyncedSession } from '../core/sync/merge.js';
import type { Filing, PendingApply, SyncData, SyncEntries } from '../core/sync/state.js';
import { ALL, type Store } from '../store/store.js';

// A sync's merge made true locally: the store changed to match it and the merged state written
// back, in an order that a kill at any instant leaves finishable (finish.ts).

export const whereOf = (s: Session): string => (isActive(s) ? 'active' : s.started_at.slice(0, 7));

/**
 * Where a session is filed and a digest of its synced fields: a later sync reads again only the
 * sessions of a changed month whose digest differs (a month is the store's unit of change).
 */
export const filingOf = (s: Session): Filing => [s.id, whereOf(s), digestOf(s)];

/** A digest of a session's synced fields: what a place list records of it. */
export const digestOf = (s: Omit<Session, 'id'>): string =>
  createHash('sha256')
    .update(JSON.stringify(fieldsOf(s)))
    .digest('base64url')
    .slice(0, 22);

/** Thrown inside the store's update when a command changed the store after the round read it. */
export class StoreMoved extends Error {}

/** What a round has loaded of the merged state, and what it will write back. */
export interface Work {
  /** The loaded entries (the sessions the round is about); the merge updates them in place. */
  entries: SyncEntries;
  /** Where each touched session is now filed here (null: no longer here). */
  places: Keyed<Filing | null>;
  /** What each touched session must now be here (null: removed). */
  apply: { uid: string; session: SyncedSession | null }[];
}

/** A pending merge, with the revision it was committed at once that is known (state.ts). */
export type Landed = PendingApply;

/**
 * Makes the store match the merge, in one locked commit that also writes sync.json (with the
 * merge recorded as pending, so a kill after it is finished by the next sync), then writes the
 * touched sessions' merged state and places. A kill before those are durable loses nothing:
 * the segments read are recorded as read only after them (the next sync reads them again), and
 * this device's own changes are in the outbox, which finishing folds in again.
 * Refused with StoreMoved if a command changed the store after `revision`: the round is done again.
 * `whole`: the sessions are looked for among all of them (a finish: those the merge added are
 * known by uid alone).
 */
export async function applyToStore(
  store: Store,
  state: SyncData,
  pending: Landed,
  revision: number,
  work: Work,
  { arrived = true, whole = false }: { arrived?: boolean; whole?: boolean } = {},
) {
  const { places, apply } = work;
  const placeOf = (uid: string) => (uid in places ? places[uid] : work.entries.local[uid]);
  const ids = [...pending.touched, ...pending.renamed.map((r) => r.from)].flatMap((uid) => {
    const place = placeOf(uid);
    return place ? [place[0]] : [];
  });
  const counts = { added: 0, updated: 0, removed: 0 };
  const touches = apply.length > 0 || pending.renamed.length > 0;
  const change = async (data: TrackerData) => {
    if ((await store.changesSince(revision)).revision !== revision) throw new StoreMoved();
    state.pending = pending;
    await store.sync.write(state);
    const byUid = new Map(data.sessions.map((s) => [s.uid, s]));
    for (const { from, to } of pending.renamed) {
      const s = byUid.get(from);
      places[from] = null;
      if (!s) continue;
      s.uid = to;
      byUid.delete(from);
      byUid.set(to, s);
    }
    for (const { uid, session } of apply) {
      const local = byUid.get(uid);
      if (session === null) {
        if (local) data.sessions.splice(data.sessions.indexOf(local), 1);
        if (local) counts.removed += 1;
        places[uid] = null;
        continue;
      }
      // The origin (the device the session was born on) is stored too: status names it.
      if (local) {
        if (JSON.stringify(fieldsOf(local)) !== JSON.stringify(fieldsOf(session))) counts.updated += 1;
        assign(local, session);
        places[uid] = filingOf(local);
      } else {
        const added: Session = { id: data.next_id, ...session };
        data.next_id += 1;
        data.sessions.push(added);
        counts.added += 1;
        places[uid] = filingOf(added);
      }
    }
  };
  // Only what arrived could be dropped by an older change's undo; sending alone keeps the history.
  // The revision of the sync's own commit is recorded as synced, so the next sync does not take
  // what it wrote for local changes (the round checked, under the lock, that nothing came between).
  let synced = revision;
  let made: number | null = null;
  const scope = whole ? ALL : { kind: 'ids' as const, ids };
  if (touches) await store.update(scope, change, undefined, { forgetUndo: arrived, committed: (at) => (made = at) });
  if (made !== null) {
    synced = made;
    // Before anything else: a sync finishing this one then knows the store holds the merge, and
    // that whatever it holds since was done here later (finish.ts).
    const landed: Landed = { ...pending, committed: made };
    state.pending = landed;
    await store.sync.write(state);
  }
  await settle(store, state, pending, work.entries.merged, places, synced);
  return counts;
}

/** The touched sessions' merged state and places written, then the merge recorded as done. */
export async function settle(
  store: Store,
  state: SyncData,
  pending: PendingApply,
  entries: Merged,
  places: Keyed<Filing | null>,
  synced: number,
): Promise<void> {
  const merged: Merged = keyed();
  for (const uid of pending.touched) {
    const entry = entries[uid];
    if (entry) merged[uid] = entry;
  }
  await store.sync.put(merged, places);
  state.pending = null;
  state.revision = synced;
  state.seen = pending.seen;
  await store.sync.write(state);
}

/** A local session made to be the merged one (the local ID kept). */
export const assign = (local: Session, session: SyncedSession) =>
  Object.assign(local, session, { pauses: session.pauses.map((p) => ({ ...p })), tags: [...session.tags] });

import { createHash } from 'node:crypto';
import { isActive, type Session, type TrackerData } from '../core/session.js';
import { applyChange, fieldsOf, type Keyed, keyed, type Merged, type SyncedSession, sessionOf } from '../core/sync/merge.js';
import type { Filing, PendingApply, SyncData, SyncEntries } from '../core/sync/state.js';
import type { Files } from '../jobs/files.js';
import type { Store } from '../store/store.js';
import { readBetween } from './root.js';

// A sync's merge made true locally: the store changed to match it and the merged state written
// back, in an order that a kill at any instant leaves finishable (finishPending).

const whereOf = (s: Session): string => (isActive(s) ? 'active' : s.started_at.slice(0, 7));

/**
 * Where a session is filed and a digest of its synced fields: a later sync reads again only the
 * sessions of a changed month whose digest differs (a month is the store's unit of change).
 */
export const filingOf = (s: Session): Filing => [
  s.id,
  whereOf(s),
  createHash('sha256')
    .update(JSON.stringify(fieldsOf(s)))
    .digest('base64url')
    .slice(0, 22),
];

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

/**
 * Makes the store match the merge, in one locked commit that also writes sync.json (with the
 * merge recorded as pending, so a kill after it is finished by the next sync), then writes the
 * touched sessions' merged state and places. A kill before those are durable loses nothing:
 * the segments read are recorded as read only after them (the next sync reads them again), and
 * this device's own changes are in the outbox, which finishing folds in again.
 * Refused with StoreMoved if a command changed the store since the round read it: the round is done again.
 */
export async function applyToStore(
  store: Store,
  state: SyncData,
  pending: PendingApply,
  revision: number | null,
  work: Work,
  arrived = true,
) {
  const { places, apply } = work;
  const placeOf = (uid: string) => (uid in places ? places[uid] : work.entries.local[uid]);
  const ids = [...pending.touched, ...pending.renamed.map((r) => r.from)].flatMap((uid) => {
    const place = placeOf(uid);
    return place ? [place[0]] : [];
  });
  const counts = { added: 0, updated: 0, removed: 0 };
  const touches = apply.length > 0 || pending.renamed.length > 0;
  const scope = revision === null ? { kind: 'all' as const } : { kind: 'ids' as const, ids };
  const change = async (data: TrackerData) => {
    if (revision !== null && (await store.changesSince(revision)).revision !== revision) throw new StoreMoved();
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
      const fields = session;
      if (local) {
        if (JSON.stringify(fieldsOf(local)) !== JSON.stringify(fieldsOf(fields))) counts.updated += 1;
        Object.assign(local, fields, { pauses: fields.pauses.map((p) => ({ ...p })), tags: [...fields.tags] });
        places[uid] = filingOf(local);
      } else {
        const added: Session = { id: data.next_id, ...fields };
        data.next_id += 1;
        data.sessions.push(added);
        counts.added += 1;
        places[uid] = filingOf(added);
      }
    }
  };
  // Only what arrived could be dropped by an older change's undo; sending alone keeps the history.
  // The revision of the sync's own commit is recorded as synced, so the next sync does not take
  // what it wrote for local changes (only when the round checked, under the lock, that nothing
  // came between: a sync finished after a kill looks at everything since again).
  let synced = pending.revision;
  const committed = (at: number) => {
    if (revision !== null) synced = at;
  };
  if (touches) await store.update(scope, change, undefined, { forgetUndo: arrived, committed });
  const merged: Merged = keyed();
  for (const uid of pending.touched) {
    const entry = work.entries.merged[uid];
    if (entry) merged[uid] = entry;
  }
  await store.sync.put(merged, places);
  state.pending = null;
  state.revision = synced;
  state.seen = pending.seen;
  await store.sync.write(state);
  return counts;
}

/**
 * A sync killed after recording its merge: the store is brought to match it (idempotent), and
 * the touched sessions' merged state is made again from what it was before plus what the round
 * merged: this device's changes (the outbox) and the segments it read (still on the root, and
 * not yet recorded as read). The merge is a join: folding in what was already there changes nothing.
 */
export async function finishPending(store: Store, files: Files, root: string, state: SyncData, pending: PendingApply): Promise<void> {
  const uids = [...pending.touched, ...pending.renamed.flatMap((r) => [r.from, r.to])];
  const entries = await store.sync.entries(uids);
  const wanted = new Set(uids);
  const changes = [...(state.outbox?.changes ?? []), ...readBetween(files, root, state.seen, pending.seen)];
  for (const change of changes) if (wanted.has(change.uid)) applyChange(entries.merged, change);
  const apply = pending.touched.map((uid) => {
    const entry = entries.merged[uid];
    return { uid, session: entry ? sessionOf(uid, entry) : null };
  });
  await applyToStore(store, state, pending, null, { entries, places: keyed(), apply });
}

import type { Session, TrackerData } from '../core/session.js';
import { applyChange, changedFields, type Entry, fieldsOf, keyed, type Merged, type SyncedSession, sessionOf } from '../core/sync/merge.js';
import type { Filing, SyncData } from '../core/sync/state.js';
import type { Files } from '../jobs/files.js';
import { ALL, type Store } from '../store/store.js';
import { applyToStore, assign, digestOf, type Landed, StoreMoved, settle, whereOf } from './apply.js';
import { readBetween } from './root.js';

// A sync killed after recording its merge (apply.ts), finished by the next one without undoing
// what was done here in between.

const sessionIn = (merged: Merged, uid: string): SyncedSession | null => {
  const entry = merged[uid];
  return entry ? sessionOf(uid, entry) : null;
};

const same = (a: Omit<Session, 'id'> | null | undefined, b: Omit<Session, 'id'> | null | undefined): boolean =>
  a && b ? JSON.stringify(fieldsOf(a)) === JSON.stringify(fieldsOf(b)) : !a && !b;

/** Sorts after every stamp a device makes: a change made here after the merge, in a merge of its own. */
const AFTER_THE_MERGE = '~';

/**
 * A session merged, then changed here since from `base` (what it was here when the merge was
 * made): the merge with the fields changed here on top, repaired as any merge is (a stop made here
 * before a start that arrived), so the store never holds a session no command could write.
 */
function rebased(uid: string, entry: Entry, base: SyncedSession | null, here: Session): SyncedSession | null {
  const mine = base ? changedFields(fieldsOf(base), fieldsOf(here)) : {};
  if (Object.keys(mine).length === 0) return sessionOf(uid, entry);
  const merged: Merged = keyed({ [uid]: structuredClone(entry) });
  applyChange(merged, { uid, at: AFTER_THE_MERGE, set: mine });
  return sessionIn(merged, uid);
}

/**
 * A sync killed after recording its merge. The touched sessions' merged state is made again from
 * what it was before plus what the round merged: this device's changes (the outbox) and the
 * segments it read (still on the root, and not yet recorded as read); the merge is a join, so
 * folding in what was already there changes nothing. If the store has not changed since the
 * merge was (to be) committed, it is made to match (idempotent). If it has, those changes were
 * made here after the merge and are never overwritten: had the commit been made, the store is
 * left as it is; if not, the merge is made under them (a field changed here keeps its value).
 * Either way the next round sends them, stamped after everything the merge took in.
 */
export async function finishPending(store: Store, files: Files, root: string, state: SyncData, pending: Landed): Promise<void> {
  const uids = [...pending.touched, ...pending.renamed.flatMap((r) => [r.from, r.to])];
  const entries = await store.sync.entries(uids);
  const wanted = new Set(uids);
  // What this device held when the merge was made: the merged state then, and its own changes.
  const before: Merged = keyed(structuredClone(entries.merged));
  for (const change of state.outbox?.changes ?? []) {
    if (!wanted.has(change.uid)) continue;
    applyChange(before, change);
    applyChange(entries.merged, change);
  }
  for (const change of readBetween(files, root, state.seen, pending.seen)) {
    if (wanted.has(change.uid)) applyChange(entries.merged, change);
  }
  const merge = new Map(pending.touched.map((uid) => [uid, sessionIn(entries.merged, uid)]));
  const held = new Map(pending.touched.map((uid) => [uid, sessionIn(before, uid)]));
  const arrived = pending.touched.some((uid) => !same(held.get(uid), merge.get(uid)));
  const committed = Number.isInteger(pending.committed) ? pending.committed : undefined;
  const apply = pending.touched.map((uid) => ({ uid, session: merge.get(uid) ?? null }));
  try {
    const work = { entries, places: keyed<Filing | null>(), apply };
    await applyToStore(store, state, pending, committed ?? pending.revision, work, { arrived, whole: true });
    return;
  } catch (error) {
    if (!(error instanceof StoreMoved)) throw error;
  }

  // Where each touched session is filed now, with the digest of its merged state: one changed here
  // since is taken by the next round for a local change; one removed here since is filed where it
  // was (a place changed since), so the next round finds it gone and sends that.
  const placesIn = (sessions: readonly Session[], landed: boolean) => {
    const byUid = new Map(sessions.map((s) => [s.uid, s]));
    const places = keyed<Filing | null>();
    for (const { from } of pending.renamed) places[from] = null;
    for (const uid of pending.touched) {
      const [here, merged] = [byUid.get(uid), merge.get(uid)];
      const digest = merged ? digestOf(merged) : '';
      const was = landed ? merged : held.get(uid);
      if (here) places[uid] = [here.id, whereOf(here), digest];
      else places[uid] = merged && was ? [entries.local[uid]?.[0] ?? 0, whereOf({ id: 0, ...was }), digest] : null;
    }
    return places;
  };
  const now = (await store.read(ALL)).sessions;
  if (committed !== undefined || madeBefore(now)) {
    await settle(store, state, pending, entries.merged, placesIn(now, true), committed ?? pending.revision);
    return;
  }
  let places = keyed<Filing | null>();
  const underChanges = (data: TrackerData) => {
    const byUid = new Map(data.sessions.map((s) => [s.uid, s]));
    for (const { from, to } of pending.renamed) {
      const s = byUid.get(from);
      if (!s || byUid.has(to)) continue;
      s.uid = to;
      byUid.set(to, s);
    }
    for (const uid of pending.touched) {
      const [here, merged, base] = [byUid.get(uid), merge.get(uid), held.get(uid)];
      if (!merged) {
        // Removed by the merge: a delete wins over every edit.
        if (here) data.sessions.splice(data.sessions.indexOf(here), 1);
      } else if (!here) {
        // Not here: arrived with the merge, or removed here since (then it stays removed).
        if (!base) data.sessions.push({ id: data.next_id++, ...merged });
      } else {
        const session = rebased(uid, entries.merged[uid] as Entry, base ?? null, here);
        if (session) assign(here, session);
      }
    }
    places = placesIn(data.sessions, false);
  };
  await store.update(ALL, underChanges, undefined, { forgetUndo: arrived });
  await settle(store, state, pending, entries.merged, places, pending.revision);

  /**
   * Whether the store holds the merge, its commit made before the kill could record that: a
   * session it brought is here (no command makes one with that uid), or one it changed is here
   * exactly as the merge made it (a command would have stamped its own time).
   */
  function madeBefore(sessions: readonly Session[]): boolean {
    const byUid = new Map(sessions.map((s) => [s.uid, s]));
    if (pending.renamed.some(({ to }) => byUid.has(to))) return true;
    return pending.touched.some((uid) => {
      const [here, merged, base] = [byUid.get(uid), merge.get(uid), held.get(uid)];
      return here !== undefined && (!base || (!same(base, merged) && same(here, merged)));
    });
  }
}

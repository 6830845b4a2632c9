import type { Stamp } from './hlc.js';
import { applyChange, type Change, type Entry, keyed, type Merged, type SyncedFields } from './merge.js';

// A device's old log segments folded into one snapshot, so that a new device does not replay
// years of them. The merge is a join (each field keeps its latest stamp, a session its first
// create and first delete), so the fold of some changes, merged, is the same as those changes
// merged one by one: in any order, alongside any others, and again (a device that had read part
// of the folded segments reads the snapshot whole, and nothing changes twice).

/** The changes folded into entries, one per session (onto `into`, a previous snapshot's). */
export function fold(changes: Iterable<Change>, into: Merged = keyed()): Merged {
  for (const change of changes) applyChange(into, change);
  return into;
}

/**
 * What an entry stands for, as changes: one per stamp it still holds. Merging them gives the
 * entry back, and merging them with other changes gives what merging all the folded ones would.
 */
export function changesOf(uid: string, entry: Entry): Change[] {
  const byStamp = new Map<Stamp, Partial<SyncedFields>>();
  for (const [name, pair] of Object.entries(entry.fields)) {
    if (!pair) continue;
    const [value, at] = pair as [unknown, Stamp];
    const set = byStamp.get(at) ?? {};
    (set as Record<string, unknown>)[name] = value;
    byStamp.set(at, set);
  }
  const out: Change[] = [];
  if (entry.born !== null) {
    // A create whose fields later changes replaced: only its stamp (where the session was born) is left.
    out.push({ uid, at: entry.born, create: true, set: (byStamp.get(entry.born) ?? {}) as SyncedFields });
    byStamp.delete(entry.born);
  }
  for (const [at, set] of byStamp) out.push({ uid, at, set });
  if (entry.deleted !== null) out.push({ uid, at: entry.deleted, deleted: true });
  return out;
}

/** A snapshot's entries as changes. */
export const snapshotChanges = (entries: Merged): Change[] => Object.entries(entries).flatMap(([uid, entry]) => changesOf(uid, entry));

import type { TrackerData } from '../session.js';

// IDs are never reused, even after `rm` (SPEC): every ID below the store's next_id has been given
// out, to a session that exists or to one that was removed. So an ID from a stint export is kept
// only when this store has never given it out — at or above next_id, and not already kept in this
// import — which in an empty store is every one of them: export → import → export is the same bytes.
// Any other session gets the next ID after every ID in use, oldest first, as stint's own do.

/**
 * IDs for new sessions, given in their order (oldest first) with the ID each asks for (a stint
 * export's session_id) or undefined; moves next_id past every ID returned.
 */
export function assignIds(data: TrackerData, wanted: readonly (number | undefined)[]): number[] {
  const floor = data.next_id;
  const kept = new Set<number>();
  let next = floor;
  for (const id of wanted) {
    if (id === undefined || id < floor || kept.has(id)) continue;
    kept.add(id);
    if (id >= next) next = id + 1;
  }
  const claimed = new Set<number>();
  const ids = wanted.map((id) => {
    // The first session asking for a free ID has it; a repeat in the file is a collision.
    if (id !== undefined && kept.has(id) && !claimed.has(id)) {
      claimed.add(id);
      return id;
    }
    return next++;
  });
  data.next_id = next;
  return ids;
}

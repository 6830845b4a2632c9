import { isTally, sumTallies, tallyOf, type Tally } from '../core/tally.js';
import type { Store } from '../store/store.js';

/** The cache name of the per-month tallies; bump the version when Tally changes. */
const TALLY_DIGEST = 'tally-v1';

/**
 * The whole history's tally (completed, partial and abandoned sessions), for stats, badges and the
 * line after `stop`. The store caches each month's tally, so this reads no month file that has
 * not changed since it was last counted.
 */
export async function historyTally(store: Store): Promise<Tally> {
  return sumTallies(await store.digest(TALLY_DIGEST, tallyOf, isTally));
}

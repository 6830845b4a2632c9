import { isTally, sumTallies, tallyOf, type Tally } from '../core/tally.js';
import type { Store } from '../store/store.js';

/** The cache name of the per-month tallies; bump the version when the Tally changes. */
const TALLY_DIGEST = 'tally-v1';

/** The whole history's tally (completed, partial and abandoned sessions), month tallies cached. */
export async function historyTally(store: Store): Promise<Tally> {
  return sumTallies(await store.digest(TALLY_DIGEST, tallyOf, isTally));
}

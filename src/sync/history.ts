import type { Session } from '../core/session.js';
import { type FieldTimes, fieldTimes } from '../core/sync/field-times.js';
import type { Store } from '../store/store.js';

/**
 * When each field of these local sessions changed, from the undo history's steps since the last
 * sync (`lastSync`; null: never synced, every step): what stamps each changed field by its own time.
 */
export async function localFieldTimes(
  store: Store,
  candidates: readonly Session[],
  lastSync: string | null,
  nowMs: number,
): Promise<Record<string, FieldTimes>> {
  if (candidates.length === 0) return {};
  const steps = await store.history(
    candidates.map((s) => s.uid),
    lastSync,
  );
  return Object.fromEntries(candidates.map((s) => [s.uid, fieldTimes(s, steps, lastSync, nowMs)]));
}

import { isActive, type Session } from '../session.js';
import { type FieldName, fieldsOf } from './merge.js';

/**
 * One step of the undo history as sync reads it: when the change was made, the places it
 * rewrote (`active`, a month `YYYY-MM`), and the versions it replaced of the sessions asked for
 * that were in those places (a session there that is not among them did not exist before it).
 */
export interface HistoryStep {
  at: string;
  places: string[];
  before: Session[];
}

/** Each synced field's change time (epoch ms), for the fields the history accounts for. */
export type FieldTimes = Partial<Record<FieldName, number>>;

/** Where the store files a session: the active list, or the UTC month it started in. */
const placeOf = (s: Session): string => (isActive(s) ? 'active' : s.started_at.slice(0, 7));

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * When each field of `session` took its present value, from the history steps since the last
 * sync (oldest first): walking back from now, the newest step in which a field changed. A field
 * no step accounts for is absent (the caller falls back to `updated_at`), with one exception:
 * a session whose `updated_at` is older than the last sync (`since`) yet differs from what that
 * sync left was put back by an `undo` (which restores the old version, `updated_at` too, and
 * leaves no step of its own). The undo was made after the last sync and before every step still
 * there after it (it would have undone those first), so its fields take that bound: `undoBound`,
 * the earliest later step's time, or the sync's own time when there is none.
 */
export function fieldTimes(session: Session, steps: readonly HistoryStep[], since: string | null, nowMs: number): FieldTimes {
  const out: FieldTimes = {};
  let after = fieldsOf(session);
  let place = placeOf(session);
  for (let i = steps.length - 1; i >= 0; i -= 1) {
    const step = steps[i] as HistoryStep;
    if (!step.places.includes(place)) continue;
    const at = Date.parse(step.at);
    const prev = step.before.find((s) => s.uid === session.uid);
    const before = prev ? fieldsOf(prev) : null;
    for (const name of Object.keys(after) as FieldName[]) {
      if (name === 'updated_at' || out[name] !== undefined) continue;
      if (before === null || !same(before[name], after[name])) out[name] = at;
    }
    if (!prev) break; // created by this step
    after = before as NonNullable<typeof before>;
    place = placeOf(prev);
  }
  if (since !== null && session.updated_at < since) {
    const bound = steps.find((s) => s.at >= since);
    const undoAt = bound ? Date.parse(bound.at) : nowMs;
    for (const name of Object.keys(after) as FieldName[]) {
      if (name !== 'updated_at' && out[name] === undefined) out[name] = undoAt;
    }
  }
  return out;
}

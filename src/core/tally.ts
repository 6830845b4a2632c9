import { dayNumber, dayOfName, makeDayNumber, secondsByDay } from './days.js';
import { durationSeconds, type Session } from './session.js';
import { instantMillis } from './time.js';

/** A focus session this long (completed) earns the long-focus badge. */
export const LONG_FOCUS_SECONDS = 90 * 60;

/**
 * What one local day holds, for streaks, the daily goal and badges — completed sessions only:
 * [completed sessions that ended this day, seconds of completed sessions run this day (split at
 * midnight), full length of the completed sessions that ended this day, focus sessions completed
 * this day, of which at least 90 minutes long].
 */
export type DayCounts = [done: number, seconds: number, credited: number, focus: number, longFocus: number];
export const FIELDS = 5;

/**
 * The progress a set of ended sessions adds up to. Every field is a sum, so tallies of months
 * merge by addition and a session's share can be taken back out (what `stop` reports as "just
 * earned" is the difference). Days are dense, FIELDS numbers per day from `first`: a streak over
 * years walks an array, not a map. Plain JSON, so the store can cache one per month file.
 */
export interface Tally {
  /** Sessions ended as completed, partial or abandoned. */
  ended: number;
  completed: number;
  /** Their total length, without pauses. */
  seconds: number;
  /** The day number (see dayNumber) of the first day in `counts`. */
  first: number;
  /** DayCounts of consecutive days, flattened. */
  counts: number[];
}

export function emptyTally(): Tally {
  return { ended: 0, completed: 0, seconds: 0, first: 0, counts: [] };
}

/** How many days the tally spans. */
export const dayCount = (tally: Tally): number => tally.counts.length / FIELDS;

/** Where `day`'s counts start in `counts`, growing the array to hold it. */
function slot(tally: Tally, day: number): number {
  if (tally.counts.length === 0) tally.first = day;
  if (day < tally.first) {
    tally.counts.unshift(...new Array<number>((tally.first - day) * FIELDS).fill(0));
    tally.first = day;
  }
  const index = (day - tally.first) * FIELDS;
  while (tally.counts.length <= index) tally.counts.push(0, 0, 0, 0, 0);
  return index;
}

function addDay(tally: Tally, day: number, values: readonly number[], sign: number, offset = 0): void {
  const at = slot(tally, day);
  const { counts } = tally;
  for (let i = 0; i < FIELDS; i += 1) counts[at + i] = (counts[at + i] as number) + sign * (values[offset + i] as number);
}

/** A day's counts (zeros for a day without any), by day number or `YYYY-MM-DD`. */
export function countsOn(tally: Tally, day: number | string): DayCounts {
  const index = ((typeof day === 'string' ? dayOfName(day) : day) - tally.first) * FIELDS;
  if (index < 0 || index >= tally.counts.length) return [0, 0, 0, 0, 0];
  return tally.counts.slice(index, index + FIELDS) as DayCounts;
}

/**
 * Adds (sign 1) or takes back (sign -1) one session's share; running and paused ones have none.
 * `dayOf` maps an instant to its local day number (a cached one for long runs).
 *
 * Written for the interpreter: `stop`'s summary tallies the newest month on every run, in code
 * too short-lived to be optimised, where each call, array and parse counts. So each instant is
 * parsed once, a session without pauses (most) is measured without durationSeconds, and the
 * day's counts are added in place (Node 20, 280 sessions: ~5.9M instructions before).
 */
export function countSession(tally: Tally, session: Session, sign: 1 | -1 = 1, dayOf: (ms: number) => number = dayNumber): void {
  if (session.stopped_at === null || session.status === 'running' || session.status === 'paused') return;
  // An ended session's length does not depend on the clock: it ends at its stop.
  const endMs = instantMillis(session.stopped_at);
  const startMs = instantMillis(session.started_at);
  const length =
    session.pauses.length === 0 ? Math.max(0, Math.floor((endMs - startMs) / 1000)) : durationSeconds(session, new Date(endMs));
  tally.ended += sign;
  tally.seconds += sign * length;
  if (session.status !== 'completed') return;
  tally.completed += sign;
  const focus = session.planned_seconds !== null ? sign : 0;
  const long = focus !== 0 && length >= LONG_FOCUS_SECONDS ? sign : 0;
  const endDay = dayOf(endMs);
  // Most sessions start and end on one day: no need to split them at midnight.
  const oneDay = dayOf(startMs) === endDay;
  const at = slot(tally, endDay);
  const { counts } = tally;
  counts[at] = (counts[at] as number) + sign;
  if (oneDay) counts[at + 1] = (counts[at + 1] as number) + sign * length;
  counts[at + 2] = (counts[at + 2] as number) + sign * length;
  counts[at + 3] = (counts[at + 3] as number) + focus;
  counts[at + 4] = (counts[at + 4] as number) + long;
  if (oneDay) return;
  for (const [day, seconds] of secondsByDay(session, new Date(endMs))) addDay(tally, dayOfName(day), [0, seconds, 0, 0, 0], sign);
}

export function tallyOf(sessions: Iterable<Session>): Tally {
  const tally = emptyTally();
  const dayOf = makeDayNumber();
  for (const session of sessions) countSession(tally, session, 1, dayOf);
  return tally;
}

/** Adds `from` into `into`. */
export function mergeTally(into: Tally, from: Tally): Tally {
  into.ended += from.ended;
  into.completed += from.completed;
  into.seconds += from.seconds;
  const days = dayCount(from);
  if (days === 0) return into;
  slot(into, from.first);
  const at = slot(into, from.first + days - 1) - (days - 1) * FIELDS;
  const { counts } = into;
  for (let i = 0; i < from.counts.length; i += 1) counts[at + i] = (counts[at + i] as number) + (from.counts[i] as number);
  return into;
}

export function sumTallies(tallies: Iterable<Tally>): Tally {
  const total = emptyTally();
  for (const tally of tallies) mergeTally(total, tally);
  return total;
}

/** Whether a value (from a cache) has the shape of a tally; cheap, the numbers are not checked one by one. */
export function isTally(value: unknown): value is Tally {
  const t = value as Tally | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.ended === 'number' &&
    typeof t.completed === 'number' &&
    typeof t.seconds === 'number' &&
    Number.isInteger(t.first) &&
    Array.isArray(t.counts) &&
    t.counts.length % FIELDS === 0
  );
}

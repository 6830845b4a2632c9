import { localDay, secondsByDay } from './days.js';
import { durationSeconds, type Session } from './session.js';

/** A focus session this long (completed) earns the long-focus badge. */
export const LONG_FOCUS_SECONDS = 90 * 60;

/**
 * What one local day holds, for streaks, the daily goal and badges — completed sessions only:
 * [completed sessions that ended this day, seconds of completed sessions run this day (split at
 * midnight), full length of the completed sessions that ended this day, focus sessions completed
 * this day, of which at least 90 minutes long].
 */
export type DayCounts = [done: number, seconds: number, credited: number, focus: number, longFocus: number];

/**
 * The progress a set of ended sessions adds up to. Every field is a sum, so tallies of
 * months merge by addition and a session's share can be taken back out (what `stop` reports
 * as "just earned" is the difference). Plain JSON, so a store may cache it per month file.
 */
export interface Tally {
  /** Sessions ended as completed, partial or abandoned. */
  ended: number;
  completed: number;
  /** Their total length, without pauses. */
  seconds: number;
  /** Local day (`YYYY-MM-DD`) → its counts. */
  days: Record<string, DayCounts>;
}

export function emptyTally(): Tally {
  return { ended: 0, completed: 0, seconds: 0, days: {} };
}

function addDay(tally: Tally, day: string, counts: DayCounts, sign: number): void {
  const into = (tally.days[day] ??= [0, 0, 0, 0, 0]);
  for (let i = 0; i < 5; i += 1) into[i] = (into[i] as number) + sign * (counts[i] as number);
}

/** Adds (sign 1) or takes back (sign -1) one session's share; running and paused ones have none. */
export function countSession(tally: Tally, session: Session, sign: 1 | -1 = 1): void {
  if (session.stopped_at === null || session.status === 'running' || session.status === 'paused') return;
  // An ended session's length does not depend on the clock: it ends at its stop.
  const end = new Date(session.stopped_at);
  const length = durationSeconds(session, end);
  tally.ended += sign;
  tally.seconds += sign * length;
  if (session.status !== 'completed') return;
  tally.completed += sign;
  const focus = session.planned_seconds !== null ? 1 : 0;
  const long = focus && length >= LONG_FOCUS_SECONDS ? 1 : 0;
  addDay(tally, localDay(end.getTime()), [1, 0, length, focus, long], sign);
  for (const [day, seconds] of secondsByDay(session, end)) addDay(tally, day, [0, seconds, 0, 0, 0], sign);
}

export function tallyOf(sessions: Iterable<Session>): Tally {
  const tally = emptyTally();
  for (const session of sessions) countSession(tally, session);
  return tally;
}

/** Adds `from` into `into`. */
export function mergeTally(into: Tally, from: Tally): Tally {
  into.ended += from.ended;
  into.completed += from.completed;
  into.seconds += from.seconds;
  for (const [day, counts] of Object.entries(from.days)) addDay(into, day, counts, 1);
  return into;
}

export function sumTallies(tallies: Iterable<Tally>): Tally {
  const total = emptyTally();
  for (const tally of tallies) mergeTally(total, tally);
  return total;
}

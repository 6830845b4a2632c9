import { dayCount, FIELDS, isTally, type Tally } from './tally.js';

/** A run of consecutive qualifying days, as far as the days folded so far tell. */
export interface Run {
  run: number;
  /** The last qualifying day (day number), null before any. */
  last: number | null;
  longest: number;
}

/**
 * Where a walk through the days stands: totals, the sum of each DayCounts field, and the streak
 * and daily-goal runs. Small, plain JSON and resumable: the walk over years of settled days is
 * cached, and `stop` only walks the days since, so its summary does not grow with the history.
 */
export interface Ledger {
  /** The first day not folded in yet; null before any. */
  next: number | null;
  ended: number;
  completed: number;
  seconds: number;
  /** Sums of each DayCounts field over the days folded in. */
  sums: number[];
  streak: Run;
  goal: Run;
  /** The daily goal the goal run was counted against. */
  goalSeconds: number;
}

export function emptyLedger(goalSeconds: number): Ledger {
  const run = (): Run => ({ run: 0, last: null, longest: 0 });
  return { next: null, ended: 0, completed: 0, seconds: 0, sums: [0, 0, 0, 0, 0], streak: run(), goal: run(), goalSeconds };
}

/** What makes a day count in a run: a DayCounts field at or above a threshold. */
export interface DayTest {
  field: number;
  atLeast: number;
}

/** Days with at least one completed session: the streak. */
export const STREAK_DAY: DayTest = { field: 0, atLeast: 1 };

/** Days whose completed sessions reached the daily goal. */
export const goalDay = (goalSeconds: number): DayTest => ({ field: 1, atLeast: goalSeconds });

/** Whether the day whose counts start at `at` passes the test: the one rule runs and ledgers share. */
export const passes = (test: DayTest, counts: readonly number[], at: number): boolean =>
  (counts[at + test.field] as number) >= test.atLeast;

function step(run: Run, day: number, qualifies: boolean): void {
  if (!qualifies) return;
  run.run = run.last === day - 1 ? run.run + 1 : 1;
  run.last = day;
  if (run.run > run.longest) run.longest = run.run;
}

/**
 * The ledger with `tally` added: its totals, and its days from the ledger's next day up to (not
 * including) `until`. Days before the ledger's next day must not be in the tally: they are
 * settled. The ledger given is left as it was.
 */
export function foldTally(ledger: Ledger, tally: Tally, until: number): Ledger {
  const next: Ledger = structuredClone(ledger);
  next.ended += tally.ended;
  next.completed += tally.completed;
  next.seconds += tally.seconds;
  const from = Math.max(tally.first, ledger.next ?? -Infinity);
  const to = Math.min(until, tally.first + dayCount(tally));
  const { counts } = tally;
  const goal = goalDay(ledger.goalSeconds);
  for (let day = from; day < to; day += 1) {
    const at = (day - tally.first) * FIELDS;
    for (let i = 0; i < FIELDS; i += 1) next.sums[i] = (next.sums[i] as number) + (counts[at + i] as number);
    step(next.streak, day, passes(STREAK_DAY, counts, at));
    step(next.goal, day, passes(goal, counts, at));
  }
  next.next = Math.max(until, ledger.next ?? -Infinity);
  return next;
}

/** The run still alive: ending today, or yesterday while today is not over. */
export const currentRun = (run: Run, today: number): number => (run.last !== null && run.last >= today - 1 ? run.run : 0);

/** The days folded for good, and what the settled months still hold for later days. */
export interface Settled {
  ledger: Ledger;
  /** The settled months' counts on days from ledger.next on (sessions crossing into them); no totals. */
  carry: Tally;
}

/**
 * Settles a tally of older months: its days before `until` are folded into a ledger; later days
 * (a session crossing the month end) are carried over, to be added to the recent months' days.
 */
export function settle(older: Tally, until: number, goalSeconds: number): Settled {
  const ledger = foldTally(emptyLedger(goalSeconds), older, until);
  const from = Math.max(until, older.first);
  const counts = older.counts.slice((from - older.first) * FIELDS);
  return { ledger, carry: { ended: 0, completed: 0, seconds: 0, first: counts.length > 0 ? from : 0, counts } };
}

/** Whether a cached value has the shape of Settled; cheap. */
export function isSettled(value: unknown): value is Settled {
  const s = value as Settled | null;
  const ledger = s?.ledger;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof ledger === 'object' &&
    ledger !== null &&
    Array.isArray(ledger.sums) &&
    ledger.sums.length === FIELDS &&
    typeof ledger.streak?.longest === 'number' &&
    typeof ledger.goal?.longest === 'number' &&
    typeof ledger.goalSeconds === 'number' &&
    isTally(s.carry)
  );
}

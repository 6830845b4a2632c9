import { countsOn, dayCount, FIELDS, type Tally } from './tally.js';

/** `stats --json`, as SPEC fixes it. */
export interface Stats {
  total_sessions: number;
  completed_sessions: number;
  total_seconds: number;
  average_duration_seconds: number;
  completion_rate_percent: number;
  current_streak_days: number;
  longest_streak_days: number;
  today_seconds: number;
  daily_goal_seconds: number;
}

export interface Runs {
  /** The run still alive: ending today, or yesterday while today is not over. */
  current: number;
  longest: number;
  /** reached[n - 1] is the day (number) a run first reached n days. */
  reached: number[];
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

/** Whether the day whose counts start at `at` passes the test. */
export const passes = (test: DayTest, counts: readonly number[], at: number): boolean => (counts[at + test.field] as number) >= test.atLeast;

/** The index of the last day up to today in the tally (a clock set back leaves later days out). */
export function lastDayIndex(tally: Tally, today: number): number {
  return Math.min(dayCount(tally) - 1, today - tally.first);
}

/**
 * Runs of consecutive local days that pass `test`, up to today. Today not passing (yet) does
 * not end the current run: the day is not over.
 */
export function runsOf(tally: Tally, today: number, test: DayTest): Runs {
  let longest = 0;
  let run = 0;
  let previous = -Infinity;
  const reached: number[] = [];
  const last = lastDayIndex(tally, today);
  const { counts } = tally;
  for (let d = 0; d <= last; d += 1) {
    if (!passes(test, counts, d * FIELDS)) continue;
    run = d === previous + 1 ? run + 1 : 1;
    if (run > longest) {
      longest = run;
      reached.push(tally.first + d);
    }
    previous = d;
  }
  const lastDay = tally.first + previous;
  return { current: lastDay >= today - 1 ? run : 0, longest, reached };
}

/**
 * `stats` of a whole history's tally, `today` a day number (see dayNumber): counts and times over
 * ended sessions; rate = completed ÷ ended × 100 with one decimal; average = total ÷ ended in whole
 * seconds (rounded); streaks and today's progress from completed sessions only.
 */
export function summarize(tally: Tally, today: number, goalSeconds: number): Stats {
  const { ended, completed, seconds } = tally;
  const streak = runsOf(tally, today, STREAK_DAY);
  return {
    total_sessions: ended,
    completed_sessions: completed,
    total_seconds: seconds,
    average_duration_seconds: ended === 0 ? 0 : Math.round(seconds / ended),
    completion_rate_percent: ended === 0 ? 0 : Math.round((completed / ended) * 1000) / 10,
    current_streak_days: streak.current,
    longest_streak_days: streak.longest,
    today_seconds: countsOn(tally, today)[1],
    daily_goal_seconds: goalSeconds,
  };
}

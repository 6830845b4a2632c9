import { currentRun, emptyLedger, foldTally, passes, type DayTest, type Ledger } from './ledger.js';

export { goalDay, STREAK_DAY, type DayTest } from './ledger.js';
import { countsOn, dayCount, FIELDS, type Tally } from './tally.js';
import { localDay, secondsByDay } from './days.js';
import { isActive, type Session } from './session.js';

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

/** `stats --json`: SPEC's fields, plus the time sessions still running or paused have run today. */
export interface StatsWithLive extends Stats {
  today_running_seconds: number;
}

/**
 * The seconds the running and paused sessions among `sessions` ran on today's local day, up to
 * `now` (pauses left out): a timer started yesterday evening counts only its part since midnight.
 * today_seconds counts completed sessions only, so the two never overlap.
 */
export function runningSecondsToday(sessions: readonly Session[], now: Date): number {
  const today = localDay(now.getTime());
  return sessions.filter(isActive).reduce((sum, s) => sum + (secondsByDay(s, now).get(today) ?? 0), 0);
}

export interface Runs {
  /** The run still alive: ending today, or yesterday while today is not over. */
  current: number;
  longest: number;
  /** reached[n - 1] is the day (number) a run first reached n days. */
  reached: number[];
}

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
  const lastDay = previous === -Infinity ? null : tally.first + previous;
  return { current: currentRun({ run, last: lastDay, longest }, today), longest, reached };
}

/**
 * The summary of `stats` from a ledger folded through today: counts and times over ended
 * sessions; rate = completed ÷ ended × 100 with one decimal; average = total ÷ ended in whole
 * seconds (rounded); streaks and today's progress from completed sessions only.
 */
export function statsOf(ledger: Ledger, todaySeconds: number, today: number): Stats {
  const { ended, completed, seconds } = ledger;
  return {
    total_sessions: ended,
    completed_sessions: completed,
    total_seconds: seconds,
    average_duration_seconds: ended === 0 ? 0 : Math.round(seconds / ended),
    completion_rate_percent: ended === 0 ? 0 : Math.round((completed / ended) * 1000) / 10,
    current_streak_days: currentRun(ledger.streak, today),
    longest_streak_days: ledger.streak.longest,
    today_seconds: todaySeconds,
    daily_goal_seconds: ledger.goalSeconds,
  };
}

/** `stats` of a history: a settled ledger and the tally of the days after it. */
export function historyStats(settled: Ledger, recent: Tally, today: number): Stats {
  return statsOf(foldTally(settled, recent, today + 1), countsOn(recent, today)[1], today);
}

/** `stats` of a whole history's tally. `today` is a day number (see dayNumber). */
export function summarize(tally: Tally, today: number, goalSeconds: number): Stats {
  return historyStats(emptyLedger(goalSeconds), tally, today);
}

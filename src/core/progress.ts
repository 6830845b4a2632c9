import { dayAfter } from './days.js';
import type { DayCounts, Tally } from './tally.js';

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
  /** The first day each run length was reached: index n-1 holds the day a run first reached n days. */
  reached: string[];
}

/** The tally's days up to today, oldest first; later days (a clock set back) are left out. */
export function daysUpTo(tally: Tally, today: string): string[] {
  return Object.keys(tally.days)
    .filter((day) => day <= today)
    .sort();
}

/**
 * Runs of consecutive local days that pass `qualifies`, over `days` (from daysUpTo). Today not
 * qualifying (yet) does not end the current run: the day is not over.
 */
export function runsOf(tally: Tally, days: readonly string[], today: string, qualifies: (counts: DayCounts) => boolean): Runs {
  let longest = 0;
  let run = 0;
  let previous = '';
  const reached: string[] = [];
  for (const day of days) {
    if (!qualifies(tally.days[day] as DayCounts)) continue;
    run = previous !== '' && dayAfter(previous) === day ? run + 1 : 1;
    if (run > longest) {
      longest = run;
      reached.push(day);
    }
    previous = day;
  }
  const alive = previous === today || (previous !== '' && dayAfter(previous) === today);
  return { current: alive ? run : 0, longest, reached };
}

/** Days with at least one completed session. */
export const streakDay = (counts: DayCounts): boolean => counts[0] > 0;

/** Days whose completed sessions reached the daily goal. */
export const goalDay =
  (goalSeconds: number) =>
  (counts: DayCounts): boolean =>
    counts[1] >= goalSeconds;

/**
 * The summary of `stats`: counts and times over ended sessions; rate = completed ÷ ended × 100
 * with one decimal; average = total ÷ ended in whole seconds (rounded); streaks and today's
 * progress from completed sessions only.
 */
export function summarize(tally: Tally, today: string, goalSeconds: number): Stats {
  const { ended, completed, seconds } = tally;
  const streak = runsOf(tally, daysUpTo(tally, today), today, streakDay);
  return {
    total_sessions: ended,
    completed_sessions: completed,
    total_seconds: seconds,
    average_duration_seconds: ended === 0 ? 0 : Math.round(seconds / ended),
    completion_rate_percent: ended === 0 ? 0 : Math.round((completed / ended) * 1000) / 10,
    current_streak_days: streak.current,
    longest_streak_days: streak.longest,
    today_seconds: tally.days[today]?.[1] ?? 0,
    daily_goal_seconds: goalSeconds,
  };
}

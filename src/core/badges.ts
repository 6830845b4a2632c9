import { goalDay, lastDayIndex, runsOf, STREAK_DAY, type DayTest, type Runs } from './progress.js';
import type { Session } from './session.js';
import { foldTally, passes, type Ledger } from './ledger.js';
import { flooredShare } from './share.js';
import { countSession, countsOn, emptyTally, FIELDS, mergeTally, type Tally } from './tally.js';

/** Which DayCounts field a running total adds up. */
const DONE = 0;
const CREDITED = 2;
const FOCUS = 3;
const LONG_FOCUS = 4;

type Criterion =
  /** The running total of a field over the days reaches `target`. */
  | { kind: 'total'; field: number; target: number }
  /** `target` consecutive days with a completed session, or meeting the daily goal. */
  | { kind: 'run'; of: 'streak' | 'goal'; target: number };

export interface Badge {
  id: string;
  name: string;
  description: string;
  criterion: Criterion;
}

/**
 * Badges are derived from the history every time, never stored: edits, deletes and undo move
 * them with the sessions. Only completed sessions count.
 */
export const BADGES: readonly Badge[] = [
  {
    id: 'first-session',
    name: 'First step',
    description: 'Complete a first session.',
    criterion: { kind: 'total', field: DONE, target: 1 },
  },
  {
    id: 'streak-3',
    name: 'On a roll',
    description: 'Complete a session 3 days in a row.',
    criterion: { kind: 'run', of: 'streak', target: 3 },
  },
  {
    id: 'streak-7',
    name: 'Full week',
    description: 'Complete a session 7 days in a row.',
    criterion: { kind: 'run', of: 'streak', target: 7 },
  },
  {
    id: 'streak-30',
    name: 'Habit',
    description: 'Complete a session 30 days in a row.',
    criterion: { kind: 'run', of: 'streak', target: 30 },
  },
  {
    id: 'focus-10',
    name: 'Deep worker',
    description: 'Complete 10 focus sessions.',
    criterion: { kind: 'total', field: FOCUS, target: 10 },
  },
  {
    id: 'focus-90',
    name: 'Flow',
    description: 'Complete a focus session of 90 minutes or more.',
    criterion: { kind: 'total', field: LONG_FOCUS, target: 1 },
  },
  { id: 'sessions-100', name: 'Regular', description: 'Complete 100 sessions.', criterion: { kind: 'total', field: DONE, target: 100 } },
  {
    id: 'hours-100',
    name: 'Centurion',
    description: 'Track 100 hours in completed sessions.',
    criterion: { kind: 'total', field: CREDITED, target: 100 * 3600 },
  },
  {
    id: 'goal-5',
    name: 'On target',
    description: 'Meet the daily goal 5 days in a row.',
    criterion: { kind: 'run', of: 'goal', target: 5 },
  },
];

export interface BadgeState {
  badge: Badge;
  /** The local day (number, see dayNumber) the criterion was first met, or null while locked. */
  earnedDay: number | null;
  /** 0–1: how far along a locked badge is (the live run for runs); 1 once earned. */
  progress: number;
  /** The same in whole percent (0–99 while locked, 100 once earned): what text shows, never re-derived from `progress`. */
  percent: number;
}

/** Every badge against a tally of the history, as of `today`. */
export function badgeStates(tally: Tally, today: number, goalSeconds: number): BadgeState[] {
  const runs: Record<'streak' | 'goal', Runs> = {
    streak: runsOf(tally, today, STREAK_DAY),
    goal: runsOf(tally, today, goalDay(goalSeconds)),
  };
  const last = lastDayIndex(tally, today);
  return BADGES.map((badge) => {
    const { criterion } = badge;
    if (criterion.kind === 'run') {
      const { reached, current } = runs[criterion.of];
      const earnedDay = reached[criterion.target - 1] ?? null;
      return { badge, earnedDay, ...(earnedDay ? EARNED : locked(current, criterion.target)) };
    }
    let total = 0;
    for (let d = 0; d <= last; d += 1) {
      total += tally.counts[d * FIELDS + criterion.field] as number;
      if (total >= criterion.target) return { badge, earnedDay: tally.first + d, ...EARNED };
    }
    return { badge, earnedDay: null, ...locked(total, criterion.target) };
  });
}

const EARNED = { progress: 1, percent: 100 };

/** Floored to hundredths, on whole numbers (exactly), and at most 99%: a locked badge never shows as 1. */
function locked(value: number, target: number): { progress: number; percent: number } {
  const percent = Math.min(99, flooredShare(value, target, 100));
  return { progress: percent / 100, percent };
}

/** Which badges a ledger (folded through today) has earned, in BADGES order. */
export function earnedBy(ledger: Ledger): boolean[] {
  return BADGES.map(({ criterion: c }) =>
    c.kind === 'total' ? (ledger.sums[c.field] as number) >= c.target : ledger[c.of].longest >= c.target,
  );
}

/**
 * The badges that `sessions` (just ended, and counted in `recent`) earned: earned with them, not
 * without them. `settled` holds the days before `recent`'s, which the sessions must not touch.
 */
export function justEarned(settled: Ledger, recent: Tally, sessions: readonly Session[], today: number): Badge[] {
  const after = earnedBy(foldTally(settled, recent, today + 1));
  const without = mergeTally(emptyTally(), recent);
  for (const session of sessions) countSession(without, session, -1);
  const before = earnedBy(foldTally(settled, without, today + 1));
  return BADGES.filter((_, i) => after[i] && !before[i]);
}

/**
 * The exact moment a badge was earned: the stop of the completed session that met its
 * criterion on its day. `sessions` must hold every session that overlaps that day; `tally` is
 * the whole history's.
 */
export function earnedAt(state: BadgeState, tally: Tally, sessions: readonly Session[], goalSeconds: number): string | null {
  const day = state.earnedDay;
  if (day === null) return null;
  const { criterion } = state.badge;
  let before = 0;
  if (criterion.kind === 'total') {
    const days = Math.min(day - tally.first, tally.counts.length / FIELDS);
    for (let d = 0; d < days; d += 1) before += tally.counts[d * FIELDS + criterion.field] as number;
  }
  const finished = sessions
    .filter((s) => s.status === 'completed' && s.stopped_at !== null)
    .sort((a, b) => ((a.stopped_at as string) < (b.stopped_at as string) ? -1 : a.stopped_at === b.stopped_at ? a.id - b.id : 1));
  // Replays the day one completion at a time, counting each session exactly as the tally does.
  const soFar = emptyTally();
  for (const session of finished) {
    countSession(soFar, session);
    const counts = countsOn(soFar, day);
    const test: DayTest =
      criterion.kind === 'total'
        ? { field: criterion.field, atLeast: criterion.target - before }
        : criterion.of === 'streak'
          ? STREAK_DAY
          : goalDay(goalSeconds);
    const met = passes(test, counts, 0);
    if (met) return session.stopped_at;
  }
  return null;
}

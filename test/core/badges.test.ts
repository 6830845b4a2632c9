import { describe, expect, test } from 'vitest';
import { BADGES, badgeStates, earnedAt, justEarned, type BadgeState } from '../../src/core/badges.js';
import { dayAfter, dayOfName as D } from '../../src/core/days.js';
import type { Session } from '../../src/core/session.js';
import { emptyLedger } from '../../src/core/ledger.js';
import { tallyOf } from '../../src/core/tally.js';
import { localSession as session, makeSession } from '../helpers/factories.js';

const GOAL = 2 * 3600;
const TODAY = '2026-03-31';

function state(id: string, sessions: Session[], today = TODAY): BadgeState {
  const found = badgeStates(tallyOf(sessions), D(today), GOAL).find((s) => s.badge.id === id);
  if (!found) throw new Error(`no badge ${id}`);
  return found;
}

/** `count` consecutive days from `first`, one completed session each (at 10:00 for `minutes`). */
function daily(first: string, count: number, minutes = 30, overrides: Partial<Session> = {}): Session[] {
  const out: Session[] = [];
  let day = first;
  for (let i = 0; i < count; i += 1) {
    out.push(session(day, '10:00', minutes, overrides));
    day = dayAfter(day);
  }
  return out;
}

const focus = { planned_seconds: 25 * 60 };

describe('badges', () => {
  test('there are at least 8, with distinct ids, names and descriptions', () => {
    expect(BADGES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(BADGES.map((b) => b.id)).size).toBe(BADGES.length);
    for (const b of BADGES) expect(b.name && b.description).toBeTruthy();
  });

  // Each criterion once just met and once just missed.
  test.each([
    ['first-session', [session('2026-03-02', '09:00', 10)], [session('2026-03-02', '09:00', 10, { as: 'partial' })], '2026-03-02'],
    ['streak-3', daily('2026-03-01', 3), [...daily('2026-03-01', 2), ...daily('2026-03-04', 1)], '2026-03-03'],
    ['streak-7', daily('2026-03-01', 7), daily('2026-03-01', 6), '2026-03-07'],
    ['streak-30', daily('2026-03-01', 30), daily('2026-03-01', 29), '2026-03-30'],
    [
      'focus-10',
      daily('2026-03-01', 10, 25, focus),
      [...daily('2026-03-01', 9, 25, focus), session('2026-03-20', '09:00', 25, { ...focus, as: 'abandoned' })],
      '2026-03-10',
    ],
    [
      'focus-90',
      [session('2026-03-05', '09:00', 90, focus)],
      [session('2026-03-05', '09:00', 89, focus), session('2026-03-06', '09:00', 120)],
      '2026-03-05',
    ],
    ['sessions-100', daily('2026-01-01', 100, 5), daily('2026-01-01', 99, 5), '2026-04-10'],
    ['hours-100', daily('2026-03-01', 25, 240), [...daily('2026-03-01', 24, 240), session('2026-03-26', '08:00', 239)], '2026-03-25'],
    ['goal-5', daily('2026-03-01', 5, 120), [...daily('2026-03-01', 4, 120), session('2026-03-05', '10:00', 119)], '2026-03-05'],
  ])('%s: met, then missed by one', (id, met, missed, day) => {
    const today = day > TODAY ? day : TODAY;
    expect(state(id, met, today)).toMatchObject({ earnedDay: D(day), progress: 1 });
    const locked = state(id, missed, today);
    expect(locked.earnedDay).toBeNull();
    expect(locked.progress).toBeLessThan(1);
  });

  test('locked progress: the live run for streaks, the running total for counts', () => {
    expect(state('streak-7', daily('2026-03-28', 4)).progress).toBe(0.57); // 4 of 7, floored
    expect(state('streak-7', daily('2026-03-20', 4)).progress).toBe(0); // that run is over
    expect(state('focus-10', daily('2026-03-01', 3, 25, focus)).progress).toBe(0.3);
  });

  test('locked progress is floored exactly: 29 of 100 hours is 0.29 and 29%, not 0.28', () => {
    // (29 / 100) × 100 is 28.999… in floats; the percent is computed on whole numbers.
    expect(state('hours-100', [session('2026-03-01', '00:00', 29 * 60)])).toMatchObject({ progress: 0.29, percent: 29 });
    expect(state('streak-7', daily('2026-03-28', 4))).toMatchObject({ progress: 0.57, percent: 57 });
    expect(state('first-session', daily('2026-03-28', 1))).toMatchObject({ progress: 1, percent: 100 });
  });

  test('a goal day counts the time of completed sessions split at midnight', () => {
    // 23:00 → 01:00 gives each day one hour, not enough for a 2-hour goal on either.
    const spanning = daily('2026-03-01', 5, 120).map((s, i) => (i === 2 ? session('2026-03-02', '23:00', 120) : s));
    expect(state('goal-5', spanning).earnedDay).toBeNull();
  });

  test('deleting the session that earned a badge takes the badge away again', () => {
    const history = daily('2026-03-01', 3);
    expect(state('streak-3', history).earnedDay).toBe(D('2026-03-03'));
    expect(state('streak-3', history.slice(0, 2)).earnedDay).toBeNull();
  });
});

describe('earnedAt', () => {
  test('is the stop of the session that met the criterion, not the first of its day', () => {
    const history = [
      ...daily('2026-03-01', 9, 25, focus),
      session('2026-03-10', '08:00', 30),
      session('2026-03-10', '09:00', 25, focus),
      session('2026-03-10', '11:00', 25, focus),
    ];
    const tally = tallyOf(history);
    const focus10 = badgeStates(tally, D(TODAY), GOAL).find((s) => s.badge.id === 'focus-10') as BadgeState;
    expect(earnedAt(focus10, tally, history, GOAL)).toBe(history[10]?.stopped_at);
  });

  test('for the daily goal: the stop that took that day over it', () => {
    const history = [
      ...daily('2026-03-01', 4, 120),
      session('2026-03-05', '08:00', 60),
      session('2026-03-05', '10:00', 60),
      session('2026-03-05', '12:00', 60),
    ];
    const tally = tallyOf(history);
    const goal5 = badgeStates(tally, D(TODAY), GOAL).find((s) => s.badge.id === 'goal-5') as BadgeState;
    expect(earnedAt(goal5, tally, history, GOAL)).toBe(history[5]?.stopped_at);
  });

  test('locked badges have none', () => {
    const tally = tallyOf([]);
    expect(earnedAt(badgeStates(tally, D(TODAY), GOAL)[0] as BadgeState, tally, [], GOAL)).toBeNull();
  });
});

describe('justEarned', () => {
  test('names what the last stop added, and nothing earned before it', () => {
    const history = daily('2026-03-01', 3);
    expect(justEarned(emptyLedger(GOAL), tallyOf(history), history.slice(2), D(TODAY)).map((b) => b.id)).toEqual(['streak-3']);
    // The first session of the history earned "first step": that is not news on day 3.
    const again = [...history, makeSession({ id: 500, started_at: '2026-03-03T15:00:00Z', stopped_at: '2026-03-03T15:10:00Z' })];
    expect(justEarned(emptyLedger(GOAL), tallyOf(again), again.slice(3), D(TODAY))).toEqual([]);
  });

  test('several at once, from one session', () => {
    const first = session('2026-03-05', '09:00', 95, focus);
    expect(justEarned(emptyLedger(GOAL), tallyOf([first]), [first], D(TODAY)).map((b) => b.id)).toEqual(['first-session', 'focus-90']);
  });

  test('a stop back-dated into the past can still earn', () => {
    const history = [session('2026-03-01', '10:00', 30), session('2026-03-03', '10:00', 30)];
    const gap = session('2026-03-02', '10:00', 30);
    expect(justEarned(emptyLedger(GOAL), tallyOf([...history, gap]), [gap], D(TODAY)).map((b) => b.id)).toEqual(['streak-3']);
  });

  test('partial and abandoned sessions earn nothing', () => {
    const history = daily('2026-03-01', 2);
    const partial = session('2026-03-03', '10:00', 30, { as: 'partial' });
    expect(justEarned(emptyLedger(GOAL), tallyOf([...history, partial]), [partial], D(TODAY))).toEqual([]);
  });
});

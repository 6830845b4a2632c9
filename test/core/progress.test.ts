import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { dayAfter, dayNumber, dayOfName as D, localDay, makeDayNumber, secondsByDay } from '../../src/core/days.js';
import { summarize } from '../../src/core/progress.js';
import { durationSeconds, type Outcome, type Session } from '../../src/core/session.js';
import { countSession, countsOn, emptyTally, LONG_FOCUS_SECONDS, mergeTally, sumTallies, tallyOf } from '../../src/core/tally.js';
import { at, localSession as session, makeSession } from '../helpers/factories.js';

// TZ=Europe/Paris (vitest config): UTC+1 in winter, UTC+2 from 2026-03-29 02:00 local.

describe('days', () => {
  test('a session 23:00 → 01:00 gives an hour to each local day', () => {
    const s = session('2026-01-14', '23:00', 120);
    expect(Object.fromEntries(secondsByDay(s, at('2026-01-20T00:00:00Z')))).toEqual({ '2026-01-14': 3600, '2026-01-15': 3600 });
  });

  test('a month end splits like any midnight', () => {
    const s = session('2026-01-31', '22:30', 120);
    expect(Object.fromEntries(secondsByDay(s, at('2026-02-05T00:00:00Z')))).toEqual({ '2026-01-31': 5400, '2026-02-01': 1800 });
  });

  test('the 23-hour DST day: midnight to midnight is 23 h, and pauses do not count', () => {
    const s = makeSession({
      started_at: '2026-03-28T23:00:00Z', // 00:00 local, 29 March
      stopped_at: '2026-03-29T22:00:00Z', // 00:00 local, 30 March
      pauses: [{ started_at: '2026-03-29T10:00:00Z', ended_at: '2026-03-29T11:00:00Z' }],
    });
    const days = secondsByDay(s, at('2026-04-01T00:00:00Z'));
    expect(Object.fromEntries(days)).toEqual({ '2026-03-29': 22 * 3600 });
    expect([...days.values()].reduce((a, b) => a + b)).toBe(durationSeconds(s, at('2026-04-01T00:00:00Z')));
  });

  test('a running session counts up to now, clipped to a range', () => {
    const s = makeSession({ started_at: '2026-01-15T08:00:00Z', stopped_at: null, status: 'running' });
    const now = at('2026-01-15T10:00:00Z');
    expect(secondsByDay(s, now).get('2026-01-15')).toBe(7200);
    expect(secondsByDay(s, now, Date.parse('2026-01-15T09:30:00Z')).get('2026-01-15')).toBe(1800);
  });

  test('dayAfter crosses months, years and leap days', () => {
    expect([dayAfter('2026-01-31'), dayAfter('2026-12-31'), dayAfter('2028-02-28'), dayAfter('2026-03-28')]).toEqual([
      '2026-02-01',
      '2027-01-01',
      '2028-02-29',
      '2026-03-29',
    ]);
  });
});

describe('stats', () => {
  const goal = 4 * 3600;

  test('completion rate and average over ended sessions with mixed outcomes', () => {
    const tally = tallyOf([
      session('2026-01-12', '09:00', 60),
      session('2026-01-12', '11:00', 30),
      session('2026-01-13', '09:00', 20, { as: 'partial' }),
      session('2026-01-14', '09:00', 10, { as: 'abandoned' }),
      session('2026-01-15', '09:00', 1, { as: 'completed' }),
      makeSession({ id: 99, stopped_at: null, status: 'running' }), // not ended: not counted
    ]);
    const stats = summarize(tally, D('2026-01-15'), goal);
    expect(stats).toEqual({
      total_sessions: 5,
      completed_sessions: 3,
      total_seconds: (60 + 30 + 20 + 10 + 1) * 60,
      average_duration_seconds: Math.round((121 * 60) / 5),
      completion_rate_percent: 60,
      current_streak_days: 1,
      longest_streak_days: 1,
      today_seconds: 60,
      daily_goal_seconds: goal,
    });
  });

  test('the rate keeps one decimal: 2 of 3 is 66.7', () => {
    const tally = tallyOf([
      session('2026-01-12', '09:00', 60),
      session('2026-01-12', '10:00', 60),
      session('2026-01-12', '11:00', 60, { as: 'partial' }),
    ]);
    expect(summarize(tally, D('2026-01-12'), goal).completion_rate_percent).toBe(66.7);
  });

  test('an empty history is all zeros, not NaN', () => {
    expect(summarize(emptyTally(), D('2026-01-12'), goal)).toMatchObject({
      average_duration_seconds: 0,
      completion_rate_percent: 0,
      current_streak_days: 0,
    });
  });

  test('today counts only completed time that falls today', () => {
    const tally = tallyOf([
      session('2026-01-14', '23:00', 120), // one hour of it is today
      session('2026-01-15', '09:00', 60, { as: 'partial' }),
    ]);
    expect(summarize(tally, D('2026-01-15'), goal).today_seconds).toBe(3600);
  });
});

describe('streaks', () => {
  const streak = (sessions: Session[], today: string) => {
    const { current_streak_days: current, longest_streak_days: longest } = summarize(tallyOf(sessions), D(today), 3600);
    return { current, longest };
  };

  test('consecutive days count; a gap day breaks the run', () => {
    const days = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-09', '2026-01-10'];
    expect(
      streak(
        days.map((d) => session(d, '10:00', 30)),
        '2026-01-10',
      ),
    ).toEqual({ current: 2, longest: 3 });
  });

  test('today without a session does not break the streak before it is over', () => {
    const sessions = ['2026-01-08', '2026-01-09'].map((d) => session(d, '10:00', 30));
    expect(streak(sessions, '2026-01-10')).toEqual({ current: 2, longest: 2 });
    // …but a whole day without one does.
    expect(streak(sessions, '2026-01-11')).toEqual({ current: 0, longest: 2 });
  });

  test('only abandoned or partial today: today does not count, yesterday’s run stays alive', () => {
    const sessions = [
      session('2026-01-09', '10:00', 30),
      session('2026-01-10', '10:00', 30, { as: 'abandoned' }),
      session('2026-01-10', '11:00', 30, { as: 'partial' }),
    ];
    expect(streak(sessions, '2026-01-10')).toEqual({ current: 1, longest: 1 });
    expect(streak(sessions, '2026-01-11')).toEqual({ current: 0, longest: 1 });
  });

  test('a streak across the spring DST change (a 23-hour day) is unbroken', () => {
    const days = ['2026-03-28', '2026-03-29', '2026-03-30'];
    // Late evening sessions: in UTC, 23:30 local is 22:30Z before the change and 21:30Z after.
    expect(
      streak(
        days.map((d) => session(d, '23:30', 20)),
        '2026-03-30',
      ),
    ).toEqual({ current: 3, longest: 3 });
  });

  test('days are local, not UTC nor a fixed offset, around the DST change', () => {
    // 23:30 on 28 March (22:30Z) and 00:30 on 30 March (22:30Z on the 29th, after the change):
    // in UTC those are consecutive days, in Paris the 29th is missing.
    const sessions = [session('2026-03-28', '23:30', 20), session('2026-03-30', '00:30', 20)];
    expect(sessions.map((s) => s.started_at)).toEqual(['2026-03-28T22:30:00Z', '2026-03-29T22:30:00Z']);
    expect(streak(sessions, '2026-03-30')).toEqual({ current: 1, longest: 1 });
  });

  test('a session is counted on the local day it was completed, also across midnight', () => {
    const tally = tallyOf([session('2026-01-14', '23:30', 60)]);
    expect([tally.first, tally.counts.length / 5]).toEqual([D('2026-01-14'), 2]);
    expect(countsOn(tally, '2026-01-15')[0]).toBe(1);
    expect(countsOn(tally, '2026-01-14')).toEqual([0, 1800, 0, 0, 0]);
  });
});

describe('days follow the time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  test('the same instants fall on other days in New York and in Paris', () => {
    // 23:30Z: already the 16th in Paris, still the 15th in New York.
    const late = makeSession({ started_at: '2026-01-15T23:00:00Z', stopped_at: '2026-01-15T23:30:00Z' });
    const next = makeSession({ id: 2, started_at: '2026-01-16T23:00:00Z', stopped_at: '2026-01-16T23:30:00Z' });
    expect(localDay(Date.parse(late.stopped_at as string))).toBe('2026-01-16');
    process.env.TZ = 'America/New_York';
    expect(localDay(Date.parse(late.stopped_at as string))).toBe('2026-01-15');
    const stats = summarize(tallyOf([late, next]), D('2026-01-16'), 3600);
    expect(stats.current_streak_days).toBe(2);
    expect(stats.today_seconds).toBe(1800);
  });
});

describe('tallies', () => {
  test('month tallies merge to the tally of the whole, and a session can be taken back out', () => {
    const jan = [session('2026-01-30', '22:00', 180), session('2026-01-31', '09:00', 60, { as: 'partial' })];
    const feb = [session('2026-02-01', '09:00', 60, { planned_seconds: 3600 })];
    const whole = tallyOf([...jan, ...feb]);
    expect(sumTallies([tallyOf(jan), tallyOf(feb)])).toEqual(whole);
    expect(sumTallies([tallyOf(feb), tallyOf(jan)])).toEqual(whole); // an earlier month after a later one
    expect(JSON.parse(JSON.stringify(whole))).toEqual(whole);
    const without = mergeTally(emptyTally(), whole);
    countSession(without, feb[0] as Session, -1);
    expect(without.completed).toBe(1);
    expect(countsOn(without, '2026-02-01')).toEqual([0, 0, 0, 0, 0]);
    expect(countsOn(without, '2026-01-31')).toEqual(countsOn(tallyOf(jan), '2026-01-31'));
  });
});

/**
 * One session's share as the Tally documents it, from the definitions (durationSeconds,
 * secondsByDay, dayNumber) without any of countSession's shortcuts: day → DayCounts.
 */
function shareOf(s: Session): { ended: number; completed: number; seconds: number; days: Map<number, number[]> } {
  const days = new Map<number, number[]>();
  if (s.stopped_at === null || s.status === 'running' || s.status === 'paused') return { ended: 0, completed: 0, seconds: 0, days };
  const end = new Date(s.stopped_at);
  const length = durationSeconds(s, end);
  if (s.status !== 'completed') return { ended: 1, completed: 0, seconds: length, days };
  const add = (day: number, values: number[]) => {
    const counts = days.get(day) ?? [0, 0, 0, 0, 0];
    days.set(
      day,
      counts.map((n, i) => n + (values[i] as number)),
    );
  };
  const focus = s.planned_seconds === null ? 0 : 1;
  const endDay = dayNumber(end.getTime());
  add(endDay, [1, 0, length, focus, focus && length >= LONG_FOCUS_SECONDS ? 1 : 0]);
  for (const [day, seconds] of secondsByDay(s, end)) add(D(day), [0, seconds, 0, 0, 0]);
  return { ended: 1, completed: 1, seconds: length, days };
}

const instant = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Sessions of every kind: any status, focus or not, closed and open pauses, over midnight and DST changes. */
const anySession = fc
  .record({
    start: fc.integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2027, 0, 1) / 1000 }),
    length: fc.oneof(fc.integer({ min: 0, max: 4 * 3600 }), fc.integer({ min: 0, max: 3 * 86_400 })),
    pauses: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 3 }),
    status: fc.constantFrom<Outcome | 'running' | 'paused'>('completed', 'partial', 'abandoned', 'running', 'paused'),
    planned: fc.option(fc.integer({ min: 60, max: 4 * 3600 })),
  })
  .map(({ start, length, pauses, status, planned }) => {
    const stop = start + length;
    const cuts = pauses
      .flat()
      .map((f) => start + Math.floor(f * length))
      .sort((a, b) => a - b);
    const ended = status !== 'running' && status !== 'paused';
    return makeSession({
      started_at: instant(start * 1000),
      stopped_at: ended ? instant(stop * 1000) : null,
      status,
      planned_seconds: planned,
      pauses: pauses.map((_, i) => ({
        started_at: instant((cuts[2 * i] as number) * 1000),
        ended_at: status === 'paused' && i === pauses.length - 1 ? null : instant((cuts[2 * i + 1] as number) * 1000),
      })),
    });
  });

describe('countSession', () => {
  // countSession takes shortcuts for the interpreter (stop's summary tallies a month each run):
  // each instant parsed once, no durationSeconds without pauses, the day's counts added in place.
  test.each(['UTC', 'Europe/Paris', 'America/St_Johns'])('adds and takes back what the definitions give (%s)', (zone) => {
    const original = process.env.TZ;
    process.env.TZ = zone;
    try {
      fc.assert(
        fc.property(fc.array(anySession, { maxLength: 6 }), (sessions) => {
          const tally = tallyOf(sessions);
          const taken = mergeTally(emptyTally(), tally);
          const expected = new Map<number, number[]>();
          let [ended, completed, seconds] = [0, 0, 0];
          for (const s of sessions) {
            const share = shareOf(s);
            ended += share.ended;
            completed += share.completed;
            seconds += share.seconds;
            for (const [day, counts] of share.days)
              expected.set(
                day,
                (expected.get(day) ?? [0, 0, 0, 0, 0]).map((n, i) => n + (counts[i] as number)),
              );
            countSession(taken, s, -1);
          }
          expect({ ended: tally.ended, completed: tally.completed, seconds: tally.seconds }).toEqual({ ended, completed, seconds });
          for (const [day, counts] of expected) expect(countsOn(tally, day)).toEqual(counts);
          const total = (counts: readonly number[]) => counts.reduce((a, b) => a + b, 0);
          expect(total(tally.counts)).toBe(total([...expected.values()].flat()));
          expect(taken.ended + taken.completed + taken.seconds + total(taken.counts.map(Math.abs))).toBe(0);
        }),
        { numRuns: 300 },
      );
    } finally {
      process.env.TZ = original;
    }
  });
});

describe('makeDayNumber', () => {
  test('agrees with dayNumber every 7 minutes through both DST changes of a year, and in a half-hour zone', () => {
    const original = process.env.TZ;
    try {
      for (const zone of ['Europe/Paris', 'America/St_Johns', 'Australia/Lord_Howe']) {
        process.env.TZ = zone;
        const cached = makeDayNumber();
        for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 7 * 60_000) {
          if (cached(ms) !== dayNumber(ms)) throw new Error(`${zone} ${new Date(ms).toISOString()}`);
        }
      }
    } finally {
      process.env.TZ = original;
    }
  });
});

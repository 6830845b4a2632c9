import { describe, expect, test } from 'vitest';
import { dayOfName as D } from '../../src/core/days.js';
import { periodRange, type PeriodOptions, type Range, type WeekStart } from '../../src/core/period.js';
import { ReportBuilder, roundUp, type ReportBy } from '../../src/core/report.js';
import type { Session } from '../../src/core/session.js';
import { at, makeSession } from '../helpers/factories.js';

// TZ=Europe/Paris (vitest config): in November local midnight is 23:00Z.
const now = at('2026-11-18T12:00:00Z'); // a Wednesday
const week = periodRange({ week: true }, now) as Range; // Monday 16 to Sunday 22

function build(sessions: Session[], options: { by?: ReportBy; range?: Range; round?: number } = {}) {
  const builder = new ReportBuilder({ by: options.by ?? 'task', range: options.range ?? week, roundSeconds: options.round ?? null }, now);
  // Fed a session at a time, as batches would arrive.
  for (const session of sessions) builder.add([session]);
  return builder.result();
}

const days = (options: PeriodOptions) => periodRange(options, now) as Range;
const rowsOf = (report: ReturnType<typeof build>) => report.rows.map((r) => [r.name, r.seconds, r.sessions]);
const session = (id: number, started: string, stopped: string | null, more: Partial<Session> = {}) =>
  makeSession({ id, started_at: started, stopped_at: stopped, status: stopped === null ? 'running' : 'completed', ...more });

describe('by day', () => {
  test('a session from 23:00 to 01:00 gives an hour to each day; every day of the week has a row', () => {
    const report = build([session(1, '2026-11-16T22:00:00Z', '2026-11-17T00:00:00Z')], { by: 'day' });
    expect(report).toMatchObject({ from: '2026-11-16', to: '2026-11-22', by: 'day', totalSeconds: 7200, sessionCount: 1 });
    expect(rowsOf(report)).toEqual([
      ['2026-11-16', 3600, 1],
      ['2026-11-17', 3600, 1],
      ['2026-11-18', 0, 0],
      ['2026-11-19', 0, 0],
      ['2026-11-20', 0, 0],
      ['2026-11-21', 0, 0],
      ['2026-11-22', 0, 0],
    ]);
  });

  test('the rows end at 9999-12-31, the last day a time can be on: a period reaching it or past it ends', () => {
    // The day after it, +010000-01-01, sorts before it as text: the rows once never ended.
    const last = session(1, '9999-12-31T08:00:00Z', '9999-12-31T10:00:00Z');
    const lastDay = days({ from: D('9999-12-31'), to: D('9999-12-31') });
    expect(rowsOf(build([last], { by: 'day', range: lastDay }))).toEqual([['9999-12-31', 7200, 1]]);
    const lastWeek = periodRange({ week: true }, at('9999-12-31T12:00:00Z')) as Range; // Monday 27 to Sunday 2
    const report = build([last], { by: 'day', range: lastWeek });
    expect(report).toMatchObject({ from: '9999-12-27', to: '9999-12-31', totalSeconds: 7200 });
    expect(rowsOf(report)).toEqual([
      ['9999-12-27', 0, 0],
      ['9999-12-28', 0, 0],
      ['9999-12-29', 0, 0],
      ['9999-12-30', 0, 0],
      ['9999-12-31', 7200, 1],
    ]);
  });

  test('a session across a month end is split, and a month counts only its own part', () => {
    // 2026-10-31 23:00 to 2026-11-01 02:00, local.
    const crossing = session(1, '2026-10-31T22:00:00Z', '2026-11-01T01:00:00Z');
    const both = build([crossing], { by: 'day', range: days({ from: D('2026-10-31'), to: D('2026-11-01') }) });
    expect(rowsOf(both)).toEqual([
      ['2026-10-31', 3600, 1],
      ['2026-11-01', 7200, 1],
    ]);
    const november = build([crossing], { by: 'day', range: days({ month: true }) });
    expect(november.rows).toHaveLength(30);
    expect(november.rows[0]).toEqual({ name: '2026-11-01', seconds: 7200, sessions: 1 });
    expect(november.totalSeconds).toBe(7200);
  });

  test('a DST day (2026-03-29 in Paris has 23 hours) is split at its own midnights', () => {
    // From local midnight of the 29th (CET) to 01:00 on the 30th (CEST).
    const long = session(1, '2026-03-28T23:00:00Z', '2026-03-29T23:00:00Z');
    const report = build([long], { by: 'day', range: days({ from: D('2026-03-28'), to: D('2026-03-30') }) });
    expect(rowsOf(report)).toEqual([
      ['2026-03-28', 0, 0],
      ['2026-03-29', 23 * 3600, 1],
      ['2026-03-30', 3600, 1],
    ]);
  });

  test('--to alone starts at the first day with data, or is just the to day without any', () => {
    const range = days({ to: D('2026-11-18') });
    const report = build([session(1, '2026-11-16T08:00:00Z', '2026-11-16T09:00:00Z')], { by: 'day', range });
    expect([report.from, report.to, report.rows.length]).toEqual(['2026-11-16', '2026-11-18', 3]);
    expect(rowsOf(build([], { by: 'day', range }))).toEqual([['2026-11-18', 0, 0]]);
  });

  test('--from alone ends today', () => {
    const report = build([], { by: 'day', range: days({ from: D('2026-11-17') }) });
    expect(report.rows.map((r) => r.name)).toEqual(['2026-11-17', '2026-11-18']);
  });
});

describe('what counts', () => {
  test('running and paused sessions count up to now; every status counts', () => {
    const report = build([
      session(1, '2026-11-18T10:00:00Z', null, { task: 'running' }),
      session(2, '2026-11-18T09:00:00Z', null, {
        task: 'paused',
        status: 'paused',
        pauses: [{ started_at: '2026-11-18T09:30:00Z', ended_at: null }],
      }),
      session(3, '2026-11-17T09:00:00Z', '2026-11-17T09:20:00Z', { task: 'abandoned', status: 'abandoned' }),
    ]);
    expect(rowsOf(report)).toEqual([
      ['running', 7200, 1],
      ['paused', 1800, 1],
      ['abandoned', 1200, 1],
    ]);
  });

  test('a session partly outside the range counts only inside; one wholly outside or empty is skipped', () => {
    const report = build([
      session(1, '2026-11-15T22:00:00Z', '2026-11-16T00:00:00Z', { task: 'crossing' }), // Sunday 23:00 to Monday 01:00
      session(2, '2026-11-10T08:00:00Z', '2026-11-10T09:00:00Z', { task: 'before' }),
      session(3, '2026-11-17T08:00:00Z', '2026-11-17T08:00:00Z', { task: 'empty' }),
    ]);
    expect(rowsOf(report)).toEqual([['crossing', 3600, 1]]);
  });

  test('by task: most time first, then by name', () => {
    const report = build([
      session(1, '2026-11-16T08:00:00Z', '2026-11-16T09:00:00Z', { task: 'beta' }),
      session(2, '2026-11-16T09:00:00Z', '2026-11-16T10:00:00Z', { task: 'alpha' }),
      session(3, '2026-11-16T10:00:00Z', '2026-11-16T11:00:00Z', { task: 'gamma' }),
      session(4, '2026-11-17T10:00:00Z', '2026-11-17T11:00:00Z', { task: 'gamma' }),
    ]);
    expect(rowsOf(report)).toEqual([
      ['gamma', 7200, 2],
      ['alpha', 3600, 1],
      ['beta', 3600, 1],
    ]);
  });

  test('by tag: a session counts in each of its tags, untagged ones in a row of their own, the total once', () => {
    const report = build(
      [
        session(1, '2026-11-16T08:00:00Z', '2026-11-16T09:00:00Z', { tags: ['work', 'client'] }),
        session(2, '2026-11-16T09:00:00Z', '2026-11-16T09:30:00Z', { tags: ['work'] }),
        session(3, '2026-11-16T10:00:00Z', '2026-11-16T10:15:00Z'),
      ],
      { by: 'tag' },
    );
    expect(rowsOf(report)).toEqual([
      ['work', 5400, 2],
      ['client', 3600, 1],
      ['(untagged)', 900, 1],
    ]);
    expect([report.totalSeconds, report.sessionCount]).toEqual([6300, 3]);
  });
});

describe('week start', () => {
  test.each([
    [1, '2026-11-16', '2026-11-22'],
    [0, '2026-11-15', '2026-11-21'],
  ] as [WeekStart, string, string][])('week_start %i: %s to %s', (weekStart, from, to) => {
    const report = build([], { by: 'day', range: periodRange({ week: true }, now, weekStart) as Range });
    expect([report.from, report.to, report.rows[0]?.name, report.rows.length]).toEqual([from, to, from, 7]);
  });
});

describe('--round', () => {
  test.each([
    [7 * 60, 900],
    [15 * 60, 900],
    [16 * 60, 1800],
    [1, 900],
  ])('%i s round up to %i s', (seconds, rounded) => expect(roundUp(seconds, 900)).toBe(rounded));

  test('each session is rounded once, on its own', () => {
    const report = build(
      [session(1, '2026-11-16T08:00:00Z', '2026-11-16T08:07:00Z'), session(2, '2026-11-16T09:00:00Z', '2026-11-16T09:07:00Z')],
      { round: 900 },
    );
    expect(rowsOf(report)).toEqual([['coding', 1800, 2]]);
    expect(report.roundSeconds).toBe(900);
  });

  test('by day, the surplus goes to the last day; the total is the same whatever the grouping', () => {
    // 23:50 to 00:10 local: 10 minutes on each day, 20 minutes rounded up to 30.
    const crossing = session(1, '2026-11-16T22:50:00Z', '2026-11-16T23:10:00Z', { tags: ['a', 'b'] });
    const other = session(2, '2026-11-18T08:00:00Z', '2026-11-18T08:16:00Z');
    const byDay = build([crossing, other], { by: 'day', round: 900 });
    expect(rowsOf(byDay).slice(0, 3)).toEqual([
      ['2026-11-16', 600, 1],
      ['2026-11-17', 1200, 1],
      ['2026-11-18', 1800, 1],
    ]);
    const totals = (['task', 'tag', 'day'] as const).map((by) => build([crossing, other], { by, round: 900 }).totalSeconds);
    expect(totals).toEqual([3600, 3600, 3600]);
  });

  test('only the part inside the range is rounded', () => {
    // Sunday 23:50 to Monday 00:05: 5 minutes in the week, rounded to 15.
    const report = build([session(1, '2026-11-15T22:50:00Z', '2026-11-15T23:05:00Z')], { round: 900 });
    expect(report.totalSeconds).toBe(900);
  });
});

import { formatISO } from 'date-fns/formatISO';
import { afterEach, describe, expect, test } from 'vitest';
import { dayAfter, dayNumber, dayOfName, dayStart, localDay, makeDayNumber, nextMidnight, secondsByDay } from '../../src/core/days.js';
import { lastPeriod, periodRange, type PeriodKind, type PeriodOptions, type WeekStart } from '../../src/core/period.js';
import { countsOn, tallyOf } from '../../src/core/tally.js';
import { localInstantText } from '../../src/core/time.js';
import { ReportBuilder } from '../../src/core/report.js';
import { parseDayInput, parseTimeInput } from '../../src/core/time-input.js';
import { at, makeSession } from '../helpers/factories.js';

// Each test sets the zone it needs; Node re-reads it when TZ is assigned. Zone facts checked with
// Node's bundled tz data (2025c): Santiago skips 00:00 on 2026-09-06 (00:00 -04 → 01:00 -03) and
// repeats 23:00 on 2026-04-04; Asuncion skipped 00:00 on 2023-10-01 and 2024-10-06 (no DST since
// late 2024) and repeated 23:00 on 2024-03-23; Havana skips 00:00 on 2026-03-08 and repeats it
// on 2026-11-01 (01:00 -04 → 00:00 -05); Beirut skips 00:00 on 2026-03-29; Lord Howe moves 30
// minutes at 02:00; Kolkata is +05:30 all year.
const original = process.env.TZ;
afterEach(() => {
  process.env.TZ = original;
});
const inZone = (zone: string) => {
  process.env.TZ = zone;
};
const iso = (ms: number | Date | null | undefined) => (ms === null || ms === undefined ? ms : new Date(ms).toISOString());
/** A local date the way a typed `YYYY-MM-DD` arrives: its day number. */
const date = dayOfName;
/** Period options with dates as text, read only once the test has set its zone. */
type Typed = { day?: true | string; week?: boolean; month?: boolean; from?: string; to?: string };
const options = ({ day, from, to, ...rest }: Typed): PeriodOptions => ({
  ...rest,
  ...(day !== undefined ? { day: day === true ? true : date(day) } : {}),
  ...(from !== undefined ? { from: date(from) } : {}),
  ...(to !== undefined ? { to: date(to) } : {}),
});
const hours = (from: number, to: number) => (to - from) / 3_600_000;

describe('dayStart: the first instant of a local date', () => {
  test.each([
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z', 23], // midnight skipped: starts 01:00
    ['America/Santiago', '2026-09-05', '2026-09-05T04:00:00.000Z', 24],
    ['America/Santiago', '2026-04-04', '2026-04-04T03:00:00.000Z', 25], // 23:00 comes twice
    ['America/Asuncion', '2023-10-01', '2023-10-01T04:00:00.000Z', 23],
    ['America/Asuncion', '2024-10-06', '2024-10-06T04:00:00.000Z', 23],
    ['America/Asuncion', '2025-10-05', '2025-10-05T03:00:00.000Z', 24], // no DST any more
    ['America/Asuncion', '2024-03-23', '2024-03-23T03:00:00.000Z', 25],
    ['America/Havana', '2026-03-08', '2026-03-08T05:00:00.000Z', 23],
    ['America/Havana', '2026-11-01', '2026-11-01T04:00:00.000Z', 25], // midnight repeated: the first one
    ['Asia/Beirut', '2026-03-29', '2026-03-28T22:00:00.000Z', 23],
    ['Europe/Paris', '2026-03-29', '2026-03-28T23:00:00.000Z', 23],
    ['Europe/Paris', '2026-10-25', '2026-10-24T22:00:00.000Z', 25],
    ['Asia/Kolkata', '2026-01-15', '2026-01-14T18:30:00.000Z', 24],
    ['Australia/Lord_Howe', '2026-10-04', '2026-10-03T13:30:00.000Z', 23.5],
    ['Australia/Lord_Howe', '2026-04-05', '2026-04-04T13:00:00.000Z', 24.5],
  ])('%s %s starts at %s and has %s hours', (zone, day, start, length) => {
    inZone(zone);
    const n = dayOfName(day);
    expect(iso(dayStart(n))).toBe(start);
    expect(hours(dayStart(n), dayStart(n + 1))).toBe(length);
    expect(nextMidnight(dayStart(n))).toBe(dayStart(n + 1));
  });

  test.each([
    'America/Santiago',
    'America/Asuncion',
    'America/Havana',
    'Asia/Beirut',
    'Europe/Paris',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
  ])('in %s, every day of 2023 to 2026 starts on its date and the instant before is the day before', (zone) => {
    inZone(zone);
    const wrong: string[] = [];
    for (let n = dayOfName('2023-01-01'); n < dayOfName('2027-01-01'); n += 1) {
      const start = dayStart(n);
      if (dayNumber(start) !== n || dayNumber(start - 1) !== n - 1) wrong.push(localDay(start));
    }
    expect(wrong).toEqual([]);
  });

  test('a date skipped whole (Apia, 2011-12-30) is an empty day', () => {
    inZone('Pacific/Apia');
    const skipped = dayOfName('2011-12-30');
    expect(dayStart(skipped)).toBe(dayStart(skipped + 1));
    expect(hours(dayStart(skipped - 1), dayStart(skipped))).toBe(24);
  });

  test('a date skipped whole is read as itself, and its period is that empty day, named', () => {
    inZone('Pacific/Apia');
    const now = at('2012-01-05T00:00:00Z');
    const skipped = dayOfName('2011-12-30');
    expect(parseDayInput('2011-12-30', now)).toBe(skipped);
    expect(parseDayInput('2011-12-31', now)).toBe(skipped + 1);
    const empty = { from: at('2011-12-30T10:00:00Z'), to: at('2011-12-30T10:00:00Z'), firstDay: skipped, lastDay: skipped };
    expect(periodRange({ day: skipped }, now)).toEqual(empty);
    // Not a range that ends before it starts: --from and --to are compared as dates.
    expect(periodRange({ from: skipped, to: skipped }, now)).toEqual(empty);
    const builder = new ReportBuilder({ by: 'day', range: empty, roundSeconds: null }, now);
    builder.add([makeSession({ started_at: '2011-12-30T20:00:00Z', stopped_at: '2011-12-30T22:00:00Z' })]);
    expect(builder.result()).toMatchObject({
      from: '2011-12-30',
      to: '2011-12-30',
      totalSeconds: 0,
      rows: [{ name: '2011-12-30', seconds: 0 }],
    });
  });
});

describe('periodRange: every boundary is a date’s first instant', () => {
  test.each<[string, string, Typed, WeekStart, string, string]>([
    // A day whose midnight is skipped ends at the next date's midnight, not at 01:00.
    ['America/Santiago', '2026-09-06T15:00:00Z', { day: true }, 1, '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
    ['America/Santiago', '2026-09-10T15:00:00Z', { day: '2026-09-06' }, 1, '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
    ['America/Santiago', '2026-09-06T15:00:00Z', { week: true }, 1, '2026-08-31T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
    ['America/Santiago', '2026-09-08T15:00:00Z', { week: true }, 0, '2026-09-06T04:00:00.000Z', '2026-09-13T03:00:00.000Z'],
    [
      'America/Santiago',
      '2026-09-20T15:00:00Z',
      { from: '2026-09-06', to: '2026-09-06' },
      1,
      '2026-09-06T04:00:00.000Z',
      '2026-09-07T03:00:00.000Z',
    ],
    [
      'America/Santiago',
      '2026-09-20T15:00:00Z',
      { from: '2026-09-01', to: '2026-09-05' },
      1,
      '2026-09-01T04:00:00.000Z',
      '2026-09-06T04:00:00.000Z',
    ],
    ['America/Santiago', '2026-04-04T15:00:00Z', { day: true }, 1, '2026-04-04T03:00:00.000Z', '2026-04-05T04:00:00.000Z'],
    ['America/Asuncion', '2023-10-15T15:00:00Z', { month: true }, 1, '2023-10-01T04:00:00.000Z', '2023-11-01T03:00:00.000Z'],
    ['America/Asuncion', '2024-10-06T15:00:00Z', { day: true }, 1, '2024-10-06T04:00:00.000Z', '2024-10-07T03:00:00.000Z'],
    ['America/Asuncion', '2024-10-09T15:00:00Z', { week: true }, 0, '2024-10-06T04:00:00.000Z', '2024-10-13T03:00:00.000Z'],
    ['America/Havana', '2026-11-01T15:00:00Z', { day: true }, 1, '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    ['America/Havana', '2026-03-08T15:00:00Z', { day: true }, 1, '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ['Asia/Beirut', '2026-03-31T10:00:00Z', { week: true }, 0, '2026-03-28T22:00:00.000Z', '2026-04-04T21:00:00.000Z'],
    ['Europe/Paris', '2026-03-15T10:00:00Z', { month: true }, 1, '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    ['Europe/Paris', '2026-10-25T10:00:00Z', { day: true }, 1, '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
    ['Asia/Kolkata', '2026-01-15T20:00:00Z', { week: true }, 1, '2026-01-11T18:30:00.000Z', '2026-01-18T18:30:00.000Z'],
    ['Australia/Lord_Howe', '2026-10-04T05:00:00Z', { day: true }, 1, '2026-10-03T13:30:00.000Z', '2026-10-04T13:00:00.000Z'],
    ['Australia/Lord_Howe', '2026-04-08T05:00:00Z', { month: true }, 1, '2026-03-31T13:00:00.000Z', '2026-04-30T13:30:00.000Z'],
  ])('%s at %s: %j (week from day %s)', (zone, now, typed, weekStart, from, to) => {
    inZone(zone);
    const range = periodRange(options(typed), at(now), weekStart);
    expect([iso(range?.from), iso(range?.to)]).toEqual([from, to]);
  });

  test('--from alone still runs to now (included: the end is exclusive), in a zone whose midnight is skipped', () => {
    inZone('America/Santiago');
    const now = at('2026-09-06T15:00:00Z');
    expect(periodRange({ from: date('2026-09-06') }, now)).toEqual({
      from: at('2026-09-06T04:00:00Z'),
      to: at('2026-09-06T15:00:00.001Z'),
      firstDay: date('2026-09-06'),
    });
  });

  test('a week crossing a year end and a leap February are counted in dates', () => {
    inZone('Asia/Kolkata');
    const newYear = periodRange({ week: true }, at('2026-12-31T12:00:00Z'));
    expect([iso(newYear?.from), iso(newYear?.to)]).toEqual(['2026-12-27T18:30:00.000Z', '2027-01-03T18:30:00.000Z']);
    const february = periodRange({ month: true }, at('2028-02-10T12:00:00Z'));
    expect([iso(february?.from), iso(february?.to)]).toEqual(['2028-01-31T18:30:00.000Z', '2028-02-29T18:30:00.000Z']);
  });
});

describe('lastPeriod: the last complete day, week or month', () => {
  test.each<[string, string, PeriodKind, WeekStart, string, string]>([
    // 00:30 on the 7th: yesterday is the 23-hour 6th, whole.
    ['America/Santiago', '2026-09-07T03:30:00Z', 'day', 1, '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
    ['America/Santiago', '2026-09-13T15:00:00Z', 'week', 0, '2026-09-06T04:00:00.000Z', '2026-09-13T03:00:00.000Z'],
    ['America/Santiago', '2026-09-07T15:00:00Z', 'week', 1, '2026-08-31T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
    ['America/Asuncion', '2023-11-05T15:00:00Z', 'month', 1, '2023-10-01T04:00:00.000Z', '2023-11-01T03:00:00.000Z'],
    ['America/Havana', '2026-11-02T12:00:00Z', 'day', 1, '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    ['Europe/Paris', '2026-03-31T10:00:00Z', 'month', 1, '2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z'],
    ['Europe/Paris', '2026-01-01T10:00:00Z', 'month', 1, '2025-11-30T23:00:00.000Z', '2025-12-31T23:00:00.000Z'],
    ['Asia/Kolkata', '2026-01-15T20:00:00Z', 'week', 1, '2026-01-04T18:30:00.000Z', '2026-01-11T18:30:00.000Z'],
    ['Australia/Lord_Howe', '2026-10-05T05:00:00Z', 'day', 1, '2026-10-03T13:30:00.000Z', '2026-10-04T13:00:00.000Z'],
  ])('%s at %s: the last %s (week from day %s)', (zone, now, kind, weekStart, from, to) => {
    inZone(zone);
    const range = lastPeriod(kind, at(now), weekStart);
    expect([iso(range.from), iso(range.to)]).toEqual([from, to]);
  });
});

describe('sessions are split at each date’s first instant', () => {
  const session = (started: string, stopped: string) => makeSession({ started_at: started, stopped_at: stopped });
  const byDay = (started: string, stopped: string) => Object.fromEntries(secondsByDay(session(started, stopped), at(stopped)));

  test.each([
    // Santiago: 23:30 on the 5th to 01:30 on the 6th is an hour of wall clock, a clock hour lost.
    ['America/Santiago', '2026-09-06T03:30:00Z', '2026-09-06T04:30:00Z', { '2026-09-05': 1800, '2026-09-06': 1800 }],
    // 00:30 to 01:30 on the 7th belongs to the 7th only.
    ['America/Santiago', '2026-09-07T03:30:00Z', '2026-09-07T04:30:00Z', { '2026-09-07': 3600 }],
    [
      'America/Santiago',
      '2026-09-05T16:00:00Z',
      '2026-09-07T15:00:00Z',
      { '2026-09-05': 12 * 3600, '2026-09-06': 23 * 3600, '2026-09-07': 12 * 3600 },
    ],
    ['America/Asuncion', '2024-10-06T03:30:00Z', '2024-10-06T04:30:00Z', { '2024-10-05': 1800, '2024-10-06': 1800 }],
    // Havana: the two hours from the first midnight of 2026-11-01 are both that day's.
    ['America/Havana', '2026-11-01T03:30:00Z', '2026-11-01T06:00:00Z', { '2026-10-31': 1800, '2026-11-01': 7200 }],
    [
      'Australia/Lord_Howe',
      '2026-10-03T12:00:00Z',
      '2026-10-04T14:00:00Z',
      { '2026-10-03': 5400, '2026-10-04': 23.5 * 3600, '2026-10-05': 3600 },
    ],
    ['Asia/Kolkata', '2026-01-15T18:00:00Z', '2026-01-15T19:00:00Z', { '2026-01-15': 1800, '2026-01-16': 1800 }],
  ])('%s, %s to %s', (zone, started, stopped, expected) => {
    inZone(zone);
    expect(byDay(started, stopped)).toEqual(expected);
  });

  test.each(['America/Santiago', 'America/Havana', 'Asia/Beirut'])(
    'in %s, the cached day of an instant agrees with dayNumber all through 2026',
    (zone) => {
      inZone(zone);
      const cached = makeDayNumber();
      const wrong: string[] = [];
      for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 5 * 60_000) {
        if (cached(ms) !== dayNumber(ms)) wrong.push(new Date(ms).toISOString());
      }
      expect(wrong).toEqual([]);
    },
  );

  test('streak tallies split a completed session the same way', () => {
    inZone('America/Santiago');
    const tally = tallyOf([session('2026-09-05T16:00:00Z', '2026-09-07T15:00:00Z')]);
    const seconds = (day: string) => countsOn(tally, day)[1];
    expect([seconds('2026-09-05'), seconds('2026-09-06'), seconds(dayAfter('2026-09-06'))]).toEqual([12 * 3600, 23 * 3600, 12 * 3600]);
  });
});

describe('localInstantText: a stored instant in a message, as --json writes it (date-fns formatISO)', () => {
  test.each([
    ['Europe/Paris', '2026-01-15T08:00:00Z', '2026-01-15T09:00:00+01:00'],
    ['Europe/Paris', '2026-07-15T08:00:00Z', '2026-07-15T10:00:00+02:00'],
    ['America/New_York', '2026-01-15T03:00:00Z', '2026-01-14T22:00:00-05:00'],
    ['Asia/Kolkata', '2026-01-15T08:00:00Z', '2026-01-15T13:30:00+05:30'],
    ['America/St_Johns', '2026-01-15T08:00:00Z', '2026-01-15T04:30:00-03:30'],
    ['UTC', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z'],
  ])('%s: %s is %s', (zone, instant, expected) => {
    inZone(zone);
    expect(localInstantText(instant)).toBe(expected);
    expect(localInstantText(instant)).toBe(formatISO(new Date(instant)));
  });
});

describe('midnight, where the clocks skip it', () => {
  test.each([
    // The date starts at 01:00 -03: midnight is the start of the day, as the README defines it.
    ['midnight', '2026-09-06T04:00:00.000Z'],
    ['2026-09-06 midnight', '2026-09-06T04:00:00.000Z'],
    ['2026-09-07 midnight', '2026-09-07T03:00:00.000Z'],
  ])('%j in Santiago is the first instant of its date', (input, expected) => {
    inZone('America/Santiago');
    expect(iso(parseTimeInput(input, at(input.startsWith('2026-09-07') ? '2026-09-07T15:00:00Z' : '2026-09-06T15:00:00Z')))).toBe(expected);
  });

  test('00:00 typed as a clock time there is still refused: no such moment', () => {
    inZone('America/Santiago');
    expect(() => parseTimeInput('2026-09-06 00:00', at('2026-09-06T15:00:00Z'))).toThrow(/does not exist in America\/Santiago/);
  });
});

import { describe, expect, test } from 'vitest';
import { dayName } from '../../src/core/days.js';
import { parseDateInput, parseDayInput, parseTimeInput } from '../../src/core/time-input.js';
import { at } from '../helpers/factories.js';

// TZ=Europe/Paris (vitest config): UTC+1 in winter, +2 in summer; the clocks skip 02:00–03:00 on
// 2026-03-29 and go through 02:00–03:00 twice on 2026-10-25. "Now" is Thursday 2026-01-15,
// 22:30 local, late enough that most times of the day are already past.
const now = at('2026-01-15T21:30:00Z');
const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');

describe('accepted times, exactly', () => {
  test.each([
    ['now', '2026-01-15T21:30:00Z'],
    ['22:30', '2026-01-15T21:30:00Z'],
    ['09:15', '2026-01-15T08:15:00Z'],
    ['9:15', '2026-01-15T08:15:00Z'],
    ['0:05', '2026-01-14T23:05:00Z'],
    ['14:29:59', '2026-01-15T13:29:59Z'],
    ['14:29:59.999', '2026-01-15T13:29:59Z'],
    ['  14:30  ', '2026-01-15T13:30:00Z'],
    ['9am', '2026-01-15T08:00:00Z'],
    ['9 AM', '2026-01-15T08:00:00Z'],
    ['9:30pm', '2026-01-15T20:30:00Z'],
    ['12am', '2026-01-14T23:00:00Z'],
    ['12:15am', '2026-01-14T23:15:00Z'],
    ['12pm', '2026-01-15T11:00:00Z'],
    ['noon', '2026-01-15T11:00:00Z'],
    ['midnight', '2026-01-14T23:00:00Z'],
    ['today', '2026-01-14T23:00:00Z'],
    ['TODAY 9am', '2026-01-15T08:00:00Z'],
    ['yesterday', '2026-01-13T23:00:00Z'],
    ['yesterday 17:00', '2026-01-14T16:00:00Z'],
    ['yesterday at 5pm', '2026-01-14T16:00:00Z'],
    ['Yesterday \t at   17:00', '2026-01-14T16:00:00Z'],
    ['yesterday noon', '2026-01-14T11:00:00Z'],
    // Weekdays: the most recent such day, today included; with a time, never a future instant.
    ['thursday', '2026-01-14T23:00:00Z'],
    ['thu 9:00', '2026-01-15T08:00:00Z'],
    ['thursday 23:00', '2026-01-08T22:00:00Z'],
    ['monday', '2026-01-11T23:00:00Z'],
    ['mon 9:00', '2026-01-12T08:00:00Z'],
    ['Monday at 9am', '2026-01-12T08:00:00Z'],
    ['friday', '2026-01-08T23:00:00Z'],
    ['fri 17:30', '2026-01-09T16:30:00Z'],
    ['sun', '2026-01-10T23:00:00Z'],
    ['wednesday', '2026-01-13T23:00:00Z'],
    // `last` is the most recent one before today: the same as the bare name, except on that day.
    ['last thursday', '2026-01-07T23:00:00Z'],
    ['last thu 9:00', '2026-01-08T08:00:00Z'],
    ['last monday', '2026-01-11T23:00:00Z'],
    ['15m ago', '2026-01-15T21:15:00Z'],
    ['2h ago', '2026-01-15T19:30:00Z'],
    ['1h30m ago', '2026-01-15T20:00:00Z'],
    ['1h 30m ago', '2026-01-15T20:00:00Z'],
    ['1.5h ago', '2026-01-15T20:00:00Z'],
    ['90 seconds ago', '2026-01-15T21:28:30Z'],
    ['10 MIN AGO', '2026-01-15T21:20:00Z'],
    ['0s ago', '2026-01-15T21:30:00Z'],
    ['1 day ago', '2026-01-14T21:30:00Z'],
    ['3 days ago', '2026-01-12T21:30:00Z'],
    ['2 weeks ago', '2026-01-01T21:30:00Z'],
    ['1w 2d ago', '2026-01-06T21:30:00Z'],
    ['1d 2h ago', '2026-01-14T19:30:00Z'],
    ['2026-01-10', '2026-01-09T23:00:00Z'],
    ['2026-01-10T08:00:00Z', '2026-01-10T08:00:00Z'],
    ['2026-01-10t08:00:00z', '2026-01-10T08:00:00Z'],
    ['2026-01-10T08:00', '2026-01-10T07:00:00Z'],
    ['2026-01-10 08:00', '2026-01-10T07:00:00Z'],
    ['2026-01-10 8am', '2026-01-10T07:00:00Z'],
    ['2026-01-10 at 8:00', '2026-01-10T07:00:00Z'],
    ['2026-01-10 08:00Z', '2026-01-10T08:00:00Z'],
    ['2026-01-10T08:00:00.123Z', '2026-01-10T08:00:00Z'],
    ['2026-01-10T08:00:00+05:30', '2026-01-10T02:30:00Z'],
    ['2026-01-10T08:00:00-0500', '2026-01-10T13:00:00Z'],
    ['2026-01-10T08:00+14', '2026-01-09T18:00:00Z'],
    ['2026-01-10T08:00-14:00', '2026-01-10T22:00:00Z'],
    ['2024-02-29', '2024-02-28T23:00:00Z'],
    ['2000-02-29T12:00', '2000-02-29T11:00:00Z'],
    ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00Z'],
  ])('%j is %s', (text, expected) => {
    expect(iso(parseTimeInput(text, now))).toBe(expected);
  });
});

describe('refused times: exit 2 naming the input and what is wrong', () => {
  test.each([
    ['2026-02-30T10:00:00Z', "'2026-02-30T10:00:00Z' is not a date: February 2026 has 28 days"],
    ['2026-02-29', 'February 2026 has 28 days'],
    ['2025-04-31 10:00', 'April 2025 has 30 days'],
    ['2026-13-01', 'is not a date: there is no month 13'],
    ['2026-00-10', 'there is no month 0'],
    ['2026-01-00', 'there is no day 0'],
    ['99999-01-01', "'99999-01-01' is not a date: year 99999 is outside 1970–9999"],
    ['1969-12-31', 'year 1969 is outside 1970–9999'],
    // The date typed is 1970, the instant 1969: the instant is what is stored.
    ['1970-01-01T00:00:00+01:00', 'is outside the years 1970–9999 (in UTC, as times are stored)'],
    ['1970-01-01', 'is outside the years 1970–9999'],
    ['0001-01-01', 'year 1 is outside 1970–9999'],
    ['2026-1-5', 'is not a date: write it YYYY-MM-DD'],
    ['20261127', "'20261127' is in the future"],
    ['20260230T1000Z', 'February 2026 has 28 days'],
    ['20260115T100', 'write it THH:MM, THH:MM:SS or THHMMSS'],
    ['20260115T2500Z', 'there is no hour 25'],
    ['2026011', 'write a date as YYYY-MM-DD (or YYYYMMDD)'],
    ['2026-01', 'write it YYYY-MM-DD'],
    ['15/01/2026', "'15/01/2026' is not a time (try"],
    ['yesterday 25:00', "'yesterday 25:00' is not a time: there is no hour 25"],
    ['24:00', 'there is no hour 24'],
    ['14:60', 'there is no minute 60'],
    ['14:30:60', 'there is no second 60'],
    ['14:5', 'minutes take two digits'],
    ['14:30:5', 'seconds take two digits'],
    ['14:30:00.', 'a point with no digits'],
    ['123:00', 'is not a time of day'],
    ['9', '\'9\' is neither a time of day nor a duration (write 9:00 or 9am; for 9 minutes before now, "9m ago")'],
    ['13pm', 'with am or pm the hour is 1–12, not 13'],
    ['0am', 'with am or pm the hour is 1–12, not 0'],
    ['2026-01-10T08:00:00Zjunk', "'2026-01-10T08:00:00Zjunk' has text left over: 'junk'"],
    ['rm -rf / 10:00', "'rm -rf / 10:00' is not a time (try"],
    ['10:00 junk', "has text left over: 'junk'"],
    ['yesterday junk', "has text left over: 'junk'"],
    ['yesterday25:00', "has text left over: '25:00'"],
    ['monday 25:00', 'there is no hour 25'],
    ['yesterday at', "'at' without a time of day"],
    ['today at noonish', 'is not a time of day: write it 14:30, 9:30 or 9am'],
    ['2026-01-10T8:00', 'is not an ISO 8601 time'],
    ['2026-01-10T08', 'is not an ISO 8601 time'],
    ['2026-01-10T08:00 pm', 'has text left over'],
    ['2026-01-10T08:00+15:00', 'has an offset beyond ±14:00'],
    ['2026-01-10T08:00+14:30', 'has an offset beyond ±14:00'],
    ['2026-01-10T08:00+05:60', 'has an offset beyond ±14:00'],
    ['2026-01-10T08:00+5', 'has an offset that is not ±HH:MM, ±HHMM or ±HH'],
    ['2026-01-10T08:00+05:7', 'has an offset that is not'],
    ['whenever', "'whenever' is not a time (try 14:30, 9am"],
    ['next monday', 'is not a time'],
    ['constructor', "'constructor' is not a time"],
    ['__proto__', "'__proto__' is not a time"],
    ['toString 9:00', 'is not a time'],
    ['last', "has 'last' without a weekday"],
    ['last week', "has 'last' without a weekday"],
    ['', "'' is empty: give a time"],
    ['   ', 'is empty'],
    ['25m', "'25m' is a duration, not a time (for that long before now, write '25m ago')"],
    ['25m garbage ago', "has text left over: 'garbage ago'"],
    ['15 ago', "has an unknown unit 'ago'"],
    ['1,5h ago', 'has a decimal comma'],
    ['1.5.3h ago', 'has two decimal points'],
    ['1.5 days ago', 'has a fraction of a day'],
    ['5m3h ago', 'has h after m'],
    ['-15m', 'is not a time'],
    ['99999 days ago', 'is before 1970'],
    ['23:00', "'23:00' is in the future"],
    ['tomorrow', 'is in the future'],
    ['tomorrow 9:00', 'is in the future'],
    ['2026-01-16', 'is in the future'],
    ['2026-01-15T21:30:01Z', 'is in the future'],
  ])('%j', (text, message) => {
    expect(() => parseTimeInput(text, now)).toThrow(
      expect.objectContaining({ code: 'invalid_input', title: 'Invalid time', message: expect.stringContaining(message) }),
    );
  });
});

describe('refused times are told in terms of times: what to write instead, never a unit to add', () => {
  test.each([
    // 17am is refused itself: the 12-hour form of 17:00 is 5pm.
    ['17', '\'17\' is neither a time of day nor a duration (write 17:00 or 5pm; for 17 minutes before now, "17m ago")'],
    ['yesterday 17', "'yesterday 17' is not a time: write 17:00 or 5pm"],
    ['2026-01-10 17', 'is not a time: write 17:00 or 5pm'],
    ['monday 9', 'is not a time: write 9:00 or 9am'],
    ['0', "'0' is neither a time of day nor a duration (write 0:00 or 12am)"],
    ['12', 'write 12:00 or 12pm;'],
    ['09', 'write 09:00 or 9am;'],
    ['45', '\'45\' is neither a time of day nor a duration (there is no hour 45; for 45 minutes before now, "45m ago")'],
    ['yesterday 45', "'yesterday 45' is not a time: there is no hour 45"],
    ['17am', 'with am or pm the hour is 1–12, not 17'],
    ['9.30', "'9.30' is not a time: write 9:30, with a colon"],
    ['9,30', "'9,30' is not a time: write 9:30, with a colon"],
    ['9.30 pm', "'9.30 pm' is not a time: write 9:30pm, with a colon"],
    ['yesterday 9,30', "'yesterday 9,30' is not a time: write 9:30, with a colon"],
    ['2026-01-10 9.30am', 'is not a time: write 9:30am, with a colon'],
    [
      '20260110 10:00',
      "'20260110 10:00' is not a time stint reads: before a time of day, write the date as 2026-01-10 ('2026-01-10 10:00')",
    ],
    ['28.03.2026', "'28.03.2026' is not a date stint reads: write it YYYY-MM-DD (2026-03-28)"],
    ['1.3.2026', 'write it YYYY-MM-DD (2026-03-01)'],
    ['2026032T1700', "'2026032T1700' is not a date: write it YYYY-MM-DD or YYYYMMDD (2026-01-15T10:00, 20260115T1000)"],
    ['1.5', "'1.5' is not a time (try 14:30, 9am"],
    ['1,5', "'1,5' is not a time (try"],
    ['9 30', "'9 30' is not a time (try"],
    ['1.5h', "'1.5h' is a duration, not a time (for that long before now, write '1.5h ago')"],
  ])('%j', (text, message) => {
    let thrown: unknown;
    try {
      parseTimeInput(text, now);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'invalid_input', title: 'Invalid time', message: expect.stringContaining(message) });
    // A duration's advice (a unit to add, a decimal point) misleads where a time was asked for, and
    // so would 17am. What follows the quoted input is the advice.
    const advice = (thrown as Error).message.slice(text.length + 2);
    expect(advice).not.toMatch(/unit|minutes or seconds|decimal|\b(1[3-9]|2\d)am\b/);
  });

  test('the forms suggested are accepted', () => {
    for (const text of ['9:30', '9:30pm', '5pm', '17:00', '12am', '0:00', '2026-01-10 10:00', '2026-01-10']) {
      expect(() => parseTimeInput(text, at('2026-01-15T22:59:00Z'))).not.toThrow();
    }
  });

  test('a duration with ago keeps a duration’s advice: that is what was written', () => {
    expect(() => parseTimeInput('1,5h ago', now)).toThrow(/has a decimal comma: use a point/);
  });
});

describe('days (--day, --from, --to): the same reader, a day to come allowed', () => {
  // A day is read as the local date it names (a day number, here written back as its name).
  test.each([
    ['tomorrow', '2026-01-16'],
    ['tomorrow 9:00', '2026-01-16'],
    ['2026-01-16', '2026-01-16'],
    ['9999-12-31', '9999-12-31'],
    // A day of 1970 is a day of 1970, though its first instant in Paris is one of 1969 in UTC.
    ['1970-01-01', '1970-01-01'],
    ['monday', '2026-01-12'],
    ['3 days ago', '2026-01-12'],
    ['today', '2026-01-15'],
    // 23:30 on the 15th in New York is the 16th in Paris: the day it falls on here.
    ['2026-01-15T23:30-05:00', '2026-01-16'],
  ])('%j is %s', (text, expected) => {
    expect(dayName(parseDayInput(text, now))).toBe(expected);
  });

  test.each([
    ['soon', "'soon' is not a day (try 2026-01-15, yesterday, monday"],
    ['2026-02-30', 'February 2026 has 28 days'],
    ['monday junk', "has text left over: 'junk'"],
    ['1969-12-31', 'year 1969 is outside 1970–9999'],
  ])('refuses %j', (text, message) => {
    expect(() => parseDayInput(text, now)).toThrow(
      expect.objectContaining({ code: 'invalid_input', title: 'Invalid date', message: expect.stringContaining(message) }),
    );
  });
});

test('a day before 1970 or after 9999 named by a word is refused too', () => {
  expect(() => parseDayInput('tomorrow', at('9999-12-31T12:00:00Z'))).toThrow(/'tomorrow' is outside the years 1970–9999/);
  expect(() => parseDayInput('yesterday', at('1970-01-01T12:00:00Z'))).toThrow(/'yesterday' is outside the years 1970–9999/);
});

describe('ISO 8601 alone (STINT_NOW, day names)', () => {
  test.each([
    ['2026-01-15', '2026-01-14T23:00:00Z'],
    ['2026-01-15T10:00:00Z', '2026-01-15T10:00:00Z'],
    ['2026-01-15T14:30:00.750+01:00', '2026-01-15T13:30:00Z'],
    ['2026-01-15T10:00', '2026-01-15T09:00:00Z'],
    // The basic format, as Timewarrior writes its data and `timew export` … does not.
    ['20260115', '2026-01-14T23:00:00Z'],
    ['20260115T100000Z', '2026-01-15T10:00:00Z'],
    ['20260115T1000Z', '2026-01-15T10:00:00Z'],
    ['20260115T100000+0100', '2026-01-15T09:00:00Z'],
    ['20260115T1000', '2026-01-15T09:00:00Z'],
  ])('%j is %s', (text, expected) => {
    expect(iso(parseDateInput(text))).toBe(expected);
    expect(iso(parseTimeInput(text, now))).toBe(expected);
  });

  test.each([
    '2026-02-30',
    'yesterday',
    'now',
    '15/01/2026',
    '2026-1-5',
    '',
    '14:30',
    '2026-01-15T10:00:00Zjunk',
    '+002026-01-15',
    '1970-01-01T00:30+01:00',
  ])('refuses %j', (text) => {
    expect(() => parseDateInput(text)).toThrow(expect.objectContaining({ code: 'invalid_input', title: 'Invalid date' }));
  });
});

describe('DST in Europe/Paris', () => {
  const april = at('2026-04-01T10:00:00Z');
  test.each([
    ['2026-03-29 01:59', '2026-03-29T00:59:00Z'],
    ['2026-03-29 03:00', '2026-03-29T01:00:00Z'],
    ['2026-03-29', '2026-03-28T23:00:00Z'],
    // An explicit offset names one instant, whatever the local clocks did.
    ['2026-03-29T02:30:00+01:00', '2026-03-29T01:30:00Z'],
    // Twice on the clock when it goes back: the earlier one (still summer time).
    ['2026-10-25 02:30', '2026-10-25T00:30:00Z'],
    ['2026-10-25 01:59', '2026-10-24T23:59:00Z'],
    ['2026-10-25 03:00', '2026-10-25T02:00:00Z'],
  ])('%j is %s', (text, expected) => {
    expect(iso(parseTimeInput(text, at('2026-11-01T00:00:00Z')))).toBe(expected);
  });

  test.each([
    ['2026-03-29 02:30', "'2026-03-29 02:30' does not exist in Europe/Paris: the clocks skip 02:30 on 2026-03-29"],
    ['2026-03-29T02:00', 'the clocks skip 02:00 on 2026-03-29'],
  ])('a time the clocks skip is refused: %j', (text, message) => {
    expect(() => parseTimeInput(text, april)).toThrow(expect.objectContaining({ message: expect.stringContaining(message) }));
  });

  test('a weekday at a time skipped later today is the week before, not refused', () => {
    // Sunday 29 March, 01:00 winter time: today's 02:30 is yet to be skipped, so it is in the
    // future; the most recent such moment is 22 March 02:30.
    const beforeGap = at('2026-03-29T00:00:00Z');
    expect(iso(parseTimeInput('sun 02:30', beforeGap))).toBe('2026-03-22T01:30:00Z');
    expect(iso(parseTimeInput('sunday at 02:00', beforeGap))).toBe('2026-03-22T01:00:00Z');
    // Once the gap has passed, today's 02:30 is the one meant, and it does not exist.
    expect(() => parseTimeInput('sun 02:30', at('2026-03-29T02:00:00Z'))).toThrow(
      expect.objectContaining({ message: expect.stringContaining('the clocks skip 02:30 on 2026-03-29') }),
    );
    // A week on, the day chosen is the 29th: refused as that day.
    expect(() => parseTimeInput('last sun 02:30', at('2026-04-05T10:00:00Z'))).toThrow(/the clocks skip 02:30 on 2026-03-29/);
  });

  test('a weekday at a time repeated today is its first copy once that has passed', () => {
    // Sunday 25 October, 02:30 winter time (the second 02:30): 02:45 summer time has been.
    expect(iso(parseTimeInput('sun 02:45', at('2026-10-25T01:30:00Z')))).toBe('2026-10-25T00:45:00Z');
  });

  test('yesterday at a skipped time is refused too', () => {
    expect(() => parseTimeInput('yesterday 02:30', at('2026-03-30T10:00:00Z'))).toThrow(/does not exist in Europe\/Paris/);
  });

  test('days back are calendar days at the same clock time; hours are elapsed time', () => {
    const spring = at('2026-03-29T20:00:00Z'); // 22:00 summer time, the day the clocks went forward
    expect(iso(parseTimeInput('1 day ago', spring))).toBe('2026-03-28T21:00:00Z'); // 22:00 the day before: 23 h
    expect(iso(parseTimeInput('24h ago', spring))).toBe('2026-03-28T20:00:00Z');
    const autumn = at('2026-10-25T20:00:00Z'); // 21:00 winter time, the day the clocks went back
    expect(iso(parseTimeInput('1 day ago', autumn))).toBe('2026-10-24T19:00:00Z'); // 21:00 the day before: 25 h
  });

  test('a day back that lands in the skipped hour moves forward by it', () => {
    // 02:30 on 30 March; 02:30 on the 29th does not exist, so it is 03:30 summer time.
    expect(iso(parseTimeInput('1 day ago', at('2026-03-30T00:30:00Z')))).toBe('2026-03-29T01:30:00Z');
  });
});

import { format } from 'date-fns/format';
import { formatDuration } from 'date-fns/formatDuration';
import { isSameDay } from 'date-fns/isSameDay';
import type { Locale } from 'date-fns/locale';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dayNumber } from '../../src/core/days.js';
import { colorLevel } from '../../src/render/color.js';
import {
  formatClock,
  formatDate,
  formatDateTime,
  formatDay,
  formatInstant,
  formatSpan,
  formatStop,
  formatTime,
  sameLocalDay,
} from '../../src/render/format.js';
import { localIso, sessionDetailJson, sessionJson } from '../../src/render/json.js';
import { at, makeSession } from '../helpers/factories.js';

describe('durations', () => {
  test.each([
    [0, '0s'],
    [42, '42s'],
    [60, '1m'],
    [4500, '1h 15m'],
    [3600, '1h'],
    [3659, '1h'],
    [93_900, '26h 5m'],
  ])('formatSpan(%i) = %s', (seconds, text) => expect(formatSpan(seconds)).toBe(text));

  test.each([
    [0, '0:00:00'],
    [2525, '0:42:05'],
    [43_380, '12:03:00'],
    [-5, '0:00:00'],
  ])('formatClock(%i) = %s', (seconds, text) => expect(formatClock(seconds)).toBe(text));
});

describe('local times (TZ=Europe/Paris)', () => {
  test('JSON times carry the local offset, winter and summer', () => {
    expect(localIso('2026-01-15T13:30:00Z')).toBe('2026-01-15T14:30:00+01:00');
    expect(localIso('2026-07-15T13:30:00Z')).toBe('2026-07-15T15:30:00+02:00');
  });

  test('a stop on the same local day shows only its time, another day as every instant', () => {
    const now = new Date('2026-01-20T12:00:00Z');
    expect(formatStop('2026-01-15T13:00:00Z', '2026-01-15T22:30:00Z', now)).toBe('23:30');
    expect(formatStop('2026-01-15T13:00:00Z', '2026-01-15T23:30:00Z', now)).toBe('Fri 16 Jan 00:30');
  });
});

describe('instants for people (TZ=Europe/Paris)', () => {
  // [instant, now, text]: relative to the local day of now, DST days and year ends included.
  test.each([
    ['2026-11-30T16:29:00Z', '2026-11-30T18:00:00Z', '17:29'],
    ['2026-11-29T16:29:00Z', '2026-11-30T08:00:00Z', 'yesterday 17:29'],
    ['2026-11-16T13:00:00Z', '2026-11-30T08:00:00Z', 'Mon 16 Nov 14:00'],
    ['2025-11-16T13:00:00Z', '2026-01-02T08:00:00Z', 'Sun 16 Nov 2025 14:00'],
    ['2026-12-01T02:00:00Z', '2026-11-30T08:00:00Z', 'tomorrow 03:00'],
    // Midnight: 23:59 and 00:00 local fall on different days.
    ['2026-11-29T22:59:00Z', '2026-11-29T23:00:00Z', 'yesterday 23:59'],
    ['2026-11-29T23:00:00Z', '2026-11-29T23:00:00Z', '00:00'],
    // New Year: yesterday across the year keeps the short form; the day before it gets its year.
    ['2026-12-31T22:30:00Z', '2027-01-01T09:00:00Z', 'yesterday 23:30'],
    ['2026-12-30T22:30:00Z', '2027-01-01T09:00:00Z', 'Wed 30 Dec 2026 23:30'],
    // DST days (Paris: 29 Mar 2026 springs forward at 02:00, 25 Oct falls back at 03:00).
    ['2026-03-29T00:30:00Z', '2026-03-29T12:00:00Z', '01:30'],
    ['2026-03-29T01:30:00Z', '2026-03-29T12:00:00Z', '03:30'],
    ['2026-10-25T00:30:00Z', '2026-10-25T12:00:00Z', '02:30'],
    ['2026-10-25T01:30:00Z', '2026-10-25T12:00:00Z', '02:30'],
    ['2026-03-28T23:30:00Z', '2026-03-30T06:00:00Z', 'yesterday 00:30'],
  ])('formatInstant(%s) at %s = %s', (instant, now, text) => expect(formatInstant(instant, new Date(now))).toBe(text));

  test.each([
    ['2026-11-30T10:00:00Z', 'Today, Mon 30 Nov'],
    ['2026-11-29T10:00:00Z', 'Yesterday, Sun 29 Nov'],
    ['2026-11-16T10:00:00Z', 'Mon 16 Nov'],
    ['2025-11-16T10:00:00Z', 'Sun 16 Nov 2025'],
  ])('formatDay(%s) = %s', (instant, text) => expect(formatDay(instant, new Date('2026-11-30T18:00:00Z'))).toBe(text));

  test.each([
    ['2026-11-30T10:00:00Z', 'today'],
    ['2026-11-29T23:30:00Z', 'today'],
    ['2026-11-29T10:00:00Z', 'yesterday'],
    ['2026-12-01T10:00:00Z', 'Tue 1 Dec'],
    ['2026-11-16T10:00:00Z', 'Mon 16 Nov'],
    ['2025-11-16T10:00:00Z', 'Sun 16 Nov 2025'],
  ])('formatDate(%s) = %s', (instant, text) => expect(formatDate(instant, new Date('2026-11-30T18:00:00Z'))).toBe(text));
});

describe('session JSON view', () => {
  test('has exactly the spec fields, live for a running session', () => {
    const s = makeSession({ id: 1, started_at: '2026-01-15T13:30:00Z', stopped_at: null, status: 'running' });
    expect(sessionJson(s, at('2026-01-15T14:45:00Z'))).toEqual({
      session_id: 1,
      task_name: 'coding',
      started_at: '2026-01-15T14:30:00+01:00',
      stopped_at: null,
      duration_seconds: 4500,
      status: 'running',
      planned_seconds: null,
      paused_seconds: 0,
      tags: [],
      note: null,
    });
  });

  test('show adds the uid and each pause', () => {
    const s = makeSession({
      uid: 'u-1',
      started_at: '2026-01-15T13:00:00Z',
      stopped_at: '2026-01-15T15:00:00Z',
      pauses: [{ started_at: '2026-01-15T13:30:00Z', ended_at: '2026-01-15T13:45:00Z' }],
    });
    const view = sessionDetailJson(s, at('2026-01-16T00:00:00Z'));
    expect(view.uid).toBe('u-1');
    expect(view.duration_seconds).toBe(7200 - 900);
    expect(view.pauses).toEqual([
      { started_at: '2026-01-15T14:30:00+01:00', ended_at: '2026-01-15T14:45:00+01:00', duration_seconds: 900 },
    ]);
  });
});

describe('colour', () => {
  test.each([
    [{}, true, 1],
    [{}, false, 0],
    [{ NO_COLOR: '1' }, true, 0],
    [{ NO_COLOR: '' }, true, 1],
    [{ TERM: 'dumb' }, true, 0],
    [{ FORCE_COLOR: '1' }, false, 1],
    [{ FORCE_COLOR: '0' }, true, 0],
    [{ FORCE_COLOR: '3', NO_COLOR: '1' }, false, 3],
    [{ COLORTERM: 'truecolor' }, true, 3],
    [{ TERM: 'xterm-256color' }, true, 2],
  ])('env %j, tty %s → level %i', (env, isTTY, level) => {
    expect(colorLevel(env, isTTY)).toBe(level);
  });
});

// format.ts writes its patterns itself (startup: date-fns' `format` loaded its whole locale on
// every run); date-fns stays the reference they must match, for any instant and any `now`.
describe('the own patterns match date-fns (TZ=Europe/Paris)', () => {
  const instant = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true });
  const near = fc.tuple(instant, fc.integer({ min: -400 * 86_400_000, max: 400 * 86_400_000 }));

  test('formatInstant, formatDay, formatDate, formatDateTime, formatTime, formatStop', () => {
    fc.assert(
      fc.property(near, ([date, shift]) => {
        const now = new Date(date.getTime() + shift);
        const sameYear = date.getFullYear() === now.getFullYear();
        const days = dayNumber(date.getTime()) - dayNumber(now.getTime());
        const day = format(date, sameYear ? 'EEE d MMM' : 'EEE d MMM yyyy');
        const time = format(date, 'HH:mm');
        const instantText = days === 0 ? time : days === -1 ? `yesterday ${time}` : days === 1 ? `tomorrow ${time}` : `${day} ${time}`;
        expect(formatInstant(date, now)).toBe(instantText);
        expect(formatDay(date, now)).toBe(days === 0 ? `Today, ${day}` : days === -1 ? `Yesterday, ${day}` : day);
        expect(formatDate(date, now)).toBe(days === 0 ? 'today' : days === -1 ? 'yesterday' : day);
        expect(formatDateTime(date.toISOString())).toBe(format(date, 'yyyy-MM-dd HH:mm'));
        expect(formatTime(date.toISOString())).toBe(time);
        expect(sameLocalDay(date, now)).toBe(isSameDay(date, now));
      }),
      { numRuns: 2000 },
    );
  });

  test('formatSpan matches date-fns formatDuration with the terse units', () => {
    const unit: Record<string, string> = { xHours: 'h', xMinutes: 'm' };
    const terse = { formatDistance: (token: string, count: number) => `${count}${unit[token] ?? ''}` } as unknown as Locale;
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 10_000_000 }), (seconds) => {
        const duration = { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60) };
        expect(formatSpan(seconds)).toBe(formatDuration(duration, { format: ['hours', 'minutes'], locale: terse, delimiter: ' ' }));
      }),
    );
  });
});

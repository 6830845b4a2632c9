import { describe, expect, test } from 'vitest';
import { dayNumber, dayOfName as D } from '../../src/core/days.js';
import { overlaps, periodRange, type Range } from '../../src/core/period.js';
import { at, makeSession } from '../helpers/factories.js';

// TZ=Europe/Paris (vitest config): local midnight is 23:00Z in winter.
const now = at('2026-01-15T13:30:00Z'); // Thursday

describe('periodRange', () => {
  test('none given → undefined', () => expect(periodRange({}, now)).toBeUndefined());

  test.each([
    [{ day: true as const }, '2026-01-14T23:00:00.000Z', '2026-01-15T23:00:00.000Z'],
    [{ day: D('2026-01-10') }, '2026-01-09T23:00:00.000Z', '2026-01-10T23:00:00.000Z'],
    [{ week: true }, '2026-01-11T23:00:00.000Z', '2026-01-18T23:00:00.000Z'],
    [{ month: true }, '2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
    [{ from: D('2026-01-09'), to: D('2026-01-10') }, '2026-01-08T23:00:00.000Z', '2026-01-10T23:00:00.000Z'],
  ])('%j', (options, from, to) => {
    const range = periodRange(options, now);
    expect([range?.from?.toISOString(), range?.to?.toISOString()]).toEqual([from, to]);
  });

  test('--from alone runs to now, now included (the range end is exclusive); --to alone from the beginning', () => {
    expect(periodRange({ from: D('2026-01-09') }, now)?.to).toEqual(new Date(now.getTime() + 1));
    expect(periodRange({ to: D('2026-01-09') }, now)?.from).toBeNull();
  });

  test('--from today holds what started at this very instant, and is a range even at midnight', () => {
    const started = makeSession({ started_at: '2026-01-15T13:30:00Z', stopped_at: null, status: 'running' });
    const stopped = makeSession({ started_at: '2026-01-15T13:30:00Z', stopped_at: '2026-01-15T13:30:00Z' });
    const range = periodRange({ from: dayNumber(now.getTime()) }, now) as Range;
    expect([overlaps(started, range, now), overlaps(stopped, range, now)]).toEqual([true, true]);
    const midnight = at('2026-01-14T23:00:00Z');
    expect(periodRange({ from: dayNumber(midnight.getTime()) }, midnight)?.from).toEqual(midnight);
  });

  test('a week can start on Sunday', () => {
    expect(periodRange({ week: true }, now, 0)?.from?.toISOString()).toBe('2026-01-10T23:00:00.000Z');
  });

  test('refuses two periods and a reversed range', () => {
    expect(() => periodRange({ week: true, month: true }, now)).toThrow(/Choose one/);
    expect(() => periodRange({ from: D('2026-01-12'), to: D('2026-01-10') }, now)).toThrow(/must not be after/);
  });
});

describe('overlaps', () => {
  const range = { from: at('2026-01-14T23:00:00Z'), to: at('2026-01-15T23:00:00Z') };
  test.each([
    ['inside', '2026-01-15T08:00:00Z', '2026-01-15T09:00:00Z', true],
    ['crossing in at midnight', '2026-01-14T22:00:00Z', '2026-01-15T00:00:00Z', true],
    ['ending exactly at the start', '2026-01-14T22:00:00Z', '2026-01-14T23:00:00Z', false],
    ['starting exactly at the end', '2026-01-15T23:00:00Z', '2026-01-16T00:00:00Z', false],
    ['zero length inside', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z', true],
    ['before', '2026-01-13T08:00:00Z', '2026-01-13T09:00:00Z', false],
  ])('%s', (_name, started, stopped, expected) => {
    expect(overlaps(makeSession({ started_at: started, stopped_at: stopped }), range, now)).toBe(expected);
  });

  test('a running session counts up to now', () => {
    const running = makeSession({ started_at: '2026-01-14T20:00:00Z', stopped_at: null, status: 'running' });
    expect(overlaps(running, range, now)).toBe(true);
  });
});

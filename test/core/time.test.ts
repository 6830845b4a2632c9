import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { instantMillis, secondsBetween } from '../../src/core/time.js';

const two = (n: number) => String(n).padStart(2, '0');

describe('instantMillis is Date.parse', () => {
  test.each([
    '2026-01-15T13:30:00Z',
    '2026-02-31T10:00:00Z',
    '2024-02-29T23:59:59Z',
    '2026-01-15T24:00:00Z',
    '2026-01-15T24:01:00Z',
    '2026-00-15T10:00:00Z',
    '2026-13-15T10:00:00Z',
    '2026-01-00T10:00:00Z',
    '2026-01-32T10:00:00Z',
    '2026-01-15T10:60:00Z',
    '2026-01-15T10:00:60Z',
    '0099-01-01T00:00:00Z',
    '0100-01-01T00:00:00Z',
    '2026-01-15T13:30:00.5Z',
    '2026-01-15T13:30:00+01:00',
    '2026-01-15 13:30:00Z',
    '2026-01-1xT13:30:00Z',
    '2026-01-15',
    '',
  ])('for %j', (text) => {
    expect(instantMillis(text)).toBe(Date.parse(text));
  });

  test('for any digits in the stored form, in range or not', () => {
    const field = (max: number) => fc.integer({ min: 0, max });
    fc.assert(
      fc.property(field(9999), field(99), field(99), field(99), field(99), field(99), (y, mo, d, h, mi, s) => {
        const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}Z`;
        expect(instantMillis(text)).toBe(Date.parse(text));
      }),
      { numRuns: 5000 },
    );
  });

  test('for instants of the years stint keeps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (seconds) => {
        const text = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
        expect(instantMillis(text)).toBe(Date.parse(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('secondsBetween', () => {
  const stored = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const byDateParse = (a: string, b: string) => Math.floor((Date.parse(b) - Date.parse(a)) / 1000);

  // Same-day stored instants take a shortcut (clock digits); it must agree with Date.parse, and
  // everything else (another day, another form) goes through Date.parse itself.
  test('is whole seconds by Date.parse, for stored instants on the same day or not, in either order', () => {
    const second = fc.integer({ min: Date.UTC(1970, 0, 1) / 1000, max: Date.UTC(9999, 11, 31, 23, 59, 59) / 1000 });
    const span = fc.oneof(fc.integer({ min: -86_400, max: 86_400 }), fc.integer({ min: -400 * 86_400, max: 400 * 86_400 }));
    fc.assert(
      fc.property(second, span, (start, length) => {
        const a = stored(start * 1000);
        const b = stored(Math.min(Math.max(start + length, 0), Date.UTC(9999, 11, 31, 23, 59, 59) / 1000) * 1000);
        expect(secondsBetween(a, b)).toBe(byDateParse(a, b));
      }),
    );
  });

  test.each([
    ['2026-01-15T13:30:00Z', '2026-01-15T15:45:30Z', 8130],
    ['2026-01-15T23:59:59Z', '2026-01-15T00:00:00Z', -86_399],
    ['2026-01-15T23:00:00Z', '2026-01-16T01:00:00Z', 7200],
    ['2026-01-15T13:30:00.500Z', '2026-01-15T13:30:02Z', 1],
    ['2026-01-15T14:30:00+01:00', '2026-01-15T13:30:10Z', 10],
  ])('%s to %s: %i', (a, b, seconds) => {
    expect(secondsBetween(a, b)).toBe(seconds);
    expect(secondsBetween(a, b)).toBe(byDateParse(a, b));
  });
});

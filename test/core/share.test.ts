import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { flooredShare } from '../../src/core/share.js';

describe('flooredShare', () => {
  test.each([
    [29, 100, 100, 29], // 29 / 100 × 100 is 28.999… in floats
    [87 * 60, 300 * 60, 100, 29], // 87 of 300 minutes
    [29 * 3600, 100 * 3600, 100, 29],
    [57, 100, 100, 57],
    [4, 7, 100, 57],
    [7, 20, 20, 7],
    [0, 5, 100, 0],
    [5, 5, 100, 100],
    [15, 10, 100, 150],
    [3, 0, 100, 0],
  ])('%i of %i in %i parts is %i', (part, whole, scale, expected) => {
    expect(flooredShare(part, whole, scale)).toBe(expected);
  });

  test('is the exact floor of part × scale ÷ whole for any whole numbers', () => {
    const scales = fc.constantFrom(20, 100);
    const any = fc
      .tuple(scales, fc.integer({ min: 1, max: 10_000_000_000 }))
      .chain(([scale, whole]) =>
        fc.record({ part: fc.integer({ min: 0, max: whole }), whole: fc.constant(whole), scale: fc.constant(scale) }),
      );
    // The hard cases: part ÷ whole exactly a whole number of parts (29 of 100), or one less.
    const onTheLine = fc
      .tuple(scales, fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 0, max: 100 }), fc.boolean())
      .map(([scale, times, parts, less]) => {
        const part = Math.min(parts, scale) * times;
        return { part: Math.max(0, part - (less ? 1 : 0)), whole: scale * times, scale };
      });
    fc.assert(
      fc.property(fc.oneof(any, onTheLine), ({ part, whole, scale }) => {
        // BigInt division truncates, which for non-negative numbers is the floor.
        const exact = Number((BigInt(part) * BigInt(scale)) / BigInt(whole));
        expect(flooredShare(part, whole, scale)).toBe(exact);
      }),
      { numRuns: 2000 },
    );
  });

  test('every part of every whole up to 300, against BigInt', () => {
    const wrong: string[] = [];
    for (let whole = 1; whole <= 300; whole += 1) {
      for (let part = 0; part <= whole; part += 1) {
        if (flooredShare(part, whole, 100) !== Number((BigInt(part) * 100n) / BigInt(whole))) wrong.push(`${part}/${whole}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

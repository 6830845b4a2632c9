import { describe, expect, test } from 'vitest';
import { FOCUS_BOUNDS, formatBound, parseDurationInput } from '../../src/core/duration-input.js';

// FOCUS_BOUNDS: 60 s to 24 h (--for; --round and daily_goal have the same bounds).

describe('accepted durations, in whole seconds', () => {
  test.each([
    ['25m', 1500],
    ['45m', 2700],
    ['60m', 3600],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['1H30M', 5400],
    ['  25m  ', 1500],
    ['25 m', 1500],
    ['25 min', 1500],
    ['25 mins', 1500],
    ['25 minutes', 1500],
    ['1 minute', 60],
    ['90s', 90],
    ['90 sec', 90],
    ['90 secs', 90],
    ['90 seconds', 90],
    ['60s', 60],
    ['1h', 3600],
    ['1 hr', 3600],
    ['2hrs', 7200],
    ['2 hours', 7200],
    ['1 hour 30 minutes', 5400],
    ['1hour30minutes', 5400],
    ['1h 0m 30s', 3630],
    ['1h 60m', 7200],
    ['01h', 3600],
    ['1.5h', 5400],
    ['0.25h', 900],
    ['1h0.5m', 3630],
    ['1.2345m', 74],
    ['0.0167h', 60],
    ['24h', 86_400],
    ['1d', 86_400],
    ['1 day', 86_400],
    ['0.5d', 43_200],
  ])('%j = %i s', (text, seconds) => {
    expect(parseDurationInput(text, FOCUS_BOUNDS)).toBe(seconds);
  });

  test('days and weeks where the bounds allow them', () => {
    const week = { minSeconds: 60, maxSeconds: 7 * 86_400 };
    expect(parseDurationInput('2d', week)).toBe(172_800);
    expect(parseDurationInput('1w', week)).toBe(604_800);
    expect(parseDurationInput('1 week', week)).toBe(604_800);
    expect(parseDurationInput('6 days 23h', week)).toBe(601_200);
  });
});

describe('refused durations: exit 2 naming the input and what is wrong', () => {
  test.each([
    ['', "'' is empty: give a duration such as 25m"],
    ['   ', 'is empty'],
    ['25', "'25' has no unit after 25: minutes or seconds? (write 25m or 25s)"],
    ['1h 30', 'has no unit after 30'],
    ['1,5h', "'1,5h' has a decimal comma: use a point (1.5h, not 1,5h)"],
    ['1.5.3h', "'1.5.3h' has two decimal points in one number"],
    ['1.h', 'has a point with no digits after it'],
    ['.5h', "'.5h' is not a duration (try 25m, 1h30m, 90s or 1.5h)"],
    ['25m garbage', "'25m garbage' has text left over: 'garbage'"],
    ['25m,', "has text left over: ','"],
    ['25m ago', "has text left over: 'ago'"],
    ['5m3h', "'5m3h' has h after m: write the largest unit first"],
    ['30s 1m', 'has m after s'],
    ['1h1h', "'1h1h' repeats the unit h: give each unit once"],
    ['1h 1hour', 'repeats the unit h'],
    ['1.5h30m', "'1.5h30m' has a fraction in 1.5h: only the last part may have one"],
    ['-5m', "'-5m' is negative"],
    ['+5m', 'is not a duration'],
    ['5x', "'5x' has an unknown unit 'x' (use s, m, h, d or w, or their names)"],
    ['5 parsecs', "has an unknown unit 'parsecs'"],
    ['5ms', "has an unknown unit 'ms'"],
    ['soon', "'soon' is not a duration"],
    ['0m', "'0m' is out of range 60 s–24 h"],
    ['0s', 'is out of range 60 s–24 h'],
    ['59s', "'59s' is out of range 60 s–24 h"],
    ['0.98m', 'is out of range'],
    ['24h1s', 'is out of range 60 s–24 h'],
    ['2d', 'is out of range 60 s–24 h'],
    ['1w', 'is out of range'],
    [`${'9'.repeat(400)}h`, 'is out of range'],
  ])('%j', (text, message) => {
    expect(() => parseDurationInput(text, FOCUS_BOUNDS)).toThrow(
      expect.objectContaining({ code: 'invalid_input', title: 'Invalid duration', message: expect.stringContaining(message) }),
    );
  });
});

test.each([
  [60, '60 s'],
  [90, '90 s'],
  [300, '5 m'],
  [5400, '90 m'],
  [86_400, '24 h'],
  [172_800, '2 d'],
  [604_800, '7 d'],
])('a bound of %i s is written %j', (seconds, text) => {
  expect(formatBound(seconds)).toBe(text);
});

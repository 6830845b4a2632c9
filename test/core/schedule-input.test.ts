import { describe, expect, test } from 'vitest';
import type { StintError } from '../../src/core/errors.js';
import { readSchedule } from '../../src/core/schedule-input.js';

/** The refusal of `raw`: its code, title and message. */
function refusal(raw: string): { code: string; title: string; message: string } {
  try {
    readSchedule(raw);
  } catch (error) {
    const { code, title, message } = error as StintError;
    return { code, title, message };
  }
  throw new Error(`${JSON.stringify(raw)} was accepted`);
}

describe('readSchedule', () => {
  // cron-parser reads only lower-case shorthands and has no @midnight: each is stored as it reads.
  test.each([
    ['@daily', '@daily'],
    ['@Daily', '@daily'],
    ['@HOURLY', '@hourly'],
    ['@Weekly', '@weekly'],
    ['@MONTHLY', '@monthly'],
    ['@yearly', '@yearly'],
    ['@Annually', '@yearly'],
    ['@midnight', '@daily'],
    ['@MIDNIGHT', '@daily'],
    ['  @daily ', '@daily'],
  ])('%j is stored as %j', (raw, stored) => {
    expect(readSchedule(raw)).toBe(stored);
  });

  // Stored with one space between fields: a tab kept as typed broke the columns of `jobs list`.
  test.each([
    ['0\t0 * * *', '0 0 * * *'],
    [' 0  0   *\t* 1-5 ', '0 0 * * 1-5'],
    ['30 6 * * MON', '30 6 * * MON'],
  ])('%j is stored as %j', (raw, stored) => {
    expect(readSchedule(raw)).toBe(stored);
  });

  // Each refusal names the expression and says what is wrong in our words, never the library's
  // ("Validation error, cannot resolve alias", "Constraint error, got value 61 expected range 0-59").
  test.each([
    [
      'bogus',
      /^'bogus' is not a cron expression: give five fields \(minute hour day month weekday\) or @hourly, @daily, @weekly, @monthly, @yearly$/,
    ],
    ['@reboot', /^'@reboot' is not a cron expression: give five fields/],
    ['@dailyy', /^'@dailyy' is not a cron expression: give five fields/],
    ['61 * * * *', /^'61 \* \* \* \*' is not a cron expression: the minute field '61' is not valid \(it takes 0-59, /],
    ['0 24 * * *', /^'0 24 \* \* \*' is not a cron expression: the hour field '24' is not valid/],
    ['0 0 32 * *', /the day of month field '32' is not valid/],
    ['0 0 1 13 *', /the month field '13' is not valid/],
    ['0 0 1 JAN-XYZ *', /the month field 'JAN-XYZ' is not valid/],
    ['0 0 * * 8', /the day of week field '8' is not valid/],
    ['0 0 * * L', /the day of week field 'L' is not valid/],
    ['0 0 * * 5#6', /the day of week field '5#6' is not valid/],
    ['a b c d e', /the minute field 'a' is not valid/],
    ['*/0 * * * *', /the minute field '\*\/0' is not valid/],
    ['5-1 * * * *', /the minute field '5-1' is not valid/],
    ['0 0 31 2 *', /^'0 0 31 2 \*' is not a cron expression: no date matches it: day 31 never comes in month 2$/],
    [`${'1,'.repeat(600)}1 * * * *`, /is not a cron expression: it is longer than 1024 characters$/],
  ])('%j is refused (exit 2) in one line of our own', (raw, message) => {
    const { code, title, message: text } = refusal(raw);
    expect([code, title]).toEqual(['invalid_input', 'Invalid schedule']);
    expect(text).toMatch(message);
    expect(text).not.toMatch(/Validation error|Constraint error|Invalid (characters|range|step|explicit|repeat|cron)|alias|CronDate/);
    expect(text).not.toContain('\n');
  });

  test('a long expression is quoted cut, on one line', () => {
    const { message } = refusal(`${'x'.repeat(200)} * * * *`);
    expect(message).toMatch(/^'x{60}…' is not a cron expression: the minute field/);
  });
});

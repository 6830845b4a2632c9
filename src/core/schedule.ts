import { CronExpressionParser } from 'cron-parser';
import { invalidInput } from './errors.js';

// Cron expressions are read by cron-parser (Vixie semantics: a restricted day-of-month and
// day-of-week are ORed), in the local time zone. Only the standard five fields and the
// @-shorthands are accepted: cron-parser would also take a sixth (seconds) field, which a
// crontab user would not expect. Nor is its `H`: a value drawn at random on every parse, so a
// job's next run would move each time it is read (an hourly job ran 2-4 times an hour). The rest
// of its syntax is kept, being deterministic and documented there: `?` (same as `*`), `L` (the
// last day of the month, or `5L` the last Friday) and `#` (`1#2`, the second Monday).

const SHORTHANDS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** Checks a schedule; returns it trimmed. Exit 2 with the parser's reason when it is not one. */
export function validateSchedule(raw: string): string {
  const expression = raw.trim();
  const fields = expression.split(/\s+/);
  const shorthand = SHORTHANDS.includes(expression.toLowerCase());
  if (!shorthand && fields.length !== 5) {
    throw invalidInput(
      'Invalid schedule',
      `'${raw}' is not a cron expression: give five fields (minute hour day month weekday) or @hourly, @daily, @weekly, @monthly, @yearly`,
    );
  }
  // Month and weekday names taken out first, as cron-parser does: the H of THU is no hash.
  if (!shorthand && fields.some((field) => field.replace(/[a-z]{3}/gi, '').includes('H'))) {
    throw invalidInput(
      'Invalid schedule',
      `'${raw}' is not a cron expression: H (a random value) is not supported; give the number itself, e.g. 17 for the minute`,
    );
  }
  try {
    CronExpressionParser.parse(expression);
  } catch (error) {
    throw invalidInput('Invalid schedule', `'${raw}' is not a cron expression: ${(error as Error).message}`);
  }
  return expression;
}

/** The first slot strictly after `after`. */
export function nextSlot(schedule: string, after: Date): Date {
  // Seeded by the schedule itself: a job stored with H before it was refused still gets the same slot at every read.
  return CronExpressionParser.parse(schedule, { currentDate: after, hashSeed: schedule }).next().toDate();
}

/**
 * Whether a job is due: a slot has come since `since` (its last run, or its creation) and by
 * `now`. However many slots were missed, that is one run: catching up once.
 */
export function isDue(schedule: string, since: Date, now: Date): boolean {
  return nextSlot(schedule, since).getTime() <= now.getTime();
}

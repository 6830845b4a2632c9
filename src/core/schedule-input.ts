import { CronExpressionParser } from 'cron-parser';
import { invalidInput, type StintError } from './errors.js';
import { SCHEDULE_SHORTHANDS } from './jobs.js';

// A schedule as typed (`jobs add/edit --cron`, the API's `schedule`) or as read from jobs.json,
// checked and brought to the one form stored: read by cron-parser (Vixie semantics, see
// schedule.ts), but every refusal in our words, naming the expression: the library's own
// ("cannot resolve alias "dai"") names neither what was typed nor what to type instead.

/**
 * The shorthands, in any case, and the form each is stored in. cron-parser reads only the
 * lower-case names and has no @midnight: @midnight and @annually are stored as what they mean.
 */
const SHORTHANDS: Readonly<Record<string, string>> = {
  '@hourly': '@hourly',
  '@daily': '@daily',
  '@midnight': '@daily',
  '@weekly': '@weekly',
  '@monthly': '@monthly',
  '@yearly': '@yearly',
  '@annually': '@yearly',
};

/** The five fields, in order, with what each takes (for the message when one is not valid). */
const FIELDS = [
  ['minute', '0-59'],
  ['hour', '0-23'],
  ['day of month', '1-31 or L'],
  ['month', '1-12 or JAN-DEC'],
  ['day of week', '0-7 or SUN-SAT, 5L, 1#2'],
] as const;

const MAX_LENGTH = 1024;

/** What was typed, cut to one short quote: a pasted page is one line of error. */
const quoted = (raw: string) => {
  const text = raw.trim();
  return `'${text.length > 60 ? `${text.slice(0, 60)}…` : text}'`;
};

const refuse = (raw: string, why: string): StintError =>
  invalidInput('Invalid schedule', `${quoted(raw)} is not a cron expression: ${why}`);

function parses(expression: string): boolean {
  try {
    CronExpressionParser.parse(expression);
    return true;
  } catch {
    return false;
  }
}

/**
 * A schedule checked and in its stored form: five fields one space apart, or a shorthand in
 * lower case. Exit 2 (Invalid schedule) naming the expression when it is not one. cron-parser's
 * `H` (a value drawn at random, so a job's next run would move at every read) is refused, but in
 * jobs.json (`stored`): an older stint stored it, and nextSlot seeds it by the schedule.
 */
export function readSchedule(raw: string, stored = false): string {
  const trimmed = raw.trim();
  const shorthand = SHORTHANDS[trimmed.toLowerCase()];
  if (shorthand !== undefined) return shorthand;
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) {
    throw refuse(raw, `give five fields (minute hour day month weekday) or ${SCHEDULE_SHORTHANDS.join(', ')}`);
  }
  // Month and weekday names taken out first, as cron-parser does: the H of THU is no hash.
  if (!stored && fields.some((field) => field.replace(/[a-z]{3}/gi, '').includes('H'))) {
    throw refuse(raw, 'H (a random value) is not supported; give the number itself, e.g. 17 for the minute');
  }
  // One space between fields, however they were typed: a tab stored as typed broke the
  // columns of `jobs list`, and two spellings of one schedule would read as two.
  const expression = fields.join(' ');
  // cron-parser's own limit, which no field alone would reach.
  if (expression.length > MAX_LENGTH) throw refuse(raw, `it is longer than ${MAX_LENGTH} characters`);
  if (parses(expression)) return expression;
  // Which field: each tried alone, the others left open.
  for (const [index, [name, takes]] of FIELDS.entries()) {
    const alone = FIELDS.map((_, i) => (i === index ? fields[i] : '*')).join(' ');
    if (!parses(alone)) throw refuse(raw, `the ${name} field '${fields[index]}' is not valid (it takes ${takes}, lists, ranges and steps)`);
  }
  // Every field valid alone: the days of the month never come in the months named (31 in February).
  throw refuse(raw, `no date matches it: day ${fields[2]} never comes in month ${fields[3]}`);
}

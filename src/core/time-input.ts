import { DAY_MS, dayNumber, dayStart, weekdayNamed } from './days.js';
import { readDurationParts, type Fail } from './duration-input.js';
import { invalidInput } from './errors.js';
import { isDigit, Scanner } from './input-scanner.js';
import { clockAhead, localInstant, readOffset, utcInstant, validDay, wallInstant, type Clock } from './wall-clock.js';
import { agoAhead, dottedDate, hourForms, isWholeDuration, pointedMinutes } from './time-hints.js';
import { isWithinYears, toStoredInstant, truncateToSecond, YEARS } from './time.js';

// The one reader of the times users type, a hand-written grammar read left to right (the
// README's "Time input" is its user-facing description). The whole text must be understood:
// an impossible field, a word it does not know or text left over is refused, naming the input.

const TIME_EXAMPLES = '14:30, 9am, "yesterday 17:00", "15m ago", monday or 2026-01-15T10:00';
const DAY_EXAMPLES = '2026-01-15, yesterday, monday or "3 days ago"';
// A Map, not an object: `constructor` or `__proto__` typed as a time must not find Object's.
const DAY_WORDS = new Map([
  ['today', 0],
  ['yesterday', -1],
  ['tomorrow', 1],
]);

/**
 * A time for `--at`, `--start`, `--stop`, `add --from/--to`: relative to `now`, whole seconds.
 * A time after `now` is refused: nothing can be tracked in the future.
 */
export function parseTimeInput(text: string, now: Date): Date {
  const fail = failWith('Invalid time', text);
  const at = withinYears(truncateToSecond(instantOf(readWhole(text, now, fail, { noun: 'a time', examples: TIME_EXAMPLES }))), fail);
  if (at.getTime() > now.getTime()) throw invalidInput('Invalid time', `'${text}' is in the future`);
  return at;
}

/**
 * A day for `--day`, and the period's `--from`/`--to`, as a day number (days.ts): read like a
 * time, a date named (`2026-01-15`, `yesterday`, `monday`) is that date, and an instant
 * (`3 days ago`) the local day it falls on. A date the clocks skip whole (Pacific/Apia,
 * 2011-12-30) is still itself, an empty day: its first instant is the next date's. A day to come
 * is allowed: a range may end in the future.
 */
export function parseDayInput(text: string, now: Date): number {
  const fail = failWith('Invalid date', text);
  const read = readWhole(text, now, fail, { noun: 'a day', examples: DAY_EXAMPLES });
  return withinLocalYears(typeof read === 'number' ? read : dayNumber(read.getTime()), fail);
}

/**
 * ISO 8601 alone, as `STINT_NOW` and stored day names are written: `2026-01-15` (the start of
 * that local day) or a date and time, with an offset or in local time. No words: there is no
 * "now" to be relative to.
 */
export function parseDateInput(text: string, title = 'Invalid date'): Date {
  const fail = failWith(title, text);
  const s = new Scanner(text);
  if (!isDigit(s.peek())) fail('is not a date (YYYY-MM-DD) or an ISO 8601 time');
  const at = instantOf(readDated(s, fail));
  if (!s.done()) fail(`has text left over: '${s.rest()}'`);
  return withinYears(truncateToSecond(at), fail);
}

/**
 * What a reader found: an instant, or a local date named without a time of day, as its day
 * number, which a date skipped whole needs (its first instant is the next date's).
 */
type Reading = Date | number;

/** A date named alone stands for its first instant. */
const instantOf = (read: Reading): Date => (typeof read === 'number' ? new Date(dayStart(read)) : read);

/**
 * The instant itself must fall in YEARS, not only the date typed: `1970-01-01T00:00+01:00` is a
 * moment of 1969, which stored sessions may not hold.
 */
function withinYears(at: Date, fail: Fail): Date {
  if (!isWithinYears(toStoredInstant(at))) fail(`is outside the years ${YEARS.first}–${YEARS.last} (in UTC, as times are stored)`);
  return at;
}

/** A day names a local date, never stored: its year is the local one (`--from 1970-01-01` east of UTC). */
function withinLocalYears(day: number, fail: Fail): number {
  // A day number's UTC fields are its calendar date (days.ts).
  const year = new Date(day * DAY_MS).getUTCFullYear();
  if (year < YEARS.first || year > YEARS.last) fail(`is outside the years ${YEARS.first}–${YEARS.last}`);
  return day;
}

function failWith(title: string, text: string): Fail {
  return (why) => {
    throw invalidInput(title, `'${text}' ${why}`);
  };
}

/** What an option reads, for the messages: `'soon' is not a day (try …)`. */
interface Expected {
  noun: string;
  examples: string;
}

function readWhole(text: string, now: Date, fail: Fail, expected: Expected): Reading {
  const s = new Scanner(text);
  if (s.done()) fail(`is empty: give ${expected.noun} such as ${expected.examples}`);
  const read = readTime(s, now, fail, `is not ${expected.noun} (try ${expected.examples})`);
  if (!s.done()) fail(`has text left over: '${s.rest()}'`);
  return read;
}

function readTime(s: Scanner, now: Date, fail: Fail, unknown: string): Reading {
  if (isDigit(s.peek())) return readNumeric(s, now, fail, unknown);
  const start = s.pos;
  const word = s.word();
  if (word === 'now') return now;
  const shift = DAY_WORDS.get(word);
  if (shift !== undefined) return onDay(s, dayNumber(now.getTime()) + shift, fail);
  if (word === 'last') {
    const weekday = s.eat(' ') ? weekdayNamed(s.word()) : -1;
    if (weekday < 0) fail("has 'last' without a weekday after it (last monday, last fri …)");
    return onWeekday(s, now, weekday, true, fail);
  }
  const weekday = weekdayNamed(word);
  if (weekday >= 0) return onWeekday(s, now, weekday, false, fail);
  if (word === 'noon' || word === 'midnight') {
    s.pos = start;
    return localInstant(dayNumber(now.getTime()), readClock(s, fail, false), fail);
  }
  return fail(unknown);
}

/** Starts with a digit: a date (`2026-…`), a time of day today (`14:30`, `9am`), or `15m ago`. */
function readNumeric(s: Scanner, now: Date, fail: Fail, unknown: string): Reading {
  const next = s.lookAhead(() => {
    const run = s.digits();
    const after = s.peek();
    // ISO 8601's basic format, as Timewarrior writes it: 20260115, 20260115T093000Z; digits
    // before a T are a date too, refused as one if they are not eight.
    if ((run.length === 8 && after === '') || (run.length > 2 && after === 't')) return '-';
    if (run.length === 8 && after === ' ') return 'basic date, then more';
    if (after === '' || after === '-' || after === ':') return after;
    // 9.30, 9,30pm: a time of day with a point or a comma, which readClock refuses naming 9:30.
    if (run.length <= 2 && pointedMinutes(s) && s.done()) return ':';
    s.eat(' ');
    if (s.keyword('am', 'pm')) return ':';
    // A number, a fraction or a unit: the start of a duration.
    return after === ' ' || after === '.' || after === ',' || (after >= 'a' && after <= 'z') ? 'duration' : 'unknown';
  });
  if (next === '-') return readDated(s, fail);
  if (next === ':') return localInstant(dayNumber(now.getTime()), readClock(s, fail, false), fail);
  if (next === '') {
    const n = s.text;
    if (n.length > 2) fail('is not a time: write a date as YYYY-MM-DD (or YYYYMMDD) and a time of day as 14:30');
    const forms = hourForms(n);
    const ago = Number(n) === 0 ? '' : `; for ${n} minutes before now, "${n}m ago"`;
    fail(`is neither a time of day nor a duration (${forms ? `write ${forms}` : `there is no hour ${n}`}${ago})`);
  }
  if (next === 'basic date, then more') {
    const date = `${s.text.slice(0, 4)}-${s.text.slice(4, 6)}-${s.text.slice(6, 8)}`;
    fail(`is not a time stint reads: before a time of day, write the date as ${date} ('${date}${s.text.slice(8)}')`);
  }
  if (next === 'duration' && agoAhead(s)) return readAgo(s, now, fail);
  // Not `… ago`, so not a duration back from now: say what a time is, not what a duration lacks.
  if (next === 'duration' && isWholeDuration(s)) fail(`is a duration, not a time (for that long before now, write '${s.text} ago')`);
  const dotted = dottedDate(s.text);
  if (dotted) fail(`is not a date stint reads: write it YYYY-MM-DD (${dotted})`);
  return fail(unknown);
}

/** `2026-01-15`, then optionally `T10:00[:00[.000]]` or ` [at] <time of day>`, then an offset. */
function readDated(s: Scanner, fail: Fail): Reading {
  const day = readDay(s, fail);
  const clock = s.eat('t') ? readClock(s, fail, true) : optionalClock(s, fail);
  if (!clock) return day;
  const offset = readOffset(s, fail);
  return offset === null ? localInstant(day, clock, fail) : utcInstant(day, clock, offset);
}

/** A typed date, checked: its day number. */
function readDay(s: Scanner, fail: Fail): number {
  const run = s.digits();
  if (run.length === 8 && s.peek() !== '-') {
    return validDay({ year: Number(run.slice(0, 4)), month: Number(run.slice(4, 6)), day: Number(run.slice(6)) }, fail);
  }
  const year = run;
  if (year.length > 4 && s.peek() !== '-') fail('is not a date: write it YYYY-MM-DD or YYYYMMDD (2026-01-15T10:00, 20260115T1000)');
  if (year.length > 4) fail(`is not a date: year ${year} is outside ${YEARS.first}–${YEARS.last}`);
  const month = s.eat('-') ? s.digits() : '';
  const date = s.eat('-') ? s.digits() : '';
  if (year.length !== 4 || month.length !== 2 || date.length !== 2) fail('is not a date: write it YYYY-MM-DD');
  return validDay({ year: Number(year), month: Number(month), day: Number(date) }, fail);
}

/** `yesterday`, `today` …: that day, or the time of day given after it. */
function onDay(s: Scanner, day: number, fail: Fail): Reading {
  const clock = optionalClock(s, fail);
  return clock ? localInstant(day, clock, fail) : day;
}

/**
 * `monday` is the most recent Monday, today included; `last monday` the one before today.
 * With a time of day, the most recent such instant that is not after `now`: never a future one.
 */
function onWeekday(s: Scanner, now: Date, weekday: number, beforeToday: boolean, fail: Fail): Reading {
  const today = dayNumber(now.getTime());
  let back = (now.getDay() - weekday + 7) % 7;
  if (beforeToday && back === 0) back = 7;
  const clock = optionalClock(s, fail);
  if (!clock) return today - back;
  // Only the day chosen is resolved: today's copy of a time the clocks skip later today is in
  // the future, so it is a week back, not refused. Skipped on the day chosen, it is refused.
  const at = wallInstant(today - back, clock);
  const future = at === null ? back === 0 && clockAhead(now, clock) : at.getTime() > now.getTime();
  return localInstant(future ? today - back - 7 : today - back, clock, fail);
}

/** ` [at] <time of day>` after a day, or null (cursor unmoved) when no time of day follows. */
function optionalClock(s: Scanner, fail: Fail): Clock | null {
  const start = s.pos;
  if (!s.eat(' ')) return null;
  if (s.keyword('at')) {
    if (!s.eat(' ')) fail("has 'at' without a time of day after it");
    return readClock(s, fail, false);
  }
  if (isDigit(s.peek()) || s.lookAhead(() => s.keyword('noon', 'midnight'))) return readClock(s, fail, false);
  s.pos = start;
  return null;
}

/**
 * `14:30`, `9:05:30`, `9am`, `9:30 pm`, `noon`, `midnight` (the start of the day); after an
 * ISO `T`, only `HH:MM[:SS[.fff]]`. Every field is checked: there is no 25:00 and no 13pm.
 */
function readClock(s: Scanner, fail: Fail, iso: boolean): Clock {
  const named = iso ? null : s.keyword('noon', 'midnight');
  if (named) return named === 'noon' ? { hour: 12, minute: 0, second: 0 } : { hour: 0, minute: 0, second: 0, startOfDay: true };
  const run = s.digits();
  // After a `T`, the basic format's HHMM or HHMMSS too.
  const basic = iso && (run.length === 4 || run.length === 6);
  const hourText = basic ? run.slice(0, 2) : run;
  let hour = Number(hourText);
  let minute = basic ? Number(run.slice(2, 4)) : 0;
  let second = basic ? Number(run.slice(4)) : 0;
  const pointed = !iso && hourText !== '' && hourText.length <= 2 && s.lookAhead(() => pointedMinutes(s));
  if (pointed) fail(`is not a time: write ${hourText}${pointed}, with a colon`);
  const colon = !basic && s.eat(':');
  if (colon) {
    minute = twoDigits(s, 'minutes', fail);
    if (s.eat(':')) {
      second = twoDigits(s, 'seconds', fail);
      // Fractions of a second are allowed, and dropped: times are whole seconds.
      if (s.eat('.') && s.digits() === '') fail('is not a time: a point with no digits after it');
    }
  }
  if (hourText === '' || hourText.length > 2 || (iso && !basic && (hourText.length !== 2 || !colon))) {
    fail(iso ? 'is not an ISO 8601 time: write it THH:MM, THH:MM:SS or THHMMSS' : 'is not a time of day: write it 14:30, 9:30 or 9am');
  }
  const meridiem = iso ? null : s.meridiem();
  if (meridiem) {
    if (hour < 1 || hour > 12) fail(`is not a time: with am or pm the hour is 1–12, not ${hour}`);
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  } else if (!colon && !basic) {
    const forms = hourForms(hourText);
    fail(forms ? `is not a time: write ${forms}` : `is not a time: there is no hour ${hour}`);
  }
  if (hour > 23) fail(`is not a time: there is no hour ${hour}`);
  if (minute > 59) fail(`is not a time: there is no minute ${minute}`);
  if (second > 59) fail(`is not a time: there is no second ${second}`);
  return { hour, minute, second };
}

function twoDigits(s: Scanner, what: string, fail: Fail): number {
  const digits = s.digits();
  if (digits.length !== 2) fail(`is not a time: ${what} take two digits`);
  return Number(digits);
}

/**
 * `15m ago`, `1h30m ago`, `3 days ago`: hours, minutes and seconds are elapsed time; days and
 * weeks are calendar days back at the same clock time, so `1 day ago` across a DST change is
 * yesterday at this time (23 or 25 hours), not 24 hours back.
 */
function readAgo(s: Scanner, now: Date, fail: Fail): Date {
  const parts = readDurationParts(s, fail);
  const end = s.pos;
  if (!(s.eat(' ') && s.keyword('ago'))) {
    s.pos = end;
    if (s.done()) fail(`is a duration, not a time (for that long before now, write '${s.text} ago')`);
    fail(`has text left over: '${s.rest()}'`);
  }
  let days = 0;
  let seconds = 0;
  for (const part of parts) {
    if (part.unit === 'w' || part.unit === 'd') days += part.unit === 'w' ? part.value * 7 : part.value;
    else seconds += part.seconds;
  }
  if (!Number.isInteger(days)) fail('has a fraction of a day: days and weeks go back whole calendar days');
  const sameClock =
    days === 0
      ? now
      : new Date(now.getFullYear(), now.getMonth(), now.getDate() - days, now.getHours(), now.getMinutes(), now.getSeconds());
  const at = new Date(sameClock.getTime() - Math.round(seconds) * 1000);
  if (Number.isNaN(at.getTime()) || at.getFullYear() < YEARS.first) fail(`is before ${YEARS.first}`);
  return at;
}

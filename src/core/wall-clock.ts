import { DAY_MS, dayStart } from './days.js';
import type { Fail } from './duration-input.js';
import type { Scanner } from './input-scanner.js';
import { YEARS } from './time.js';

// Dates and clock times as typed, checked field by field and turned into instants: in the local
// zone (the process's TZ, as everywhere in stint) or at a given UTC offset.

/** A calendar day; month 1–12. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

export interface Clock {
  hour: number;
  minute: number;
  second: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The day itself if it exists, from 1970 to 9999; else refused saying which field is wrong. */
export function validDay(day: Day, fail: Fail): Day {
  if (day.year < YEARS.first || day.year > YEARS.last) fail(`is not a date: year ${day.year} is outside ${YEARS.first}–${YEARS.last}`);
  const month = MONTHS[day.month - 1];
  if (month === undefined) fail(`is not a date: there is no month ${day.month}`);
  const length = daysInMonth(day.year, day.month);
  if (day.day === 0) fail('is not a date: there is no day 0');
  if (day.day > length) fail(`is not a date: ${month} ${day.year} has ${length} days`);
  return day;
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The local calendar day `at` falls on. */
export const localDay = (at: Date): Day => ({ year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate() });

/** `n` calendar days after (or before) a day; no clock involved, so no DST. */
export function addDays(day: Day, n: number): Day {
  const moved = new Date(Date.UTC(day.year, day.month - 1, day.day + n));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The first instant of a local day (01:00 where a DST change skips midnight): the rule periods use. */
export const startOfLocalDay = (day: Day): Date => new Date(dayStart(Date.UTC(day.year, day.month - 1, day.day) / DAY_MS));

/**
 * A local clock time on a day. A time the clocks skip (a DST gap) is refused: there is no such
 * moment, and moving it silently would record a time the user never typed. A time that happens
 * twice (when the clocks go back) is the earlier one, as ECMAScript's Date resolves it.
 */
export function localInstant(day: Day, clock: Clock, fail: Fail): Date {
  const at = new Date(day.year, day.month - 1, day.day, clock.hour, clock.minute, clock.second);
  if (at.getDate() !== day.day || at.getHours() !== clock.hour || at.getMinutes() !== clock.minute) {
    fail(
      `does not exist in ${zoneName()}: the clocks skip ${pad(clock.hour)}:${pad(clock.minute)} on ${day.year}-${pad(day.month)}-${pad(day.day)}`,
    );
  }
  return at;
}

/** A clock time at a UTC offset (minutes east). */
export const utcInstant = (day: Day, clock: Clock, offsetMinutes: number): Date =>
  new Date(Date.UTC(day.year, day.month - 1, day.day, clock.hour, clock.minute, clock.second) - offsetMinutes * 60_000);

/** `Z`, `±HH:MM`, `±HHMM` or `±HH` → minutes east of UTC, within ±14:00; null when none follows. */
export function readOffset(s: Scanner, fail: Fail): number | null {
  if (s.eat('z')) return 0;
  const sign = s.eat('+') ? 1 : s.eat('-') ? -1 : 0;
  if (sign === 0) return null;
  const digits = s.digits();
  const hours = Number(digits.slice(0, 2));
  let minutes = Number(digits.slice(2));
  if (digits.length === 2 && s.eat(':')) {
    const after = s.digits();
    if (after.length !== 2) fail('has an offset that is not ±HH:MM, ±HHMM or ±HH');
    minutes = Number(after);
  } else if (digits.length !== 2 && digits.length !== 4) {
    fail('has an offset that is not ±HH:MM, ±HHMM or ±HH');
  }
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) fail('has an offset beyond ±14:00');
  return sign * (hours * 60 + minutes);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The zone's name for messages; unnamed zones (TZ unset in a container) get a description. */
function zoneName(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && zone !== 'Etc/Unknown' ? zone : 'the local time zone';
}

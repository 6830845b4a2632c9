import { DAY_MS, dayName, dayStart } from './days.js';
import type { Fail } from './duration-input.js';
import type { Scanner } from './input-scanner.js';
import { YEARS } from './time.js';

// Dates and clock times as typed, checked field by field and turned into instants: in the local
// zone (the process's TZ, as everywhere in stint) or at a given UTC offset. A checked date becomes
// a day number (days.ts), so moving by days and finding a day's first instant stay in one place.

/** A calendar date as typed; month 1–12. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

export interface Clock {
  hour: number;
  minute: number;
  second: number;
  /** `midnight`: the day's first instant, 01:00 where the clocks skip 00:00. */
  startOfDay?: true;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The day number (days.ts) of a date that exists, from 1970 to 9999; else refused saying which field is wrong. */
export function validDay(day: Day, fail: Fail): number {
  if (day.year < YEARS.first || day.year > YEARS.last) fail(`is not a date: year ${day.year} is outside ${YEARS.first}–${YEARS.last}`);
  const month = MONTHS[day.month - 1];
  if (month === undefined) fail(`is not a date: there is no month ${day.month}`);
  const length = new Date(Date.UTC(day.year, day.month, 0)).getUTCDate();
  if (day.day === 0) fail('is not a date: there is no day 0');
  if (day.day > length) fail(`is not a date: ${month} ${day.year} has ${length} days`);
  return Date.UTC(day.year, day.month - 1, day.day) / DAY_MS;
}

/**
 * A local clock time on a day. A time the clocks skip (a DST gap) is refused: there is no such
 * moment, and moving it silently would record a time the user never typed. A time that happens
 * twice (when the clocks go back) is the earlier one, as ECMAScript's Date resolves it.
 */
export function localInstant(day: number, clock: Clock, fail: Fail): Date {
  const at = wallInstant(day, clock);
  if (at === null) fail(`does not exist in ${zoneName()}: the clocks skip ${pad(clock.hour)}:${pad(clock.minute)} on ${dayName(day)}`);
  return at;
}

/** localInstant without the refusal: null where the clocks skip that time on that day. */
export function wallInstant(day: number, clock: Clock): Date | null {
  if (clock.startOfDay) return new Date(dayStart(day));
  const date = new Date(day * DAY_MS);
  const at = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), clock.hour, clock.minute, clock.second);
  return at.getDate() !== date.getUTCDate() || at.getHours() !== clock.hour || at.getMinutes() !== clock.minute ? null : at;
}

/** Whether the local clock at `now` still reads before `clock` (today's copy of it is to come, or skipped yet to come). */
export const clockAhead = (now: Date, clock: Clock): boolean =>
  now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds() < clock.hour * 3600 + clock.minute * 60 + clock.second;

/** A clock time at a UTC offset (minutes east). */
export const utcInstant = (day: number, clock: Clock, offsetMinutes: number): Date =>
  new Date(day * DAY_MS + ((clock.hour * 60 + clock.minute - offsetMinutes) * 60 + clock.second) * 1000);

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

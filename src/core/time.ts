/** Instants are kept to whole seconds: the spec's times and durations are whole seconds. */
export function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** The stored form of an instant: UTC, whole seconds, e.g. 2026-01-15T13:30:00Z. */
export function toStoredInstant(date: Date): string {
  return truncateToSecond(date).toISOString().replace('.000Z', 'Z');
}

/**
 * A stored instant as people read it in a message: local ISO 8601 with the offset, as `--json`
 * writes times (`2026-01-15T09:00:00+01:00`, `Z` where the offset is zero).
 */
export function localInstantText(instant: string): string {
  const date = new Date(instant);
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

export function secondsBetween(from: Date | string, to: Date | string): number {
  return Math.floor((toMillis(to) - toMillis(from)) / 1000);
}

function toMillis(value: Date | string): number {
  return typeof value === 'string' ? instantMillis(value) : value.getTime();
}

/** The digits of `text` from `at` to `end` as a number, or -1 if any is not a digit. */
function digits(text: string, at: number, end: number): number {
  let value = 0;
  for (let i = at; i < end; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `Date.parse` of an instant, reading the stored form (`2026-01-15T13:30:00Z`) by its digits:
 * a whole history's durations parse 200,000 instants, and V8's string parser was most of that.
 * Date.UTC rolls over a day past the month's end (Feb 30) exactly as Date.parse does; any other
 * form, a field out of range, and years before 100 (which Date.UTC reads as 19xx) go to Date.parse.
 */
export function instantMillis(instant: string): number {
  if (instant.length !== 20 || instant.charCodeAt(19) !== 90 /* Z */) return Date.parse(instant);
  const year = digits(instant, 0, 4);
  const month = digits(instant, 5, 7);
  const day = digits(instant, 8, 10);
  const hour = digits(instant, 11, 13);
  const minute = digits(instant, 14, 16);
  const second = digits(instant, 17, 19);
  const shape = instant[4] === '-' && instant[7] === '-' && instant[10] === 'T' && instant[13] === ':' && instant[16] === ':';
  // Within these ranges Date.parse accepts the form (hour 24 only as 24:00:00, left to it).
  const fast = shape && year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  if (!fast || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Date.parse(instant);
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/**
 * The years stint reads and keeps, the same for typed times and imported files: stored instants
 * are fixed-width there (`+010000-…` would not sort as a string), and nothing is tracked before 1970.
 */
export const YEARS = { first: 1970, last: 9999 } as const;
const FIRST_INSTANT = `${YEARS.first}-01-01T00:00:00Z`;
const LAST_INSTANT = `${YEARS.last}-12-31T23:59:59Z`;

/** Whether a stored instant falls in YEARS; in stored form, so a string comparison does it. */
export function isWithinYears(instant: string): boolean {
  return instant >= FIRST_INSTANT && instant <= LAST_INSTANT;
}

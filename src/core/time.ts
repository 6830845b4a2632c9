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
  if (typeof from === 'string' && typeof to === 'string' && sameStoredDay(from, to)) return clockSeconds(to) - clockSeconds(from);
  return Math.floor((toMillis(to) - toMillis(from)) / 1000);
}

/**
 * Whether two instants are both in stored form (`2026-01-15T13:30:00Z`) and on the same UTC day:
 * then the seconds between them are those between their clock times. Most sessions start and
 * stop on one day, and `list --json` of a whole history asks for 100,000 durations: Date.parse
 * of both ends was ~8% of its instructions (Node 20).
 */
function sameStoredDay(a: string, b: string): boolean {
  if (a.length !== 20 || b.length !== 20 || a.charCodeAt(19) !== 90 /* Z */ || b.charCodeAt(19) !== 90) return false;
  for (let i = 0; i < 11; i += 1) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** Seconds since midnight of a stored instant (digits at 11–12, 14–15, 17–18). */
function clockSeconds(instant: string): number {
  const digits = (at: number) => (instant.charCodeAt(at) - 48) * 10 + instant.charCodeAt(at + 1) - 48;
  return digits(11) * 3600 + digits(14) * 60 + digits(17);
}

function toMillis(value: Date | string): number {
  return typeof value === 'string' ? instantMillis(value) : value.getTime();
}

/**
 * `Date.parse` of a stored instant. A reader of its digits in JavaScript (kept for a while)
 * cost ~14,000 instructions a call in the interpreter, where short commands run, against ~2,500
 * for Date.parse (Node 24 and 20, callgrind), and was no faster when hot: whole-history
 * `list --json` at 100,000 sessions took the same CPU time either way. `stop` parses a month's
 * instants for its summary: 11M instructions less.
 */
export function instantMillis(instant: string): number {
  return Date.parse(instant);
}

/**
 * The years stint reads and keeps, the same for typed times and imported files: stored instants
 * are fixed-width there (`+010000-…` would not sort as a string), and nothing is tracked before 1970.
 */
export const YEARS = { first: 1970, last: 9999 } as const;
const FIRST_INSTANT = `${YEARS.first}-01-01T00:00:00Z`;
/** The last instant of YEARS: as `now`, no instant within them is in the future. */
export const LAST_INSTANT = `${YEARS.last}-12-31T23:59:59Z`;

/** Whether a stored instant falls in YEARS; in stored form, so a string comparison does it. */
export function isWithinYears(instant: string): boolean {
  return instant >= FIRST_INSTANT && instant <= LAST_INSTANT;
}

import type { Session } from './session.js';

// Local calendar days, the unit of streaks, goals and reports. Days are the user's: a day runs
// from the first instant of its date in the local zone to the first instant of the next date, so
// a DST day has 23 or 25 hours (23.5 or 24.5 on Lord Howe Island), a day whose midnight is
// skipped starts at 01:00, and the same history read in another time zone falls on other days.
// Boundaries are always found from calendar dates, never by moving an instant by a day, a week or
// a month: one day after a date that starts at 01:00 (its midnight skipped) is 01:00 on the next
// date, an hour into it.

/** A calendar day in day numbers' arithmetic; never the length of a local day. */
export const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Weekday names in Date#getDay order; `weekdayNamed` also takes their first three letters. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** The day number (0 = Sunday) of a lower-case weekday name or its three-letter abbreviation, or -1. */
export const weekdayNamed = (word: string): number => WEEKDAYS.findIndex((day) => word === day || word === day.slice(0, 3));

/** The local day of an instant, `YYYY-MM-DD`. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The first instant of the local day after the one holding `ms`. */
export function nextMidnight(ms: number): number {
  return dayStart(dayNumber(ms) + 1);
}

/** The calendar day after `day` (`YYYY-MM-DD`), whatever the time zone. */
export function dayAfter(day: string): string {
  const next = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1));
  return next.toISOString().slice(0, 10);
}

/** The stretches during which a session ran: start to stop (or now) less its pauses, in ms. */
export function runningSpans(session: Session, now: Date): [number, number][] {
  const end = session.stopped_at === null ? now.getTime() : Date.parse(session.stopped_at);
  const spans: [number, number][] = [];
  let from = Date.parse(session.started_at);
  for (const pause of session.pauses) {
    const pausedAt = Math.min(Date.parse(pause.started_at), end);
    if (pausedAt > from) spans.push([from, pausedAt]);
    from = Math.max(from, pause.ended_at === null ? end : Date.parse(pause.ended_at));
  }
  if (end > from) spans.push([from, end]);
  return spans;
}

/**
 * Running seconds of a session per local day, clipped to [from, to) (ms, open-ended by default):
 * a session from 23:00 to 01:00 gives an hour to each day. A running session counts up to now.
 */
export function secondsByDay(session: Session, now: Date, from = -Infinity, to = Infinity): Map<string, number> {
  const days = new Map<string, number>();
  for (const [spanStart, spanEnd] of runningSpans(session, now)) {
    let start = Math.max(spanStart, from);
    const end = Math.min(spanEnd, to);
    while (start < end) {
      const cut = Math.min(end, nextMidnight(start));
      const day = localDay(start);
      days.set(day, (days.get(day) ?? 0) + Math.round((cut - start) / 1000));
      start = cut;
    }
  }
  return days;
}

/**
 * The local day of an instant as a number (days from 1970-01-01 to that calendar date), so
 * the next day is +1 and days sort as numbers: streaks walk thousands of them.
 */
export function dayNumber(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS;
}

/**
 * dayNumber for many instants at once: the zone's offset is looked up once per UTC day and the
 * day found by arithmetic, which is exact on every day whose offset does not change; a day with
 * a DST change asks the zone for each instant. Made per batch, so a change of TZ (tests do)
 * never meets a stale cache.
 */
export function makeDayNumber(): (ms: number) => number {
  const offsets = new Map<number, number | null>();
  return (ms) => {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = offsets.get(utcDay);
    if (offset === undefined) {
      const first = -new Date(utcDay * DAY_MS).getTimezoneOffset();
      const last = -new Date((utcDay + 1) * DAY_MS - 1000).getTimezoneOffset();
      offset = first === last ? first * 60_000 : null;
      offsets.set(utcDay, offset);
    }
    return offset === null ? dayNumber(ms) : Math.floor((ms + offset) / DAY_MS);
  };
}

/**
 * The first instant (ms) of local date `day` (a day number), whatever the zone does at midnight.
 * The engine resolves a local time that is skipped forward past the gap and a repeated one to its
 * first occurrence, so `new Date(y, m, d)` is the date's first instant: 01:00 in Santiago on
 * 2026-09-06 (00:00 is skipped), the first 00:00 in Havana on 2026-11-01 (01:00 goes back to
 * 00:00). Checked in every zone of Node's tz data, 1970 to 2038; the only other case, a date
 * skipped whole (Pacific/Apia, 2011-12-30), starts where the next one does: an empty day.
 */
export function dayStart(day: number): number {
  const date = new Date(day * DAY_MS);
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()).getTime();
}

/** `YYYY-MM-DD` of a day number. */
export function dayName(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of `YYYY-MM-DD`. */
export function dayOfName(name: string): number {
  return Date.UTC(Number(name.slice(0, 4)), Number(name.slice(5, 7)) - 1, Number(name.slice(8, 10))) / DAY_MS;
}

import { DAY_MS, dayNumber, dayStart } from './days.js';
import { invalidInput } from './errors.js';
import type { Session } from './session.js';

/** A span of time, `to` exclusive; null is open-ended. */
export interface Range {
  from: Date | null;
  to: Date | null;
  /**
   * The local dates a period option named as its first and last (day numbers), where it named
   * them: a date the clocks skip whole has no instant of its own (its first is the next date's),
   * so its name cannot be read back from `from` and `to`.
   */
  firstDay?: number;
  lastDay?: number;
}

/** The period options as read: days are day numbers (days.ts), as parseDayInput gives them. */
export interface PeriodOptions {
  day?: number | true | undefined;
  week?: boolean | undefined;
  month?: boolean | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

export type WeekStart = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type PeriodKind = 'day' | 'week' | 'month';

/**
 * The calendar days [first, end) of the day, week or month holding local date `day`, as day
 * numbers: weeks and months are counted in dates, so their length in hours never matters.
 */
function periodDays(kind: PeriodKind, day: number, weekStartsOn: WeekStart = 1): [number, number] {
  if (kind === 'day') return [day, day + 1];
  // A day number's UTC fields are its calendar date (see dayNumber).
  const date = new Date(day * DAY_MS);
  if (kind === 'week') {
    const first = day - ((date.getUTCDay() - weekStartsOn + 7) % 7);
    return [first, first + 7];
  }
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth()];
  return [Date.UTC(year, month, 1) / DAY_MS, Date.UTC(year, month + 1, 1) / DAY_MS];
}

/** The instants of local days [first, end): each date's first instant in the zone. */
const rangeOfDays = ([first, end]: [number, number]): Range => ({
  from: new Date(dayStart(first)),
  to: new Date(dayStart(end)),
  firstDay: first,
  lastDay: end - 1,
});

/**
 * The range a command's period options select, in local days: `--day [date]`, `--week`,
 * `--month` (the current ones), or `--from d` / `--to d`, both whole days and both included.
 * `--from` alone runs to now; `--to` alone from the beginning. Undefined when none is given.
 * Every boundary is the first instant of a local date, even where midnight is skipped or repeated.
 */
export function periodRange(options: PeriodOptions, now: Date, weekStartsOn: WeekStart = 1): Range | undefined {
  const chosen = [options.day !== undefined, options.week, options.month, options.from !== undefined || options.to !== undefined].filter(
    Boolean,
  ).length;
  if (chosen === 0) return undefined;
  if (chosen > 1) throw invalidInput('Invalid usage', 'Choose one of --day, --week, --month or --from/--to');
  const today = dayNumber(now.getTime());
  if (options.day !== undefined) return rangeOfDays(periodDays('day', options.day === true ? today : options.day));
  if (options.week) return rangeOfDays(periodDays('week', today, weekStartsOn));
  if (options.month) return rangeOfDays(periodDays('month', today));
  const { from, to } = options;
  // Compared as dates: a date skipped whole is an empty range, not one that ends before it starts.
  if (from !== undefined && from > (to ?? today)) throw invalidInput('Invalid range', '--from must not be after --to (or after now)');
  return {
    from: from === undefined ? null : new Date(dayStart(from)),
    // `--from` alone runs to now, now included: a session started this instant is in it.
    to: to === undefined ? new Date(now.getTime() + 1) : new Date(dayStart(to + 1)),
    ...(from === undefined ? {} : { firstDay: from }),
    ...(to === undefined ? {} : { lastDay: to }),
  };
}

/** The last complete day, week or month before `now` (yesterday, last week, last month). */
export function lastPeriod(kind: PeriodKind, now: Date, weekStartsOn: WeekStart = 1): Range {
  const [current] = periodDays(kind, dayNumber(now.getTime()), weekStartsOn);
  return rangeOfDays(periodDays(kind, current - 1, weekStartsOn));
}

/** Whether any part of a session falls inside the range (a running one counts up to now). */
export function overlaps(session: Session, range: Range, now: Date): boolean {
  const start = Date.parse(session.started_at);
  const end = session.stopped_at === null ? now.getTime() : Date.parse(session.stopped_at);
  const from = range.from?.getTime() ?? -Infinity;
  const to = range.to?.getTime() ?? Infinity;
  // A zero-length session counts where it starts.
  return start < to && (end > from || (end === start && start >= from));
}

import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfWeek } from 'date-fns/startOfWeek';
import { invalidInput } from './errors.js';
import type { Session } from './session.js';

/** A span of time, `to` exclusive; null is open-ended. */
export interface Range {
  from: Date | null;
  to: Date | null;
}

export interface PeriodOptions {
  day?: Date | true | undefined;
  week?: boolean | undefined;
  month?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export type WeekStart = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * The range a command's period options select, in local days: `--day [date]`, `--week`,
 * `--month` (the current ones), or `--from d` / `--to d`, both whole days and both included.
 * `--from` alone runs to now; `--to` alone from the beginning. Undefined when none is given.
 */
export function periodRange(options: PeriodOptions, now: Date, weekStartsOn: WeekStart = 1): Range | undefined {
  const chosen = [options.day !== undefined, options.week, options.month, options.from !== undefined || options.to !== undefined]
    .filter(Boolean).length;
  if (chosen === 0) return undefined;
  if (chosen > 1) throw invalidInput('Invalid usage', 'Choose one of --day, --week, --month or --from/--to');
  if (options.day !== undefined) {
    const day = startOfDay(options.day === true ? now : options.day);
    return { from: day, to: addDays(day, 1) };
  }
  if (options.week) {
    const from = startOfWeek(now, { weekStartsOn });
    return { from, to: addWeeks(from, 1) };
  }
  if (options.month) {
    const from = startOfMonth(now);
    return { from, to: addMonths(from, 1) };
  }
  const from = options.from ? startOfDay(options.from) : null;
  const to = options.to ? addDays(startOfDay(options.to), 1) : now;
  if (from && to && from.getTime() >= to.getTime()) {
    throw invalidInput('Invalid range', '--from must not be after --to (or after now)');
  }
  return { from, to };
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

import type { Config } from '../core/config.js';
import { periodRange, type PeriodOptions, type Range } from '../core/period.js';
import { dayOption } from './at.js';

/** The period options as typed (`--day [date]`, `--week`, `--month`, `--from`, `--to`). */
export interface TypedPeriod {
  day?: string | true | undefined;
  week?: boolean | undefined;
  month?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The range the typed period options select, in the user's local days; undefined when none is given. */
export async function periodFromOptions(options: TypedPeriod, now: Date, settings: Config): Promise<Range | undefined> {
  const day = async (text: string | undefined) => (text === undefined ? undefined : dayOption(text, now));
  const period: PeriodOptions = {
    week: options.week,
    month: options.month,
    day: options.day === true ? true : await day(options.day),
    from: await day(options.from),
    to: await day(options.to),
  };
  return periodRange(period, now, settings.week_start);
}

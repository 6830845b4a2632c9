import { parseDateInput } from '../core/period.js';

/**
 * `--at` and the other times users type. The parser (chrono-node) is loaded only when a time is
 * actually given: it is the largest module in the bundle, and `stint start coding` needs none.
 */
export async function timeOption(text: string | undefined, now: Date): Promise<Date> {
  if (text === undefined) return now;
  const { parseTimeInput } = await import('../core/time-input.js');
  return parseTimeInput(text, now);
}

/**
 * A day for `--day`, `--from`, `--to`: `2026-01-15` is that local day; anything else is read like
 * `--at` (`yesterday`, `monday`, `3 days ago`) and names the day it falls on. Unlike `--at`, a day
 * to come is allowed: a range may end in the future.
 */
export async function dayOption(text: string, now: Date): Promise<Date> {
  try {
    return parseDateInput(text);
  } catch (notADate) {
    const { readTime } = await import('../core/time-input.js');
    const at = readTime(text, now);
    if (!at) throw notADate;
    return at;
  }
}

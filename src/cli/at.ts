import { parseDayInput, parseTimeInput } from '../core/time-input.js';

// The option readers every command shares, so `--at`, `--start`, `--stop`, `add --from/--to`
// and the period options all read times by the same grammar (src/core/time-input.ts). Kept
// async for their callers; the parser is small, so it is no longer loaded lazily.

/** `--at` and the other times users type; `now` when the option is not given. */
export async function timeOption(text: string | undefined, now: Date): Promise<Date> {
  return text === undefined ? now : parseTimeInput(text, now);
}

/** A day for `--day`, `--from`, `--to` (a day number): any time input, naming the local day it falls on; may be to come. */
export async function dayOption(text: string, now: Date): Promise<number> {
  return parseDayInput(text, now);
}

import { parseDate } from 'chrono-node';
import parseDuration from 'parse-duration';
import { invalidInput } from './errors.js';
import { truncateToSecond } from './time.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A time the user typed (`--at`, `--from` …): an ISO 8601 time, or what chrono-node reads in
 * plain English relative to `now` — `14:30` (today), `yesterday 17:00`, `15m ago`, `2h ago`.
 * Whole seconds. A time after `now` is refused: nothing can be tracked in the future.
 */
export function parseTimeInput(text: string, now: Date): Date {
  const trimmed = text.trim();
  const parsed = ISO_INSTANT.test(trimmed) ? new Date(trimmed) : parseDate(trimmed, now);
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw invalidInput('Invalid time', `'${text}' is not a time (try 14:30, "yesterday 17:00", "15m ago" or an ISO time)`);
  }
  const at = truncateToSecond(parsed);
  if (at.getTime() > now.getTime()) {
    throw invalidInput('Invalid time', `'${text}' is in the future`);
  }
  return at;
}

export interface DurationBounds {
  minSeconds: number;
  maxSeconds: number;
}

/** `25m`, `1h30m`, `90s`, `1.5h` → whole seconds within the bounds. A bare number is refused: minutes or seconds? */
export function parseDurationInput(text: string, bounds: DurationBounds): number {
  const trimmed = text.trim();
  const ms = /[a-z]/i.test(trimmed) ? parseDuration(trimmed) : null;
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) {
    throw invalidInput('Invalid duration', `'${text}' is not a duration (try 25m, 1h30m, 90s or 1.5h)`);
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < bounds.minSeconds || seconds > bounds.maxSeconds) {
    throw invalidInput(
      'Invalid duration',
      `'${text}' is outside ${bounds.minSeconds} s to ${bounds.maxSeconds / 3600} h`,
    );
  }
  return seconds;
}

/** A focus session plans 60 s to 24 h. */
export const FOCUS_BOUNDS: DurationBounds = { minSeconds: 60, maxSeconds: 24 * 3600 };

import { parseDate } from 'chrono-node';
import { invalidInput } from './errors.js';
import { truncateToSecond } from './time.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A time the user typed (`--at`, `--from` …): an ISO 8601 time, or what chrono-node reads in
 * plain English relative to `now` — `14:30` (today), `yesterday 17:00`, `15m ago`, `2h ago`.
 * Whole seconds. A time after `now` is refused: nothing can be tracked in the future.
 */
export function parseTimeInput(text: string, now: Date): Date {
  const parsed = readTime(text, now);
  if (!parsed) {
    throw invalidInput('Invalid time', `'${text}' is not a time (try 14:30, "yesterday 17:00", "15m ago" or an ISO time)`);
  }
  if (parsed.getTime() > now.getTime()) {
    throw invalidInput('Invalid time', `'${text}' is in the future`);
  }
  return parsed;
}

/** The instant a text names (whole seconds, relative to `now`), or null; no bounds checked. */
export function readTime(text: string, now: Date): Date | null {
  const trimmed = text.trim();
  const parsed = ISO_INSTANT.test(trimmed) ? new Date(trimmed) : parseDate(trimmed, now);
  return parsed && !Number.isNaN(parsed.getTime()) ? truncateToSecond(parsed) : null;
}

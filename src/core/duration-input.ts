import parseDuration from 'parse-duration';
import { invalidInput } from './errors.js';

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

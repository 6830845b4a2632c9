import { format } from 'date-fns/format';
import { formatDuration } from 'date-fns/formatDuration';
import { isSameDay } from 'date-fns/isSameDay';
import type { Locale } from 'date-fns/locale';
import { dayNumber } from '../core/days.js';

const UNIT: Record<string, string> = { xHours: 'h', xMinutes: 'm', xSeconds: 's' };

// date-fns' duration formatter with a terse locale: "1h 15m" rather than "1 hour 15 minutes".
const terse: Pick<Locale, 'formatDistance'> = {
  formatDistance: (token, count) => `${count}${UNIT[token] ?? ''}`,
};

/** `1h 15m`, `42m`, `35s`, `0s`; hours keep counting past a day (`26h 5m`). */
export function formatSpan(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return `${seconds}s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return formatDuration({ hours, minutes }, { format: ['hours', 'minutes'], locale: terse as Locale, delimiter: ' ' });
}

/** A live clock: `0:42:05`, `12:03:00`. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/**
 * stint's one way to write an instant for people, in local time, relative to `now`: `17:29`
 * today, `yesterday 17:29`, `tomorrow 03:00` (a job's next run), `Mon 16 Nov 14:00` within the
 * year, `Mon 16 Nov 2025 14:00` in another. ISO 8601 is for JSON and CSV only.
 */
export function formatInstant(instant: string | Date, now: Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const days = dayNumber(date.getTime()) - dayNumber(now.getTime());
  const time = format(date, 'HH:mm');
  if (days === 0) return time;
  if (days === -1) return `yesterday ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  return format(date, date.getFullYear() === now.getFullYear() ? 'EEE d MMM HH:mm' : 'EEE d MMM yyyy HH:mm');
}

/** A day heading of the log: `Today`, `Yesterday`, `Mon 16 Nov`, `Mon 16 Nov 2025`. */
export function formatDay(instant: string | Date, now: Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const days = dayNumber(date.getTime()) - dayNumber(now.getTime());
  const name = format(date, date.getFullYear() === now.getFullYear() ? 'EEE d MMM' : 'EEE d MMM yyyy');
  return days === 0 ? `Today, ${name}` : days === -1 ? `Yesterday, ${name}` : name;
}

/** A day without its time, as formatInstant writes one: `today`, `yesterday`, `Mon 16 Nov`, `Sun 16 Nov 2025`. */
export function formatDate(instant: string | Date, now: Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const days = dayNumber(date.getTime()) - dayNumber(now.getTime());
  if (days === 0) return 'today';
  if (days === -1) return 'yesterday';
  return format(date, date.getFullYear() === now.getFullYear() ? 'EEE d MMM' : 'EEE d MMM yyyy');
}

/** `2026-01-15 14:30` in local time: only the piped `list` table, whose content scripts rely on. */
export function formatDateTime(instant: string): string {
  return format(new Date(instant), 'yyyy-MM-dd HH:mm');
}

/** `14:30` in local time. */
export function formatTime(instant: string): string {
  return format(new Date(instant), 'HH:mm');
}

/** A stop time next to its start: just the time when it is the same local day, else as formatInstant. */
export function formatStop(started: string, stopped: string, now: Date): string {
  return isSameDay(new Date(started), new Date(stopped)) ? formatTime(stopped) : formatInstant(stopped, now);
}

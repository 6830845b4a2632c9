import { format } from 'date-fns/format';
import { formatDuration } from 'date-fns/formatDuration';
import { isSameDay } from 'date-fns/isSameDay';
import type { Locale } from 'date-fns/locale';

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

/** `2026-01-15 14:30` in local time. */
export function formatDateTime(instant: string): string {
  return format(new Date(instant), 'yyyy-MM-dd HH:mm');
}

/** `14:30` in local time. */
export function formatTime(instant: string): string {
  return format(new Date(instant), 'HH:mm');
}

/** A stop time next to its start: just the time when it is the same local day. */
export function formatStop(started: string, stopped: string): string {
  return isSameDay(new Date(started), new Date(stopped)) ? formatTime(stopped) : formatDateTime(stopped);
}

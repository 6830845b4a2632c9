import { dayNumber } from '../core/days.js';

// Startup: date-fns' `format` loads its whole English locale and token machinery, which every
// status/start/stop run paid (~5M instructions on Node 24) for six fixed English patterns. They
// are written here; a property test holds them to date-fns' output.
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => (n < 10 ? `0${n}` : String(n));
/** `yyyy`: at least four digits, as date-fns writes it (years before 1 are not stint's). */
const year = (date: Date) => String(date.getFullYear()).padStart(4, '0');
/** `HH:mm` in local time. */
const hhmm = (date: Date) => `${two(date.getHours())}:${two(date.getMinutes())}`;
/** `EEE d MMM`, with ` yyyy` unless the date is in `now`'s year. */
const dayName = (date: Date, now: Date) =>
  `${WEEKDAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]}${date.getFullYear() === now.getFullYear() ? '' : ` ${year(date)}`}`;

/** Whether two instants fall on the same local day. */
export function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** `1h 15m`, `42m`, `35s`, `0s`; hours keep counting past a day (`26h 5m`). */
export function formatSpan(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return `${seconds}s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours === 0) return `${minutes}m`;
  return minutes === 0 ? `${hours}h` : `${hours}h ${minutes}m`;
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
  const time = hhmm(date);
  if (days === 0) return time;
  if (days === -1) return `yesterday ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  return `${dayName(date, now)} ${time}`;
}

/** A day heading of the log: `Today`, `Yesterday`, `Mon 16 Nov`, `Mon 16 Nov 2025`. */
export function formatDay(instant: string | Date, now: Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const days = dayNumber(date.getTime()) - dayNumber(now.getTime());
  const name = dayName(date, now);
  return days === 0 ? `Today, ${name}` : days === -1 ? `Yesterday, ${name}` : name;
}

/** A day without its time, as formatInstant writes one: `today`, `yesterday`, `Mon 16 Nov`, `Sun 16 Nov 2025`. */
export function formatDate(instant: string | Date, now: Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const days = dayNumber(date.getTime()) - dayNumber(now.getTime());
  if (days === 0) return 'today';
  if (days === -1) return 'yesterday';
  return dayName(date, now);
}

/** `2026-01-15 14:30` in local time: only the piped `list` table, whose content scripts rely on. */
export function formatDateTime(instant: string): string {
  const date = new Date(instant);
  return `${year(date)}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${hhmm(date)}`;
}

/** `14:30` in local time. */
export function formatTime(instant: string): string {
  return hhmm(new Date(instant));
}

/** A stop time next to its start: just the time when it is the same local day, else as formatInstant. */
export function formatStop(started: string, stopped: string, now: Date): string {
  return sameLocalDay(new Date(started), new Date(stopped)) ? formatTime(stopped) : formatInstant(stopped, now);
}

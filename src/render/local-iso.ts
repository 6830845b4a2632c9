import { formatISO } from 'date-fns/formatISO';

const DAY_MS = 86_400_000;

/**
 * Formats stored instants (`2026-01-15T13:30:00Z`) as local ISO 8601 with the offset, the way
 * date-fns' formatISO does. Printing a whole history calls this hundreds of thousands of times,
 * and asking the zone database for every instant dominated that, so the offset is looked up once
 * per UTC day and the local time is derived by shifting the hour. Whatever the shortcut cannot
 * do exactly (a DST change that day, a half-hour zone, a shift across midnight, another input
 * form) goes to formatISO itself.
 */
export function makeLocalIso(): (instant: string) => string {
  /** UTC day → its offset's suffix (`Z`, `+01:00`) and minutes, or null where the shortcut cannot serve. */
  const offsets = new Map<string, { minutes: number; suffix: string } | null>();
  const exact = (instant: string) => formatISO(new Date(instant));
  // A history is printed in order, so consecutive instants mostly share their day: that day's
  // offset is kept at hand, found without making the day's text (a whole history: 200,000 instants).
  let lastDay = '';
  let lastOffset: { minutes: number; suffix: string } | null = null;
  return (instant) => {
    if (instant.length !== 20 || instant.charCodeAt(19) !== 90 /* Z */) return exact(instant);
    if (lastDay !== '' && instant.startsWith(lastDay)) return shifted(instant, lastDay, lastOffset);
    const day = instant.slice(0, 10);
    let offset = offsets.get(day);
    if (offset === undefined) {
      const start = Date.parse(`${day}T00:00:00Z`);
      const first = -new Date(start).getTimezoneOffset();
      const last = -new Date(start + DAY_MS - 1000).getTimezoneOffset();
      offset = first === last && first % 60 === 0 ? { minutes: first, suffix: suffix(first) } : null;
      offsets.set(day, offset);
    }
    lastDay = day;
    lastOffset = offset;
    return shifted(instant, day, offset);
  };

  function shifted(instant: string, day: string, offset: { minutes: number; suffix: string } | null): string {
    // At a zero offset the stored form is already the local one.
    if (offset?.minutes === 0) return instant;
    if (offset === null) return exact(instant);
    const hour = (instant.charCodeAt(11) - 48) * 10 + instant.charCodeAt(12) - 48 + offset.minutes / 60;
    if (hour < 0 || hour > 23) return exact(instant);
    return `${day}T${hour < 10 ? '0' : ''}${hour}${instant.slice(13, 19)}${offset.suffix}`;
  }
}

function suffix(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const hours = Math.abs(offsetMinutes) / 60;
  return `${offsetMinutes < 0 ? '-' : '+'}${hours < 10 ? '0' : ''}${hours}:00`;
}

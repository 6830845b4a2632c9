import { readDurationParts } from './duration-input.js';
import type { Scanner } from './input-scanner.js';

// What the time reader says about input it refuses: the form the user most likely meant, in
// terms of times (a time option's message never asks for a duration's unit).

/** How to write an hour typed alone as a time of day: `17:00 or 5pm`, `09:00 or 9am`; null past 23. */
export function hourForms(text: string): string | null {
  const hour = Number(text);
  if (hour > 23) return null;
  return `${text}:00 or ${hour % 12 === 0 ? 12 : hour % 12}${hour < 12 ? 'am' : 'pm'}`;
}

/**
 * After an hour: `.30`, `,30`, `.30 pm` (minutes after a point or a comma, as some write the time
 * of day) read and returned as `:30`, `:30pm`; null otherwise. Moves the cursor: look ahead.
 */
export function pointedMinutes(s: Scanner): string | null {
  if (!(s.eat('.') || s.eat(','))) return null;
  const minutes = s.digits();
  return minutes.length === 2 ? `:${minutes}${s.meridiem() ?? ''}` : null;
}

/** The word `ago` ahead: the text is meant as a duration back from now, and read as one. */
export const agoAhead = (s: Scanner): boolean => /(^| )ago( |$)/i.test(s.text.slice(s.pos));

/** Whether the rest is one duration and nothing else (`15m`, `1h 30m`). */
export function isWholeDuration(s: Scanner): boolean {
  const notOne = new Error('not a duration');
  return s.lookAhead(() => {
    try {
      readDurationParts(s, () => {
        throw notOne;
      });
      return s.done();
    } catch (error) {
      if (error === notOne) return false;
      throw error;
    }
  });
}

/** `28.03.2026` (day, month, year, as much of Europe writes dates) as stint reads it, or null. */
export function dottedDate(text: string): string | null {
  const found = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (!found) return null;
  const [, day = '', month = '', year = ''] = found;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

import { nextSlot } from './schedule.js';
import { YEARS } from './time.js';

/**
 * A job's next run: its next slot after `after`, or null when that falls past the last year stint
 * reads and writes (9999, local time): no instant there can be shown or stored (a `@yearly` job
 * in 9999 showed `next undefined NaN …`).
 */
export function nextRun(schedule: string, after: Date): Date | null {
  const slot = nextSlot(schedule, after);
  return slot.getFullYear() > YEARS.last ? null : slot;
}

/**
 * Hybrid logical clocks: every synced change carries one, so changes made on devices whose clocks
 * disagree still sort the same way everywhere. A stamp is a string that sorts as the clock does:
 * wall milliseconds, then a counter (for changes in the same millisecond, or after the clock went
 * back), then the device name, which breaks ties between devices deterministically.
 */
export type Stamp = string;

export interface Hlc {
  ms: number;
  counter: number;
  device: string;
}

const MS_DIGITS = 15;
const COUNTER_DIGITS = 6;

export const ZERO_HLC: Hlc = { ms: 0, counter: 0, device: '' };

/** A device name: letters, digits, `.`, `_`, `-`; it is a folder name in the shared root. */
export const DEVICE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function encodeStamp(hlc: Hlc): Stamp {
  return `${String(hlc.ms).padStart(MS_DIGITS, '0')}.${String(hlc.counter).padStart(COUNTER_DIGITS, '0')}.${hlc.device}`;
}

const STAMP_PATTERN = /^(\d{15})\.(\d{6})\.([A-Za-z0-9][A-Za-z0-9._-]{0,62})$/;

/** The clock a stamp holds; null when it is not a stamp. */
export function decodeStamp(stamp: string): Hlc | null {
  const match = STAMP_PATTERN.exec(stamp);
  if (!match) return null;
  return { ms: Number(match[1]), counter: Number(match[2]), device: match[3] ?? '' };
}

export const isStamp = (value: unknown): value is Stamp => typeof value === 'string' && STAMP_PATTERN.test(value);

/** A local change at wall time `wallMs`: after everything this device has stamped or seen. */
export function tick(last: Hlc, wallMs: number, device: string): Hlc {
  if (wallMs > last.ms) return { ms: wallMs, counter: 0, device };
  return { ms: last.ms, counter: last.counter + 1, device };
}

/** The clock after seeing a stamp from elsewhere: the next local change sorts after it. */
export function observe(last: Hlc, seen: Stamp): Hlc {
  const other = decodeStamp(seen);
  if (!other) return last;
  if (other.ms > last.ms || (other.ms === last.ms && other.counter > last.counter)) {
    return { ms: other.ms, counter: other.counter, device: last.device };
  }
  return last;
}

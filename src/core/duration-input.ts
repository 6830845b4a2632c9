import { invalidInput } from './errors.js';
import { isDigit, Scanner } from './input-scanner.js';

export interface DurationBounds {
  minSeconds: number;
  maxSeconds: number;
}

/** Refuses the input: `why` follows the quoted input, e.g. `has no unit: …`. */
export type Fail = (why: string) => never;

export type UnitName = 'w' | 'd' | 'h' | 'm' | 's';

/** Largest first: the order parts must come in. */
const UNITS: readonly { name: UnitName; seconds: number; words: readonly string[] }[] = [
  { name: 'w', seconds: 7 * 86_400, words: ['w', 'week', 'weeks'] },
  { name: 'd', seconds: 86_400, words: ['d', 'day', 'days'] },
  { name: 'h', seconds: 3600, words: ['h', 'hr', 'hrs', 'hour', 'hours'] },
  { name: 'm', seconds: 60, words: ['m', 'min', 'mins', 'minute', 'minutes'] },
  { name: 's', seconds: 1, words: ['s', 'sec', 'secs', 'second', 'seconds'] },
];

/** One `<number><unit>` of a duration: `1.5h` is { value: 1.5, unit: 'h', seconds: 5400 }. */
export interface DurationPart {
  text: string;
  value: number;
  unit: UnitName;
  seconds: number;
}

const EXAMPLES = '25m, 1h30m, 90s or 1.5h';

/**
 * A duration the user typed (`--for`, `--round`, `config set`) → whole seconds within the bounds.
 * The whole text must be one: parts `<number>[ ]<unit>`, largest unit first, each unit once,
 * a fraction only in the last part (`1.5h`, `1h 30m`, `90 seconds`); a fractional total is
 * rounded to whole seconds. A bare number is refused: minutes or seconds?
 */
export function parseDurationInput(text: string, bounds: DurationBounds): number {
  const fail: Fail = (why) => {
    throw invalidInput('Invalid duration', `'${text}' ${why}`);
  };
  const s = new Scanner(text);
  if (s.done()) fail(`is empty: give a duration such as ${EXAMPLES}`);
  const parts = readDurationParts(s, fail);
  if (!s.done()) fail(`has text left over: '${s.rest()}'`);
  const seconds = Math.round(parts.reduce((sum, part) => sum + part.seconds, 0));
  if (!(seconds >= bounds.minSeconds && seconds <= bounds.maxSeconds)) {
    fail(`is out of range ${formatBound(bounds.minSeconds)}–${formatBound(bounds.maxSeconds)}`);
  }
  return seconds;
}

/**
 * Reads the parts of a duration at the cursor and stops before anything that does not start
 * another part, for the caller to read (`ago`) or refuse as left over.
 */
export function readDurationParts(s: Scanner, fail: Fail): DurationPart[] {
  const parts = [readPart(s, fail, null)];
  for (;;) {
    const start = s.pos;
    s.eat(' ');
    if (!isDigit(s.peek())) {
      s.pos = start;
      break;
    }
    parts.push(readPart(s, fail, parts[parts.length - 1] ?? null));
  }
  const fractional = parts.slice(0, -1).find((part) => !Number.isInteger(part.value));
  // 1.5h30m is most likely a typo for 1h30m; only the smallest unit may carry a fraction.
  if (fractional) fail(`has a fraction in ${fractional.text}: only the last part may have one`);
  return parts;
}

function readPart(s: Scanner, fail: Fail, previous: DurationPart | null): DurationPart {
  if (s.peek() === '-') fail(`is negative: give a duration such as ${EXAMPLES}`);
  const start = s.pos;
  const whole = s.digits();
  if (whole === '') fail(`is not a duration (try ${EXAMPLES})`);
  if (s.eat('.')) {
    if (s.digits() === '') fail(`has a point with no digits after it`);
    if (s.peek() === '.') fail('has two decimal points in one number');
  }
  if (s.peek() === ',' && isDigit(s.peek(1))) fail('has a decimal comma: use a point (1.5h, not 1,5h)');
  const number = s.text.slice(start, s.pos);
  const value = Number(number);
  s.eat(' ');
  const word = s.word();
  const rank = UNITS.findIndex((unit) => unit.words.includes(word));
  const unit = UNITS[rank];
  if (!unit) {
    if (word !== '') fail(`has an unknown unit '${word}' (use s, m, h, d or w, or their names)`);
    fail(`has no unit after ${number}: minutes or seconds? (write ${number}m or ${number}s)`);
  }
  const text = s.text.slice(start, s.pos);
  if (previous) {
    const previousRank = UNITS.findIndex((u) => u.name === previous.unit);
    if (previousRank === rank) fail(`repeats the unit ${unit.name}: give each unit once`);
    if (previousRank > rank) fail(`has ${unit.name} after ${previous.unit}: write the largest unit first (as in 1h30m)`);
  }
  return { text, value, unit: unit.name, seconds: value * unit.seconds };
}

/** A bound as users type it: `60 s`, `24 h`, `7 d`. */
export function formatBound(seconds: number): string {
  if (seconds >= 2 * 86_400 && seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds >= 120 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 120 && seconds % 60 === 0) return `${seconds / 60} m`;
  return `${seconds} s`;
}

/** A focus session plans 60 s to 24 h. */
export const FOCUS_BOUNDS: DurationBounds = { minSeconds: 60, maxSeconds: 24 * 3600 };

import { invalidInput } from '../core/errors.js';

function positiveInt(value: string): number | null {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= 1 && Number.isSafeInteger(n) ? n : null;
}

/** commander argParser for a session ID: a positive whole number. */
export function parseSessionId(value: string): number {
  const id = positiveInt(value);
  if (id === null) {
    throw invalidInput('Invalid session ID', `'${value}' is not a session ID (a positive whole number)`);
  }
  return id;
}

/** commander argParser for a variadic list of IDs. */
export function collectSessionIds(value: string, previous: number[] | undefined): number[] {
  return [...(previous ?? []), parseSessionId(value)];
}

/** commander argParser factory for counts such as `--limit`. */
export function parseCount(label: string): (value: string) => number {
  return (value) => {
    const n = positiveInt(value);
    if (n === null) throw invalidInput(`Invalid ${label}`, `'${value}' is not a positive whole number`);
    return n;
  };
}

/** `--csv` and `--json` each choose the output; both at once is a usage error. */
export function assertOneFormat(csv: boolean | undefined, json: boolean): void {
  if (csv && json) throw invalidInput('Invalid usage', 'Choose one of --csv or --json');
}

import { repeatedKey } from '../json-keys.js';
import { invalidInput, type StintError } from '../errors.js';
import type { ImportRecord, InvalidEntry, ParsedImport } from './record.js';

/** A whole file that cannot be read as the format: nothing of it is imported. */
export const invalidFile = (message: string): StintError => invalidInput('Invalid file', message);

/** The text without the UTF-8 byte order mark some editors write first: it is no part of the content. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON.parse, with a file that is not JSON reported as such, and a key given twice refused. */
export function parseJsonFile(text: string): unknown {
  const body = withoutBom(text);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw invalidFile(`Not JSON: ${(error as Error).message}`);
  }
  // JSON.parse keeps the last of the two; which one was meant cannot be known.
  const twice = repeatedKey(body);
  // Worded as the server words it.
  if (twice !== null) throw invalidFile(`The field '${twice}' is given twice in one object`);
  return value;
}

/**
 * Why one entry cannot be imported. Thrown from deep inside a reader and caught per entry, so
 * one bad entry is reported with where it is and the rest of the file still comes in.
 */
export class EntryProblem extends Error {}

/** Collects entries: each read either becomes a record or, when it throws EntryProblem, an invalid entry. */
export class Collector {
  readonly records: ImportRecord[] = [];
  readonly invalid: InvalidEntry[] = [];

  read(where: string, reader: () => ImportRecord): void {
    try {
      this.records.push(reader());
    } catch (error) {
      if (!(error instanceof EntryProblem)) throw error;
      this.invalid.push({ where, reason: error.message });
    }
  }

  result(): ParsedImport {
    return { records: this.records, invalid: this.invalid };
  }
}

/** Strings in the order found, repeats dropped; lists are short, so a scan beats a Set. */
export function unique(values: readonly string[]): string[] {
  if (values.length < 2) return values.slice();
  const out: string[] = [];
  for (const value of values) if (!out.includes(value)) out.push(value);
  return out;
}

/** A value as it reads in a message, cut short. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

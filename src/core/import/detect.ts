import { parse } from 'csv-parse/sync';
import type { ImportFormat } from './record.js';
import { withoutBom } from './text.js';

// `import` without `--format` guesses from the content, never from the file name: Watson's file
// is called `frames` and Timewarrior's `2026-01.data`. Each format has a shape no other has, and
// anything that fits none is null, for the command to ask for `--format`.

/** The format `text` is in, or null when it looks like none of them. */
export function detectFormat(text: string): ImportFormat | null {
  const body = withoutBom(text).trimStart();
  const first = body[0];
  if (first === '{' || first === '[') return detectJson(body);
  const line = firstLine(body);
  if (line.startsWith('inc ')) return 'timewarrior';
  return isStintCsvHeader(line) ? 'csv' : null;
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An object with `version` and a `sessions` list is stint's export; a list is Watson's frames,
 * or Timewarrior's export when it holds objects.
 * The whole text is parsed, not just its start: text that only begins like JSON is not JSON.
 */
function detectJson(body: string): ImportFormat | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  // Watson's frames are lists; `timew export` writes objects.
  if (Array.isArray(value)) return isObject(value[0]) ? 'timewarrior' : 'watson';
  if (typeof value !== 'object' || value === null) return null;
  const { version, sessions } = value as Record<string, unknown>;
  return version !== undefined && Array.isArray(sessions) ? 'stint' : null;
}

function firstLine(body: string): string {
  const end = body.search(/\r?\n/);
  return end === -1 ? body : body.slice(0, end);
}

/** A CSV header naming at least the columns every stint CSV has; read by csv-parse, quotes and all. */
function isStintCsvHeader(line: string): boolean {
  let rows: string[][];
  try {
    rows = parse(line);
  } catch {
    return false;
  }
  const columns = (rows[0] ?? []).map((name) => name.trim());
  return columns.includes('task_name') && columns.includes('started_at');
}

/** Timewarrior's month files (`2026-01.data`) hold its intervals; its other files (tags, undo) do not. */
export const TIMEWARRIOR_MONTH = /^\d{4}-\d{2}\.data$/;

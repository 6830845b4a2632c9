import { parse } from 'csv-parse/sync';
import { unknownField } from '../json-keys.js';
import type { ParsedImport } from './record.js';
import { readStintSession, type SessionFields } from './stint-session.js';
import { Collector, EntryProblem, invalidFile, parseJsonFile, show } from './text.js';

// stint's own export, read back: `{"version":1,"sessions":[…]}` or the CSV with EXPORT_CSV_HEADER's
// columns. The version is restated here rather than taken from the renderer: the core reads
// files, the renderer writes them, and a test holds the two in step.

/** The newest export version this reader understands. */
export const STINT_EXPORT_VERSION = 1;

/**
 * The fields of a session in an export (the JSON view's, plus uid, pauses and updated_at), and so
 * the CSV's columns. A field outside them is not understood: the file is refused, not read in part.
 */
export const STINT_EXPORT_FIELDS: readonly string[] = [
  'session_id',
  'task_name',
  'started_at',
  'stopped_at',
  'duration_seconds',
  'status',
  'planned_seconds',
  'paused_seconds',
  'tags',
  'note',
  'device',
  'uid',
  'pauses',
  'updated_at',
];
const PAUSE_FIELDS: readonly string[] = ['started_at', 'ended_at', 'duration_seconds'];

export function parseStintJson(text: string): ParsedImport {
  const file = parseJsonFile(text);
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw invalidFile('Expected a stint export: an object with "version" and "sessions"');
  }
  const { version, sessions } = file as Record<string, unknown>;
  const stray = unknownField(file as Record<string, unknown>, ['version', 'sessions']);
  if (stray !== undefined) throw invalidFile(`Unknown field ${show(stray)}: a stint export has "version" and "sessions"`);
  if (!Number.isInteger(version) || (version as number) < 1) throw invalidFile(`Unknown export version ${show(version)}`);
  if ((version as number) > STINT_EXPORT_VERSION) {
    throw invalidFile(`Export version ${show(version)} is newer than this stint reads (${STINT_EXPORT_VERSION}); update stint`);
  }
  if (!Array.isArray(sessions)) throw invalidFile('Expected "sessions" to be a list');
  const out = new Collector();
  sessions.forEach((session: unknown, i) => {
    out.read(`session ${i + 1}`, () => {
      if (typeof session !== 'object' || session === null || Array.isArray(session)) {
        throw new EntryProblem('not a session object');
      }
      const field = unknownField(session as Record<string, unknown>, STINT_EXPORT_FIELDS);
      if (field !== undefined) throw new EntryProblem(`unknown field ${show(field)}`);
      const { pauses } = session as { pauses?: unknown };
      const pauseField = Array.isArray(pauses)
        ? pauses
            .map((pause) =>
              typeof pause === 'object' && pause !== null ? unknownField(pause as Record<string, unknown>, PAUSE_FIELDS) : undefined,
            )
            .find(Boolean)
        : undefined;
      if (pauseField !== undefined) throw new EntryProblem(`unknown field ${show(pauseField)} in a pause`);
      return readStintSession(session as SessionFields, `session ${i + 1}`);
    });
  });
  return out.result();
}

/** Columns without which no row can be a session; the others default as their empty field does. */
const REQUIRED_COLUMNS = ['uid', 'task_name', 'started_at', 'status'];

interface CsvRow {
  record: string[];
  raw: string;
}

/** Line breaks in a raw record: CRLF, LF or a lone CR each end one line. */
const BREAKS = /\r\n|\r|\n/g;
const LEADING_BREAKS = /^(?:\r\n|\r|\n)*/;

export function parseStintCsv(text: string): ParsedImport {
  const rows = parseCsv(text);
  const [header, ...body] = rows;
  if (!header) throw invalidFile('The CSV file is empty');
  const columns = header.record.map((name) => name.trim());
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw invalidFile(`The CSV header lacks ${missing.join(', ')}`);
  const unknown = columns.find((name) => !STINT_EXPORT_FIELDS.includes(name));
  if (unknown !== undefined) throw invalidFile(`The CSV header has a column stint does not export: ${show(unknown)}`);
  const twice = columns.find((name, i) => columns.indexOf(name) !== i);
  if (twice !== undefined) throw invalidFile(`The CSV header has the column ${show(twice)} twice`);

  const out = new Collector();
  // csv-parse's own line count takes a CRLF inside a quoted note for two lines, so lines are
  // counted from each record's raw text instead, which holds every line break of the record and
  // of the empty lines before it (a CRLF ending a record may come back as its CR: one break all the same).
  let line = 1 + countBreaks(header.raw);
  for (const { record, raw } of body) {
    // A record's raw text begins with the empty lines skipped before it.
    const where = `line ${line + countBreaks(LEADING_BREAKS.exec(raw)?.[0] ?? '')}`;
    line += countBreaks(raw);
    // A blank or whitespace-only line is spacing, not an entry.
    if (record.every((field) => field.trim() === '')) continue;
    out.read(where, () => {
      if (record.length !== columns.length) {
        throw new EntryProblem(`expected ${columns.length} fields, found ${record.length}`);
      }
      const fields: Record<string, string> = {};
      for (const [i, name] of columns.entries()) fields[name] = record[i] ?? '';
      return readStintSession(csvFields(fields), where);
    });
  }
  return out.result();
}

function countBreaks(raw: string): number {
  return raw.match(BREAKS)?.length ?? 0;
}

/**
 * Every record with its raw text. A quote left open or closed in mid-field breaks the file's
 * structure from there on: what follows cannot be trusted to be the rows it looks like, so the
 * whole file is refused with the line where it broke.
 */
function parseCsv(text: string): CsvRow[] {
  try {
    // With `raw`, csv-parse returns { record, raw } objects, which its typings do not say.
    const rows: unknown = parse(text, { bom: true, raw: true, relax_column_count: true, skip_empty_lines: true });
    return rows as CsvRow[];
  } catch (error) {
    const { message } = error as Error;
    throw invalidFile(`Not readable as CSV: ${message}`);
  }
}

/** The CSV's text fields as the JSON export's values: empty means null (or none), lists are split on `;`. */
function csvFields(fields: Record<string, string>): SessionFields {
  const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  return {
    ...fields,
    session_id: csvNumber(fields.session_id),
    stopped_at: orNull(fields.stopped_at),
    planned_seconds: csvNumber(fields.planned_seconds),
    tags: (fields.tags ?? '').split(';').filter((tag) => tag !== ''),
    note: orNull(fields.note),
    pauses: csvPauses(fields.pauses ?? ''),
    updated_at: orNull(fields.updated_at),
  };
}

/** A whole number from its digits; empty is null, anything else stays text for the reader to refuse. */
function csvNumber(value: string | undefined): unknown {
  if (value === undefined || value === '') return null;
  // Only plain digits: Number() would also take ' 1e3 ' or '0x10'.
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** `start/end;start/` → pauses; an empty end is a pause still open. */
function csvPauses(value: string): unknown[] {
  if (value === '') return [];
  return value.split(';').map((pause, i) => {
    const parts = pause.split('/');
    if (parts.length !== 2) throw new EntryProblem(`pause ${i + 1} is not start/end: ${show(pause)}`);
    return { started_at: parts[0], ended_at: parts[1] === '' ? null : parts[1] };
  });
}

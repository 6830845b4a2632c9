import type { Session } from '../core/session.js';
import { sessionJson, type LocalIso, type SessionJson } from './json.js';
import { ByteChunks, type ListWriter } from './json-bytes.js';

// CSV as RFC 4180 writes it: a header row, a field quoted when it holds a comma, a double quote,
// CR or LF (its quotes doubled), every line ending in "\n" (the RFC's CRLF only gets in the way
// of Unix tools; every CSV reader accepts LF).

export type CsvValue = string | number | null;

/** One field; null is an empty field. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** A header row and the records under it. */
export function csvTable(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let text = csvLine(header);
  for (const row of rows) text += csvLine(row);
  return text;
}

/** Sessions as CSV: the JSON view's field names as columns, tags joined with `;` as export joins them. */
export const SESSION_CSV_HEADER: readonly (keyof SessionJson)[] = [
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
];

export function sessionCsvRow(session: Session, now: Date, iso: LocalIso): CsvValue[] {
  const view = sessionJson(session, now, iso);
  return SESSION_CSV_HEADER.map((column) => {
    const value = view[column];
    return Array.isArray(value) ? value.join(';') : (value ?? null);
  });
}

/** `list --csv` of every match, written to bytes as the scan goes (see ByteChunks). */
export function sessionCsvWriter(now: Date, iso: LocalIso): ListWriter {
  const out = new ByteChunks();
  out.text(csvLine(SESSION_CSV_HEADER));
  return {
    add: (session) => out.text(csvLine(sessionCsvRow(session, now, iso))),
    finish: () => out.take(),
  };
}

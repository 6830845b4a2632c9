import type { Session } from '../core/session.js';
import { csvLine, SESSION_CSV_HEADER, type CsvValue } from './csv.js';
import { sessionDetailJson, type LocalIso, type SessionDetailJson } from './json.js';
import { makeLocalIso } from './local-iso.js';

/** The version of `export`'s JSON, written as its "version". */
export const EXPORT_VERSION = 1;

/** A session as `export` writes it: everything `show --json` has, plus `updated_at`, so nothing is lost. */
export interface ExportedSession extends SessionDetailJson {
  updated_at: string;
}

export function exportedSession(session: Session, now: Date, iso: LocalIso = makeLocalIso()): ExportedSession {
  return { ...sessionDetailJson(session, now, iso), updated_at: iso(session.updated_at) };
}

/**
 * `export --format csv` columns: the JSON view's fields, then uid, pauses and updated_at. Tags
 * are joined with `;`; pauses are `start/end` (end empty while open) joined with `;`.
 */
export const EXPORT_CSV_HEADER = [...SESSION_CSV_HEADER, 'uid', 'pauses', 'updated_at'] as const;

export function exportCsvLine(session: Session, now: Date, iso: LocalIso): string {
  const view = exportedSession(session, now, iso);
  const values: CsvValue[] = EXPORT_CSV_HEADER.map((column) => {
    if (column === 'tags') return view.tags.join(';');
    if (column === 'pauses') return view.pauses.map((p) => `${p.started_at}/${p.ended_at ?? ''}`).join(';');
    return view[column] ?? null;
  });
  return csvLine(values);
}

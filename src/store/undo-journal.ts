import type { Session } from '../core/session.js';
import { parseObject, STORE_VERSION, unreadable, type MonthEntry, type Root } from './schema.js';
import type { Codec } from './json-file.js';

/** How many changes `undo` can walk back. */
export const UNDO_DEPTH = 50;

/**
 * What one change replaced: the root's active sessions and counter, and the month entries it
 * changed (null where the month did not exist). The month files named here are kept until the
 * entry leaves the journal, so an undo restores the exact files.
 */
export interface UndoEntry {
  label: string;
  at: string;
  before: { next_id: number; active: Session[]; months: Record<string, MonthEntry | null> };
}

export interface Journal {
  version: number;
  entries: UndoEntry[];
}

export const emptyJournal = (): Journal => ({ version: STORE_VERSION, entries: [] });

export const journalCodec: Codec<Journal> = {
  encode: (journal) => `${JSON.stringify(journal)}\n`,
  decode: (text, path) => {
    const raw = parseObject(text, path);
    if (!Array.isArray(raw.entries) || typeof raw.version !== 'number') throw unreadable(path, 'not an undo journal');
    if (raw.version > STORE_VERSION) throw unreadable(path, 'written by a newer stint; upgrade stint');
    return raw as unknown as Journal;
  },
};

/** The entry that undoes the change from `old` to `next`. */
export function undoEntry(label: string, at: string, old: Root, next: Root): UndoEntry {
  const months: Record<string, MonthEntry | null> = {};
  for (const key of new Set([...Object.keys(old.months), ...Object.keys(next.months)])) {
    if (old.months[key]?.file !== next.months[key]?.file) months[key] = old.months[key] ?? null;
  }
  return { label, at, before: { next_id: old.next_id, active: old.active, months } };
}

/** The root after undoing `entry`; the ID counter never goes back, so IDs are never reused. */
export function undoneRoot(root: Root, entry: UndoEntry): Root {
  const months = { ...root.months };
  for (const [key, month] of Object.entries(entry.before.months)) {
    if (month === null) delete months[key];
    else months[key] = month;
  }
  return {
    ...root,
    revision: root.revision + 1,
    next_id: Math.max(root.next_id, entry.before.next_id),
    active: entry.before.active,
    months,
  };
}

/** Month files the journal still needs. */
export function journalFiles(journal: Journal): string[] {
  return journal.entries.flatMap((e) => Object.values(e.before.months).flatMap((m) => (m ? [m.file] : [])));
}

import { storeError } from '../core/errors.js';
import { copyIndex, monthUnion } from './layout.js';
import { decodeRoot, encodeRoot, type MonthEntry, monthFiles, type Root, sameFiles, type UndoEntry } from './schema.js';

export type { UndoEntry } from './schema.js';

/** How many changes `undo` can walk back. */
export const UNDO_DEPTH = 50;

/** The entry that undoes the change from `old` to `next`; `keys`, the months that may differ (all when not given). */
export function undoEntry(
  label: string,
  at: string,
  old: Root,
  next: Pick<Root, 'months'>,
  keys: Iterable<string> = monthUnion(old.months, next.months),
): UndoEntry {
  const months: Record<string, MonthEntry | null> = {};
  for (const key of keys) {
    if (!sameFiles(old.months[key], next.months[key])) months[key] = old.months[key] ?? null;
  }
  return { label, at, before: { next_id: old.next_id, active: old.active, months } };
}

/** The root after undoing `entry`; the ID counter never goes back, so IDs are never reused. */
export function undoneRoot(root: Root, entry: UndoEntry): Root {
  const revision = root.revision + 1;
  const months = copyIndex(root.months);
  const changed = copyIndex(root.changed ?? {});
  for (const [key, month] of Object.entries(entry.before.months)) {
    if (month === null) delete months[key];
    else months[key] = month;
    changed[key] = revision;
  }
  return {
    ...root,
    revision,
    changed,
    next_id: Math.max(root.next_id, entry.before.next_id),
    active: entry.before.active,
    months,
    undo: (root.undo ?? []).slice(0, -1),
  };
}

/**
 * `undoneRoot`, refused (exit 1, nothing written) unless it reads back through the root's own
 * codec: an undo must never write a root that stint then refuses to read.
 */
export function checkedUndoneRoot(root: Root, entry: UndoEntry, file: string): Root {
  const undone = undoneRoot(root, entry);
  const text = encodeRoot(undone);
  try {
    decodeRoot(text, file);
  } catch (error) {
    const why = (error as Error).message.replace(`${file}: `, '').replace(/; the file was left untouched$/, '');
    throw storeError('Store unreadable', `${file}: undoing ${entry.label} would give a root stint refuses (${why}); nothing was undone`);
  }
  return undone;
}

/** Month files undo entries still need. */
export function undoFiles(entries: readonly UndoEntry[]): string[] {
  return entries.flatMap((e) => Object.values(e.before.months).flatMap((m) => (m ? monthFiles(m) : [])));
}

import { compareByStart, isActive, type Session } from '../core/session.js';
import { encodeMonth, MONTH_PARTS, type MonthEntry, type Root, sameFiles } from './schema.js';
import type { Scope } from './store.js';

/** Finished sessions are filed by the UTC month they started in: stable whatever the user's zone. */
export function monthKey(startedAt: string): string {
  return startedAt.slice(0, 7);
}

function monthBounds(key: string): [number, number] {
  const year = Number(key.slice(0, 4));
  const month = Number(key.slice(5, 7));
  return [Date.UTC(year, month - 1, 1), Date.UTC(year, month, 1)];
}

/** The month files a scope needs. */
export function monthsInScope(root: Root, scope: Scope): string[] {
  const entries = Object.entries(root.months);
  switch (scope.kind) {
    case 'active':
      return [];
    case 'all':
      return entries.map(([key]) => key).sort();
    case 'ids':
      return entries.filter(([, e]) => scope.ids.some((id) => id >= e.min_id && id <= e.max_id)).map(([key]) => key);
    case 'range': {
      const from = scope.from?.getTime() ?? -Infinity;
      const to = scope.to?.getTime() ?? Infinity;
      return entries
        .filter(([key, e]) => {
          const [start, end] = monthBounds(key);
          // A session filed in this month started before `end`, and ended by `ends_by` (or, in an
          // entry written before that was kept, by `end + max_seconds`). At `ends_by` itself: a
          // zero-length session stopped there counts where it starts (core/period.ts, overlaps).
          if (e.ends_by !== undefined) return start < to && e.ends_by * 1000 >= from;
          return start < to && end + e.max_seconds * 1000 > from;
        })
        .map(([key]) => key)
        .sort();
    }
  }
}

/** Groups finished sessions by month, each month sorted oldest first. */
export function fileByMonth(sessions: readonly Session[]): Map<string, Session[]> {
  const months = new Map<string, Session[]>();
  for (const session of sessions) {
    if (isActive(session)) continue;
    const key = monthKey(session.started_at);
    const list = months.get(key);
    if (list) list.push(session);
    else months.set(key, [session]);
  }
  for (const list of months.values()) list.sort(compareByStart);
  return months;
}

export function monthEntry(file: string, sessions: readonly Session[]): MonthEntry {
  let minId = Infinity;
  let maxId = 0;
  let maxSeconds = 0;
  let endsBy = 0;
  for (const s of sessions) {
    minId = Math.min(minId, s.id);
    maxId = Math.max(maxId, s.id);
    if (s.stopped_at !== null) {
      const stopped = Date.parse(s.stopped_at);
      maxSeconds = Math.max(maxSeconds, Math.ceil((stopped - Date.parse(s.started_at)) / 1000));
      endsBy = Math.max(endsBy, Math.ceil(stopped / 1000));
    }
  }
  return { file, count: sessions.length, min_id: minId, max_id: maxId, max_seconds: maxSeconds, ends_by: endsBy };
}

/** `unique` keeps two writers apart even if both ever believed they held the lock. */
export function monthFileName(key: string, revision: number, unique: string): string {
  return `sessions/${key}.r${revision}-${unique}.json`;
}

/** `entry` with a part file of new sessions (IDs above its own) added. */
function withPart(entry: MonthEntry, file: string, sessions: readonly Session[]): MonthEntry {
  const added = monthEntry(file, sessions);
  return {
    file: entry.file,
    count: entry.count + added.count,
    min_id: Math.min(entry.min_id, added.min_id),
    max_id: added.max_id,
    max_seconds: Math.max(entry.max_seconds, added.max_seconds),
    // Unknown for the month's earlier files when its entry predates the field: it stays unknown.
    ...(entry.ends_by === undefined ? {} : { ends_by: Math.max(entry.ends_by, added.ends_by as number) }),
    parts: [...(entry.parts ?? []), file],
  };
}

/**
 * The month files a change writes: every month whose content differs from the text it was
 * loaded from gets a new file name for this revision. A month the change did not load but adds
 * to (a stop into the current month) gets a part file holding only the sessions added, when
 * their IDs are all above the month's (a stop's session, unless a later one was stopped first)
 * and it has fewer than MONTH_PARTS parts; otherwise it is merged with its files, read through
 * `readExisting`, and written whole again.
 */
export async function planMonths(
  change: {
    months: Readonly<Record<string, MonthEntry>>;
    revision: number;
    sessions: readonly Session[];
    loaded: ReadonlyMap<string, string>;
  },
  readExisting: (key: string) => Promise<readonly Session[]>,
): Promise<{ months: Record<string, MonthEntry>; writes: [key: string, file: string, sessions: Session[]][]; touched: string[] }> {
  const months = copyIndex(change.months);
  const filed = fileByMonth(change.sessions);
  const writes: [string, string, Session[]][] = [];
  const unique = Math.random().toString(36).slice(2, 8);
  // Only these months' entries can differ from `change.months`: markChanged and undoEntry
  // compare these instead of every month of the history (200 and more, on each start).
  const touched = [...new Set([...change.loaded.keys(), ...filed.keys()])];
  for (const key of touched) {
    let sessions = filed.get(key) ?? [];
    const entry = months[key];
    if (!change.loaded.has(key) && entry && (entry.parts?.length ?? 0) < MONTH_PARTS && sessions.every((s) => s.id > entry.max_id)) {
      const file = monthFileName(key, change.revision, unique);
      writes.push([key, file, sessions]);
      months[key] = withPart(entry, file, sessions);
      continue;
    }
    if (!change.loaded.has(key) && entry) {
      const added = new Set(sessions.map((s) => s.id));
      const existing = await readExisting(key);
      sessions = [...existing.filter((s) => !added.has(s.id)), ...sessions].sort(compareByStart);
    }
    const text = sessions.length > 0 ? encodeMonth(key, sessions) : null;
    if (text === (change.loaded.get(key) ?? null)) continue;
    if (text === null) {
      delete months[key];
      continue;
    }
    const file = monthFileName(key, change.revision, unique);
    writes.push([key, file, sessions]);
    months[key] = monthEntry(file, sessions);
  }
  return { months, writes, touched };
}

/**
 * A scope's sessions month by month, oldest first: the stored ones of each month in scope, with
 * the active sessions filed under the month they started in (each batch sorted).
 */
export async function* monthBatches(root: Root, scope: Scope, readMonth: (key: string) => Promise<Session[]>): AsyncGenerator<Session[]> {
  const inScope = monthsInScope(root, scope);
  const active = new Map<string, Session[]>();
  for (const s of root.active) active.set(monthKey(s.started_at), [...(active.get(monthKey(s.started_at)) ?? []), s]);
  const keys = [...new Set([...inScope, ...active.keys()])].sort();
  for (const key of keys) {
    const stored = inScope.includes(key) ? await readMonth(key) : [];
    const extra = active.get(key);
    yield extra ? [...stored, ...extra].sort(compareByStart) : stored;
  }
}

/**
 * The root's `changed` index after a commit from `old` to `months`: what differs is marked.
 * `keys`: the months that may differ (planMonths' `touched`); every month when not given.
 */
export function markChanged(
  old: Root,
  months: Readonly<Record<string, MonthEntry>>,
  revision: number,
  keys: Iterable<string> = monthUnion(old.months, months),
): Record<string, number> {
  const changed = copyIndex(old.changed ?? {});
  for (const key of keys) {
    if (!sameFiles(old.months[key], months[key])) changed[key] = revision;
  }
  return changed;
}

/**
 * A copy of an index keyed by month (the root's `months` and `changed`, one key per month of
 * history). JSON.parse hands these over as dictionaries, and a spread (`{ ...index }`) makes V8
 * build a hidden class per key for the copy: ~2.6M instructions for 220 months, twice on every
 * start and stop. Copied key by key they stay cheap (README, Performance).
 */
export function copyIndex<T>(index: Readonly<Record<string, T>>): Record<string, T> {
  const copy: Record<string, T> = {};
  const keys = Object.keys(index);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    copy[key] = index[key] as T;
  }
  return copy;
}

/** Every month either index names. */
export function monthUnion(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): Set<string> {
  return new Set([...Object.keys(a), ...Object.keys(b)]);
}

/**
 * The months whose entry changed after revision `since` (written, emptied, restored by undo),
 * oldest first. A month the root has no record for (written before `changed` was kept) counts as
 * changed, and a revision this store never reached (a copy of another store) asks for all: too
 * much is safe, too little is not.
 */
export function monthsChangedSince(root: Root, since: number): string[] {
  const changed = root.changed ?? {};
  const after = since > root.revision ? 0 : since;
  const keys = new Set([...Object.keys(root.months), ...Object.keys(changed)]);
  return [...keys].filter((key) => (changed[key] ?? Infinity) > after).sort();
}

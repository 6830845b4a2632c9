import { FOCUS_BOUNDS } from '../duration-input.js';
import { invalidInput } from '../errors.js';
import { validateNote } from '../labels.js';
import { activeFocus, isActive, type Session, type TrackerData } from '../session.js';
import { toTag, toTaskName } from './names.js';
import type { ImportFormat, ImportRecord, InvalidEntry, ParsedImport } from './record.js';

/** A name from elsewhere that broke stint's rules, and what it became (once per distinct name). */
export interface Conversion {
  kind: 'task' | 'tag';
  from: string;
  /** Null: a tag with nothing usable left, dropped. */
  to: string | null;
  /** How many entries carried it. */
  count: number;
}

export interface ImportSummary {
  formats: ImportFormat[];
  imported: number;
  /** Entries already in the store (same uid), or twice in the input: not added again. */
  duplicates: number;
  converted: Conversion[];
  /** Unreadable entries left out (only with --skip-invalid; otherwise nothing is imported). */
  skipped: InvalidEntry[];
  first_id: number | null;
  last_id: number | null;
  dry_run: boolean;
}

export interface ImportInput {
  parsed: ParsedImport;
  format: ImportFormat;
}

/**
 * Adds what the files hold to `data`, all or nothing: an unreadable entry rejects the whole
 * import unless `skipInvalid`. Entries whose uid the store already has (an earlier import of
 * the same file) are counted, not added. New sessions get IDs from the local counter, oldest
 * first; their uid and updated_at stay as found, so a stint export comes back as it was.
 */
export function applyImport(data: TrackerData, inputs: readonly ImportInput[], options: { skipInvalid: boolean; dryRun: boolean }): ImportSummary {
  const invalid = inputs.flatMap((input) => input.parsed.invalid);
  if (invalid.length > 0 && !options.skipInvalid) {
    const [first] = invalid as [InvalidEntry];
    const more = invalid.length > 1 ? ` (and ${invalid.length - 1} more; --skip-invalid imports the rest)` : '';
    throw invalidInput('Invalid entry', `${first.where}: ${first.reason}; nothing imported${more}`);
  }
  const known = new Set(data.sessions.map((s) => s.uid));
  const conversions = new Map<string, Conversion>();
  const skipped = [...invalid];
  // Oldest first, so IDs follow time as stint's own do; ties keep the file's order.
  const records = inputs.flatMap((input) => input.parsed.records).sort((a, b) => (a.started_at < b.started_at ? -1 : a.started_at > b.started_at ? 1 : 0));
  let duplicates = 0;
  const added: Session[] = [];
  let focus = activeFocus(data);
  /** Without --skip-invalid, one broken entry stops the import; with it, the entry is listed and left out. */
  const refuse = (record: ImportRecord, reason: string) => {
    if (!options.skipInvalid) throw invalidInput('Invalid entry', `${record.where}: ${reason}; nothing imported`);
    skipped.push({ where: record.where, reason });
  };
  for (const record of records) {
    if (known.has(record.uid)) {
      duplicates += 1;
      continue;
    }
    // The rules add and edit keep, so an import cannot store what stint itself would refuse.
    const problem = ruleBroken(record);
    if (problem !== null) {
      refuse(record, problem);
      continue;
    }
    const session = asSession(record, data.next_id);
    session.note = validateNote(record.note ?? undefined);
    session.task = convert(conversions, 'task', record.task, toTaskName(record.task)) as string;
    session.tags = [...new Set(record.tags.map((tag) => convert(conversions, 'tag', tag, toTag(tag))).filter((t): t is string => t !== null))];
    if (isActive(session) && session.planned_seconds !== null) {
      if (focus) {
        refuse(record, `focus session ${focus.id} (${focus.task}) is already active`);
        continue;
      }
      focus = session;
    }
    known.add(record.uid);
    data.next_id += 1;
    data.sessions.push(session);
    added.push(session);
  }
  return {
    formats: [...new Set(inputs.map((input) => input.format))],
    imported: added.length,
    duplicates,
    converted: [...conversions.values()],
    skipped,
    first_id: added[0]?.id ?? null,
    last_id: added.at(-1)?.id ?? null,
    dry_run: options.dryRun,
  };
}

/** What of stint's own rules for a session an entry breaks, if any (names are converted instead). */
function ruleBroken(record: ImportRecord): string | null {
  const planned = record.planned_seconds;
  if (planned !== null && (planned < FOCUS_BOUNDS.minSeconds || planned > FOCUS_BOUNDS.maxSeconds)) {
    return `planned_seconds ${planned} is outside a focus session's 60 s to 24 h`;
  }
  try {
    validateNote(record.note ?? undefined);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}

function asSession(record: ImportRecord, id: number): Session {
  const { uid, task, tags, started_at, stopped_at, status, planned_seconds, pauses, note, updated_at } = record;
  return { id, uid, task, started_at, stopped_at, status, planned_seconds, pauses, tags, note, updated_at };
}

/** Records a conversion when the name changed, and returns the new name. */
function convert(conversions: Map<string, Conversion>, kind: Conversion['kind'], from: string, to: string | null): string | null {
  if (to === from) return to;
  const key = `${kind}\u0000${from}`;
  const seen = conversions.get(key);
  if (seen) seen.count += 1;
  else conversions.set(key, { kind, from, to, count: 1 });
  return to;
}

import { FOCUS_BOUNDS } from '../duration-input.js';
import { timesProblem } from '../corrections.js';
import { invalidInput } from '../errors.js';
import { type Overlap, overlapsOf } from '../overlaps.js';
import { printable, validateNote } from '../labels.js';
import { activeFocus, isActive, type Session, type TrackerData } from '../session.js';
import { toStoredInstant } from '../time.js';
import { assignIds } from './ids.js';
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

/** Which Timewarrior tags became which task, and for how many imported intervals. */
export interface TaskMapping {
  /** The interval's tags as Timewarrior stores them (sorted). */
  tags: string[];
  task: string;
  count: number;
}

export interface ImportSummary {
  formats: ImportFormat[];
  imported: number;
  /** Watson frames already here whose copy in the file is newer (its updated_at): replaced in place. */
  updated: number;
  /** Entries already in the store (same uid), or twice in the input: not added again. */
  duplicates: number;
  converted: Conversion[];
  /** Timewarrior only: each set of tags found and the task it gave, most intervals first. */
  task_mapping: TaskMapping[];
  /** Unreadable entries left out (only with --skip-invalid; otherwise nothing is imported). */
  skipped: InvalidEntry[];
  /** Sessions of one task that now overlap, an imported or updated one in each pair. */
  overlaps: Overlap[];
  /** The lowest and highest ID given to an imported session. */
  first_id: number | null;
  last_id: number | null;
  dry_run: boolean;
}

export interface ImportInput {
  parsed: ParsedImport;
  format: ImportFormat;
}

export interface ImportSettings {
  skipInvalid: boolean;
  dryRun: boolean;
  /** The clock: nothing after it is imported, as add refuses it. */
  now: Date;
}

/**
 * Adds what the files hold to `data`, all or nothing: an unreadable entry, or one that breaks a
 * rule add keeps, rejects the whole import unless `skipInvalid`. Entries whose uid the store
 * already has (an earlier import of the same file) are counted, not added — except a Watson frame
 * edited there since: a newer updated_at replaces the session's times and names, its ID kept.
 * New sessions keep a stint export's ID where this store never gave it out (ids.ts), others get
 * the next IDs, oldest first; their uid and updated_at stay as found.
 */
export function applyImport(data: TrackerData, inputs: readonly ImportInput[], options: ImportSettings): ImportSummary {
  const invalid = inputs.flatMap((input) => input.parsed.invalid);
  if (invalid.length > 0 && !options.skipInvalid) {
    const [first] = invalid as [InvalidEntry];
    const more = invalid.length > 1 ? ` (and ${invalid.length - 1} more; --skip-invalid imports the rest)` : '';
    throw invalidInput('Invalid entry', `${first.where}: ${first.reason}; nothing imported${more}`);
  }
  const nowAt = toStoredInstant(options.now);
  const byUid = new Map(data.sessions.map((s) => [s.uid, s]));
  const conversions = new Map<string, Conversion>();
  const skipped = [...invalid];
  // Oldest first, so new IDs follow time as stint's own do; ties keep the file's order.
  const entries = inputs.flatMap((input, file) =>
    input.parsed.records.map((record) => ({ record, file, edits: input.format === 'watson', mapped: input.format === 'timewarrior' })),
  );
  // Each uid's first entry, and its file. Another entry of the same session in the same file is
  // a repeat when it says the same (counted as a duplicate), and a damaged file when it does not
  // (two intervals with the same times but other tags, a uid given to two sessions of an export):
  // keeping either would lose the other without a word. Across files (a data folder and its
  // export) the same session is a duplicate, as on a second import.
  const seen = new Map<string, { file: number; record: ImportRecord }>();
  const says = (record: ImportRecord) => JSON.stringify({ ...record, where: '' });
  const mapping = new Map<string, TaskMapping>();
  entries.sort((a, b) => (a.record.started_at < b.record.started_at ? -1 : a.record.started_at > b.record.started_at ? 1 : 0));
  let duplicates = 0;
  let updated = 0;
  const added: Session[] = [];
  const changed: Session[] = [];
  const wanted: (number | undefined)[] = [];
  let focus = activeFocus(data);
  let focusWhere = '';
  /** Without --skip-invalid, one broken entry stops the import; with it, the entry is listed and left out. */
  const refuse = (record: ImportRecord, reason: string) => {
    if (!options.skipInvalid) throw invalidInput('Invalid entry', `${record.where}: ${reason}; nothing imported`);
    skipped.push({ where: record.where, reason });
  };
  for (const { record, file, edits, mapped } of entries) {
    const first = seen.get(record.uid);
    if (first?.file === file && says(first.record) !== says(record)) {
      refuse(record, `the same session as ${first.record.where} (the same ${mapped ? 'times' : 'uid'}), with other contents`);
      continue;
    }
    if (first === undefined) seen.set(record.uid, { file, record });
    const stored = byUid.get(record.uid);
    // Watson stamps each change of a frame; stint's own files and Timewarrior's intervals are kept as first found.
    if (stored && !(edits && record.updated_at > stored.updated_at && !isActive(stored))) {
      duplicates += 1;
      continue;
    }
    // The rules add and edit keep, so an import cannot store what stint itself would refuse;
    // an update keeps the stored session's pauses, which must stay inside its new times.
    const problem = ruleBroken(stored ? { ...record, pauses: stored.pauses } : record, nowAt);
    if (problem !== null) {
      refuse(record, problem);
      continue;
    }
    const task = convert(conversions, 'task', record.task, toTaskName(record.task)) as string;
    const tags = [
      ...new Set(record.tags.map((tag) => convert(conversions, 'tag', tag, toTag(tag))).filter((t): t is string => t !== null)),
    ];
    if (stored) {
      const { started_at, stopped_at, updated_at } = record;
      Object.assign(stored, { started_at, stopped_at, task, tags, updated_at });
      changed.push(stored);
      updated += 1;
      continue;
    }
    const session = asSession(record);
    session.note = validateNote(record.note ?? undefined);
    session.task = task;
    session.tags = tags;
    if (isActive(session) && session.planned_seconds !== null) {
      if (focus) {
        // One of this import's own has no ID yet: it is named by where it is in the files.
        const which = focus.id > 0 ? `focus session ${focus.id}` : `the focus session of ${focusWhere}`;
        refuse(record, `${which} (${focus.task}) is already active`);
        continue;
      }
      focus = session;
      focusWhere = record.where;
    }
    if (mapped) countMapping(mapping, record.tags, task);
    byUid.set(record.uid, session);
    added.push(session);
    wanted.push(record.id);
  }
  const ids = assignIds(data, wanted);
  for (const [i, session] of added.entries()) session.id = ids[i] as number;
  for (const session of added) data.sessions.push(session);
  return {
    formats: [...new Set(inputs.map((input) => input.format))],
    imported: added.length,
    updated,
    duplicates,
    converted: [...conversions.values()],
    task_mapping: [...mapping.values()].sort((a, b) => b.count - a.count),
    skipped,
    overlaps: overlapsOf(data.sessions, [...added, ...changed], options.now),
    // Not Math.min(...ids): 100,000 arguments overflow the stack.
    first_id: ids.reduce<number | null>((min, id) => (min === null || id < min ? id : min), null),
    last_id: ids.reduce<number | null>((max, id) => (max === null || id > max ? id : max), null),
    dry_run: options.dryRun,
  };
}

/** What of stint's own rules for a session an entry breaks, if any (names are converted instead). */
function ruleBroken(record: ImportRecord, nowAt: string): string | null {
  const times = timesProblem(record, nowAt);
  if (times !== null) return times;
  // Sync keeps the later of two changes: a change stamped in the future would win every one.
  if (record.updated_at > nowAt) return `updated_at ${record.updated_at} is in the future`;
  // The uid travels (export, sync) and is printed by show --json and export's CSV.
  if (record.uid.length > UID_MAX || !printable(record.uid)) {
    return `the uid is not one stint can keep (at most ${UID_MAX} characters, none of them control characters)`;
  }
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

/** Room for any tracker's identity: a UUID is 36, a Watson frame's `watson-<32 hex>` 39. */
const UID_MAX = 200;

/** The session an entry becomes; its ID is given once every new session is known. */
function asSession(record: ImportRecord): Session {
  const { uid, task, tags, started_at, stopped_at, status, planned_seconds, pauses, note, updated_at } = record;
  return { id: 0, uid, task, started_at, stopped_at, status, planned_seconds, pauses, tags, note, updated_at };
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

function countMapping(mapping: Map<string, TaskMapping>, tags: string[], task: string): void {
  const key = tags.join('\u0000');
  const seen = mapping.get(key);
  if (seen) seen.count += 1;
  else mapping.set(key, { tags, task, count: 1 });
}

import { timesProblem } from '../corrections.js';
import { storeError } from '../errors.js';
import { isTag, isTaskName } from '../import/names.js';
import { unknownField } from '../json-keys.js';
import { validateNote } from '../labels.js';
import type { Session } from '../session.js';
import { isStoredInstant, noteValid, plannedValid, sessionProblem, stateProblem, tagsValid, taskValid } from '../session-rules.js';
import { LAST_INSTANT } from '../time.js';
import type { Stamp } from './hlc.js';
import { type Entry, FIELD_NAMES, fieldsOf, type Merged, type SessionState, type SyncedSession } from './merge.js';

// What sync takes from another device, and what a merge may make of a session: what the store
// checks of every session it reads (core/session-rules.ts, the same functions), in the form the
// log is written in (instants in UTC to the second: the merge compares them as text), with the
// names the commands give (a task name, tags, a note) and times edit and import would keep. A
// log holding anything else was forged or damaged; a merge making anything else would write a
// store that cannot be read (every command would then stop at it), so nothing of it is written.

/** An instant as the log holds it: as the store reads it, and in UTC to the second. */
const isLogInstant = (value: unknown): value is string => isStoredInstant(value) && value.length === 20 && value.endsWith('Z');

const STATE_FIELDS = ['status', 'stopped_at', 'pauses'];

/** A note as `validateNote` leaves it (at most 500 characters, trimmed, not blank). */
function isNote(note: string): boolean {
  try {
    return validateNote(note) === note;
  } catch {
    return false;
  }
}

/** What is wrong with the value of one synced field (as a change or an entry holds it), or null. */
export function fieldProblem(name: string, value: unknown): string | null {
  switch (name) {
    case 'task':
      if (typeof value !== 'string') return 'bad task';
      if (!taskValid(value)) return 'its task holds control characters';
      return isTaskName(value) ? null : 'bad task (not a task name: 3–20 letters, digits, - or _)';
    case 'tags':
      if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string')) return 'bad tags';
      if (!tagsValid(value)) return 'its tags holds control characters';
      return value.every(isTag) && new Set(value).size === value.length
        ? null
        : 'bad tags (not tags: 1–30 letters, digits, - or _, none twice)';
    case 'note':
      if (value !== null && typeof value !== 'string') return 'bad note';
      if (!noteValid(value)) return 'its note holds control characters';
      return value === null || isNote(value) ? null : 'bad note (not a note: trimmed, not blank, at most 500 characters)';
    case 'started_at':
    case 'updated_at':
      return isLogInstant(value) ? null : `bad ${name}`;
    case 'planned_seconds':
      return plannedValid(value) ? null : 'bad planned_seconds';
    case 'state':
      return stateFieldProblem(value);
    default:
      return `bad ${name}`;
  }
}

function stateFieldProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'bad state';
  const state = value as Record<string, unknown>;
  const stray = unknownField(state, STATE_FIELDS);
  if (stray !== undefined) return `bad state (unknown field ${JSON.stringify(stray)})`;
  const problem = stateProblem(state.status, state.stopped_at, state.pauses);
  if (problem !== null) return `bad state (${problem})`;
  const { stopped_at: stop, pauses } = state as unknown as SessionState;
  const instants = [stop, ...pauses.flatMap((p) => [p.started_at, p.ended_at])];
  return instants.every((at) => at === null || isLogInstant(at)) ? null : 'bad state (an instant not in UTC to the second)';
}

/**
 * The start and state as one change set them (one device's session at one moment): the times
 * edit and import keep, none of them in the future of no clock (devices' clocks differ).
 */
export function togetherProblem(start: string, state: SessionState): string | null {
  const problem = timesProblem({ started_at: start, stopped_at: state.stopped_at, pauses: state.pauses }, LAST_INSTANT);
  return problem && `bad times (${problem})`;
}

/** What is wrong with the fields one change sets, each and together, or null. */
export function setProblem(set: Readonly<Record<string, unknown>>): string | null {
  for (const name of Object.keys(set)) {
    const problem = fieldProblem(name, set[name]);
    if (problem !== null) return problem;
  }
  const { started_at: start, state } = set;
  return start === undefined || state === undefined ? null : togetherProblem(start as string, state as SessionState);
}

/**
 * What is wrong with a session a merge would store, or null: what the store will refuse on
 * read, and what another device would refuse in the change this one sends of it.
 */
export function syncedSessionProblem(session: SyncedSession): string | null {
  const stored = sessionProblem(session);
  if (stored !== null) return stored;
  const fields = fieldsOf(session);
  for (const name of FIELD_NAMES) {
    const problem = fieldProblem(name, fields[name]);
    if (problem !== null) return problem;
  }
  return togetherProblem(session.started_at, fields.state);
}

/** The changes a round read from other devices' logs, and the file each came from. */
export interface Arrivals {
  changes: readonly { uid: string; at: Stamp }[];
  fileOf(index: number): string;
}

/**
 * Checks every session a merge would store, before anything is written. The merge repairs what
 * changes made apart can make together (README "Merge rules"); what it cannot is refused: the
 * sync stops (exit 1) naming the log file the offending values came from, or, when they are
 * this device's own, the session here. Nothing of the round is written either way.
 */
export function checkMerged(
  apply: readonly { uid: string; session: SyncedSession | null }[],
  merged: Merged,
  arrivals: Arrivals,
  local: readonly Session[],
): void {
  for (const { uid, session } of apply) {
    if (session === null) continue;
    const problem = syncedSessionProblem(session);
    if (problem === null) continue;
    const stamps = new Set(culprits(merged[uid], session));
    const files = new Set<string>();
    arrivals.changes.forEach((change, i) => {
      if (change.uid === uid && stamps.has(change.at)) files.add(arrivals.fileOf(i));
    });
    if (files.size > 0) {
      throw storeError(
        'Bad sync log',
        `${[...files].join(', ')}: session ${uid} would be one stint cannot store (${problem}); the log was forged or damaged: nothing was taken from it`,
      );
    }
    const here = local.find((s) => s.uid === uid);
    throw storeError(
      'Bad session',
      `session ${here ? `#${here.id}` : uid} (${session.task}) is one stint would not store elsewhere (${problem}); correct or remove it, then run stint sync again`,
    );
  }
}

/** The stamps of the values that make a session unstorable: the bad fields', else the start's and state's (their times together). */
function culprits(entry: Entry | undefined, session: SyncedSession): Stamp[] {
  if (!entry) return [];
  const fields = fieldsOf(session);
  const bad = FIELD_NAMES.filter((name) => fieldProblem(name, fields[name]) !== null);
  return (bad.length > 0 ? bad : (['started_at', 'state'] as const)).flatMap((name) => {
    const pair = entry.fields[name];
    return pair ? [pair[1]] : [];
  });
}

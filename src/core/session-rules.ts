import { unknownField } from './json-keys.js';
import { printable } from './labels.js';
import { STATUSES } from './session.js';

// What a stored session must be, whoever wrote it (README "Storage", "Checked on read"): the
// store checks every session it reads with these (src/store/schema.ts), and sync every session
// and value another device tells of (src/core/sync/check.ts), so a merge never writes a session
// the store would then refuse. Pure and cheap: a month file has hundreds of sessions to check.

// Instants as this program writes them, field ranges included: cheaper than Date.parse over a
// whole history, and stricter (Date.parse takes a date alone).
const INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isStoredInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value);
}

/** Whether instant `a` is before `b`: as text when both are UTC to the second, as stint writes them. */
function before(a: string, b: string): boolean {
  return a.length === 20 && b.length === 20 && a.endsWith('Z') && b.endsWith('Z') ? a < b : Date.parse(a) < Date.parse(b);
}

const PAUSE_FIELDS = ['started_at', 'ended_at'];

/** A pause as commands write it: a start, and an end (null while it lasts) not before it. */
function pauseValid(pause: unknown): boolean {
  if (typeof pause !== 'object' || pause === null || Array.isArray(pause)) return false;
  const { started_at: start, ended_at: end } = pause as Record<string, unknown>;
  if (!isStoredInstant(start) || unknownField(pause as Record<string, unknown>, PAUSE_FIELDS) !== undefined) return false;
  return end === null || (isStoredInstant(end) && !before(end, start));
}

/**
 * What is wrong with a session's state (status, stop, pauses), or null: hand-edited badly, it is
 * what no command writes, and what every report would take in (a running session with a stop,
 * an ended one without, a pause ending before it starts).
 */
export function stateProblem(status: unknown, stoppedAt: unknown, pauses: unknown): string | null {
  if (stoppedAt !== null && !isStoredInstant(stoppedAt)) return 'invalid "stopped_at"';
  if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) return 'invalid "status"';
  const ended = stoppedAt !== null;
  if (ended === (status === 'running' || status === 'paused')) return `"status" ${status} ${ended ? 'with' : 'without'} a "stopped_at"`;
  if (!Array.isArray(pauses) || !pauses.every(pauseValid)) return 'invalid "pauses"';
  return null;
}

/** A focus target: none, or a whole number of seconds. */
export const plannedValid = (planned: unknown): boolean => planned === null || (Number.isSafeInteger(planned) && (planned as number) > 0);

/** Text a terminal prints as it is: a task or tag holds no control character, a note only line breaks and tabs. */
export const taskValid = (task: unknown): task is string => typeof task === 'string' && printable(task);
export const tagsValid = (tags: unknown): tags is string[] =>
  Array.isArray(tags) && tags.every((tag) => typeof tag === 'string' && printable(tag));
export const noteValid = (note: unknown): boolean => note === null || (typeof note === 'string' && printable(note, true));

/**
 * What is wrong with a stored session, its local ID aside (the store checks that against its
 * counter), or null. A note may be absent (older files); every other field must be there.
 */
export function sessionProblem(session: object): string | null {
  const value = session as Readonly<Record<string, unknown>>;
  const { uid, task, started_at: startedAt, stopped_at: stoppedAt, note, device } = value;
  if (typeof uid !== 'string' || uid === '') return 'invalid "uid"';
  if (typeof task !== 'string') return 'invalid "task"';
  if (!isStoredInstant(startedAt)) return 'invalid "started_at"';
  const state = stateProblem(value.status, stoppedAt, value.pauses);
  if (state !== null) return state;
  if (stoppedAt !== null && before(stoppedAt as string, startedAt)) return '"stopped_at" is before "started_at"';
  if (!taskValid(task)) return 'invalid "task"';
  if (!plannedValid(value.planned_seconds)) return 'invalid "planned_seconds"';
  if (!isStoredInstant(value.updated_at)) return 'invalid "updated_at"';
  if (!tagsValid(value.tags)) return 'invalid "tags"';
  if (note !== undefined && !noteValid(note)) return 'invalid "note"';
  if (device !== undefined && (typeof device !== 'string' || device === '')) return 'invalid "device"';
  return null;
}

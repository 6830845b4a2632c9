import { STATUSES, type Pause, type Status } from '../session.js';
import { isWithinYears, toStoredInstant, YEARS } from '../time.js';
import type { ImportRecord } from './record.js';
import { EntryProblem, show, unique } from './text.js';

// One session of stint's own export, from JSON or from CSV (the CSV reader turns its text fields
// into the JSON's values first), checked as thoroughly as the store's own rules: an imported
// session is stored as it is, and the commands that resume, stop or report it trust its shape.

/** A session as found in the file: the export's field names, values not yet trusted. */
export type SessionFields = Record<string, unknown>;

// Local ISO 8601 as `export` writes it, or stored UTC; fractions are allowed and dropped.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

const fail = (reason: string): never => {
  throw new EntryProblem(reason);
};

/**
 * An ISO 8601 instant with its offset, as a stored instant. Date.parse alone would take
 * `2026-02-30` (as 2 March) or a date without an offset (as local time): both are refused.
 */
export function readInstant(value: unknown, field: string): string {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  const ms = match ? Date.parse(value as string) : NaN;
  if (!match || Number.isNaN(ms)) return fail(`${field} is not an ISO 8601 time with an offset: ${show(value)}`);
  const [, y, mo, d, h, mi, s, , sign, oh, om] = match;
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  // The wall time written must be the one the instant has at that offset: no day 30 of February.
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  if (wall !== `${y}-${mo}-${d}T${h}:${mi}:${s}`) fail(`${field} is not a real time: ${show(value)}`);
  const instant = toStoredInstant(new Date(ms));
  // Checked here too, not only with the session's rules: out of them, instants no longer compare as strings.
  if (!isWithinYears(instant)) fail(`${field} is outside the years ${YEARS.first}–${YEARS.last}: ${show(value)}`);
  return instant;
}

function readOptionalInstant(value: unknown, field: string): string | null {
  return value === null || value === undefined ? null : readInstant(value, field);
}

function readText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') return fail(`${field} is missing`);
  return value;
}

function readStatus(value: unknown): Status {
  const status = STATUSES.find((s) => s === value);
  return status ?? fail(`unknown status ${show(value)}`);
}

function readPlanned(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  return fail(`planned_seconds must be a positive whole number or null: ${show(value)}`);
}

function readTags(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) return fail('tags must be a list of strings');
  return unique(value);
}

function readNote(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : fail('note must be text or null');
}

/**
 * Pauses in order, each inside the session and after the one before; only a paused session
 * has an open pause, its last, as `pause` and `resume` leave them.
 */
function readPauses(value: unknown, start: string, stop: string | null, status: Status): Pause[] {
  if (value === undefined || value === null) value = [];
  if (!Array.isArray(value)) return fail('pauses must be a list');
  let earliest = start;
  const pauses = value.map((raw: unknown, i): Pause => {
    const field = `pause ${i + 1}`;
    if (typeof raw !== 'object' || raw === null) return fail(`${field} is not a pause`);
    const { started_at, ended_at } = raw as Record<string, unknown>;
    const pause = { started_at: readInstant(started_at, `${field} start`), ended_at: readOptionalInstant(ended_at, `${field} end`) };
    if (pause.started_at < earliest) fail(`${field} starts before ${i === 0 ? 'the session' : 'the pause before it ends'}`);
    if (pause.ended_at !== null && pause.ended_at < pause.started_at) fail(`${field} ends before it starts`);
    if (stop !== null && (pause.ended_at ?? pause.started_at) > stop) fail(`${field} ends after the session`);
    if (pause.ended_at === null && (status !== 'paused' || i !== value.length - 1)) {
      fail(`${field} is open, but only the last pause of a paused session can be`);
    }
    earliest = pause.ended_at ?? pause.started_at;
    return pause;
  });
  if (status === 'paused' && pauses[pauses.length - 1]?.ended_at !== null) fail('a paused session needs an open pause');
  return pauses;
}

/** The highest session_id an import keeps: next_id stays a safe integer however many sessions follow. */
export const MAX_SESSION_ID = 999_999_999;

/** The exported session_id; a hand-made file may leave it out. */
function readId(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_SESSION_ID) return value;
  return fail(`session_id must be a whole number from 1 to ${MAX_SESSION_ID}: ${show(value)}`);
}

/** A record from one exported session; derived fields (durations) are ignored. */
export function readStintSession(fields: SessionFields, where: string): ImportRecord {
  const id = readId(fields.session_id);
  const uid = readText(fields.uid, 'uid');
  const task = readText(fields.task_name, 'task_name');
  const started_at = readInstant(fields.started_at, 'started_at');
  const stopped_at = readOptionalInstant(fields.stopped_at, 'stopped_at');
  const status = readStatus(fields.status);
  // Stored instants compare as strings: same form, same width, UTC.
  if (stopped_at !== null && stopped_at < started_at) fail('stopped_at is before started_at');
  const active = status === 'running' || status === 'paused';
  if (active && stopped_at !== null) fail(`a ${status} session cannot have stopped_at`);
  if (!active && stopped_at === null) fail(`a ${status} session needs stopped_at`);
  return {
    ...(id === undefined ? {} : { id }),
    where,
    uid,
    task,
    tags: readTags(fields.tags),
    started_at,
    stopped_at,
    status,
    planned_seconds: readPlanned(fields.planned_seconds),
    pauses: readPauses(fields.pauses, started_at, stopped_at, status),
    note: readNote(fields.note),
    // Older hand-made files may lack it; the session's last known change stands in.
    updated_at: readOptionalInstant(fields.updated_at, 'updated_at') ?? stopped_at ?? started_at,
  };
}

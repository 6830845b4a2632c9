import { storeError } from '../core/errors.js';
import { STATUSES, type Session, type TrackerData } from '../core/session.js';

/** Bump with a migration in `migrate` whenever the stored shape changes. */
export const STORE_VERSION = 1;

interface SessionsFileV1 extends TrackerData {
  version: number;
}

export function encodeSessionsFile(data: TrackerData): string {
  const file: SessionsFileV1 = { version: STORE_VERSION, next_id: data.next_id, sessions: data.sessions };
  return `${JSON.stringify(file, null, 1)}\n`;
}

const unreadable = (file: string, why: string) =>
  storeError('Store unreadable', `${file}: ${why}; the file was left untouched`);

/** Parses and checks a sessions file; anything doubtful is refused rather than guessed at. */
export function decodeSessionsFile(text: string, file: string): TrackerData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw unreadable(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(raw)) throw unreadable(file, 'expected a JSON object');
  const { version } = raw;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw unreadable(file, 'missing or invalid "version"');
  }
  if (version > STORE_VERSION) {
    throw unreadable(
      file,
      `written by a newer stint (store version ${version}, this one reads up to ${STORE_VERSION}); upgrade stint`,
    );
  }
  const { next_id: nextId, sessions } = raw;
  if (typeof nextId !== 'number' || !Number.isInteger(nextId) || nextId < 1) {
    throw unreadable(file, 'missing or invalid "next_id"');
  }
  if (!Array.isArray(sessions)) throw unreadable(file, '"sessions" is not a list');
  const seen = new Set<unknown>();
  sessions.forEach((session, index) => {
    const problem = sessionProblem(session, nextId);
    if (problem) throw unreadable(file, `session at index ${index}: ${problem}`);
    const { id } = session as Session;
    if (seen.has(id)) throw unreadable(file, `session at index ${index}: "id" ${id} appears twice`);
    seen.add(id);
  });
  return { next_id: nextId, sessions: sessions as Session[] };
}

function sessionProblem(value: unknown, nextId: number): string | null {
  if (!isRecord(value)) return 'not an object';
  const { id, uid, task, started_at: startedAt, stopped_at: stoppedAt, status, pauses, tags } = value;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) return 'invalid "id"';
  if (id >= nextId) return `"id" ${id} is not below "next_id" ${nextId}`;
  if (typeof uid !== 'string' || uid === '') return 'invalid "uid"';
  if (typeof task !== 'string') return 'invalid "task"';
  if (!isInstant(startedAt)) return 'invalid "started_at"';
  if (stoppedAt !== null && !isInstant(stoppedAt)) return 'invalid "stopped_at"';
  if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) {
    return 'invalid "status"';
  }
  if (!Array.isArray(pauses)) return 'invalid "pauses"';
  if (!Array.isArray(tags)) return 'invalid "tags"';
  return null;
}

function isInstant(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

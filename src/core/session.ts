import { conflict, invalidInput, notFound } from './errors.js';
import { secondsBetween, toStoredInstant } from './time.js';

export const STATUSES = ['running', 'paused', 'completed', 'partial', 'abandoned'] as const;
export type Status = (typeof STATUSES)[number];
export type ActiveStatus = Extract<Status, 'running' | 'paused'>;
export type Outcome = Extract<Status, 'completed' | 'partial' | 'abandoned'>;

export interface Pause {
  started_at: string;
  ended_at: string | null;
}

/** A session as stored: instants are UTC ISO strings with whole seconds. */
export interface Session {
  id: number;
  uid: string;
  task: string;
  started_at: string;
  stopped_at: string | null;
  status: Status;
  planned_seconds: number | null;
  pauses: Pause[];
  tags: string[];
  note: string | null;
  updated_at: string;
}

/** Everything the tracker knows: the sessions and the ID counter that is never wound back. */
export interface TrackerData {
  next_id: number;
  sessions: Session[];
}

export function emptyTrackerData(): TrackerData {
  return { next_id: 1, sessions: [] };
}

export function isActive(session: Session): boolean {
  return session.status === 'running' || session.status === 'paused';
}

/** Length of one pause; an open one counts up to the session's stop, or to `now`. */
export function pauseSeconds(session: Session, pause: Pause, now: Date): number {
  const end = pause.ended_at ?? session.stopped_at ?? toStoredInstant(now);
  return Math.max(0, secondsBetween(pause.started_at, end));
}

/** Seconds spent paused up to `now`. */
export function pausedSeconds(session: Session, now: Date): number {
  return session.pauses.reduce((total, pause) => total + pauseSeconds(session, pause, now), 0);
}

/** Running time without pauses; live for running and paused sessions, never negative. */
export function durationSeconds(session: Session, now: Date): number {
  const end = session.stopped_at ?? toStoredInstant(now);
  const elapsed = secondsBetween(session.started_at, end);
  return Math.max(0, elapsed - pausedSeconds(session, now));
}

export interface NewSession {
  task: string;
  uid: string;
  tags?: string[];
  note?: string | null;
  plannedSeconds?: number | null;
}

/** Adds a running session starting at `now` and returns it; takes its ID from the counter. */
export function startSession(data: TrackerData, input: NewSession, now: Date): Session {
  const at = toStoredInstant(now);
  const session: Session = {
    id: data.next_id,
    uid: input.uid,
    task: input.task,
    started_at: at,
    stopped_at: null,
    status: 'running',
    planned_seconds: input.plannedSeconds ?? null,
    pauses: [],
    tags: input.tags ?? [],
    note: input.note ?? null,
    updated_at: at,
  };
  data.next_id += 1;
  data.sessions.push(session);
  return session;
}

export function findSession(data: TrackerData, id: number): Session {
  const session = data.sessions.find((s) => s.id === id);
  if (!session) throw notFound('Session not found', `No session with ID ${id}`);
  return session;
}

export function activeSessions(data: TrackerData): Session[] {
  return data.sessions.filter(isActive);
}

/** Ends a running or paused session at `now` with the given outcome. */
export function stopSession(session: Session, now: Date, outcome: Outcome = 'completed'): Session {
  if (!isActive(session)) {
    throw conflict('Session already stopped', `Session ${session.id} was already stopped`);
  }
  const at = toStoredInstant(now);
  if (secondsBetween(session.started_at, at) < 0) {
    throw invalidInput(
      'Invalid time',
      `Session ${session.id} cannot stop before it started (${session.started_at})`,
    );
  }
  const openPause = session.pauses.find((p) => p.ended_at === null);
  if (openPause) openPause.ended_at = at;
  session.stopped_at = at;
  session.status = outcome;
  session.updated_at = at;
  return session;
}

/**
 * Picks what `stop` without an ID means: the one running or paused session.
 * None, or several, is a conflict with the current state that the user must resolve.
 */
export function soleActiveSession(data: TrackerData): Session {
  const active = activeSessions(data);
  const [only] = active;
  if (only && active.length === 1) return only;
  if (active.length === 0) {
    throw conflict('No running session', 'There is no running or paused session to stop');
  }
  const ids = active.map((s) => `${s.id} (${s.task})`).join(', ');
  throw conflict(
    'Several sessions running',
    `Sessions ${ids} are running; give an ID or use --all`,
  );
}

export function removeSessions(data: TrackerData, ids: readonly number[]): Session[] {
  const removed = ids.map((id) => findSession(data, id));
  const gone = new Set(removed.map((s) => s.id));
  data.sessions = data.sessions.filter((s) => !gone.has(s.id));
  return removed;
}

/** Oldest first; ties (same second) by ID so the order is stable. */
export function compareByStart(a: Session, b: Session): number {
  if (a.started_at === b.started_at) return a.id - b.id;
  return a.started_at < b.started_at ? -1 : 1;
}

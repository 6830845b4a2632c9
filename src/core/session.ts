import { conflict, invalidInput, notFound } from './errors.js';
import { localInstantText, secondsBetween, toStoredInstant } from './time.js';

export const STATUSES = ['running', 'paused', 'completed', 'partial', 'abandoned'] as const;
export type Status = (typeof STATUSES)[number];
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
  /**
   * The device the session was created on, once a sync has seen it (the same on every device, so
   * they show the same sessions field for field); absent in a store that never synced.
   */
  device?: string;
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
  let total = 0;
  for (const pause of session.pauses) total += pauseSeconds(session, pause, now);
  return total;
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

/**
 * Adds a running session starting at `start` and returns it; takes its ID from the counter.
 * `now` (the clock, default `start`) stamps updated_at: when the record changed, for merging
 * stores later, even when the session itself is back-dated.
 */
export function startSession(data: TrackerData, input: NewSession, start: Date, now: Date = start): Session {
  const at = toStoredInstant(start);
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
    updated_at: toStoredInstant(now),
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

function notBefore(session: Session, at: string, earliest: string, what: string): void {
  if (secondsBetween(earliest, at) < 0) {
    throw invalidInput('Invalid time', `Session ${session.id} cannot ${what} before ${localInstantText(earliest)}`);
  }
}

const lastPause = (session: Session): Pause | undefined => session.pauses[session.pauses.length - 1];

function assertNotEnded(session: Session): void {
  if (!isActive(session)) {
    throw conflict('Session already stopped', `Session ${session.id} was already stopped`);
  }
}

/** Ends a running or paused session at `at` with the given outcome (an open pause ends then too). */
export function stopSession(session: Session, at: Date, outcome: Outcome = 'completed', now: Date = at): Session {
  assertNotEnded(session);
  const when = toStoredInstant(at);
  notBefore(session, when, session.started_at, 'stop');
  const pause = lastPause(session);
  if (pause) notBefore(session, when, pause.ended_at ?? pause.started_at, 'stop');
  if (pause && pause.ended_at === null) pause.ended_at = when;
  session.stopped_at = when;
  session.status = outcome;
  session.updated_at = toStoredInstant(now);
  return session;
}

/** Running → paused at `at`; the time until it resumes does not count. */
export function pauseSession(session: Session, at: Date, now: Date = at): Session {
  assertNotEnded(session);
  if (session.status === 'paused') {
    throw conflict('Session already paused', `Session ${session.id} is already paused`);
  }
  const when = toStoredInstant(at);
  notBefore(session, when, session.started_at, 'pause');
  const pause = lastPause(session);
  if (pause?.ended_at) notBefore(session, when, pause.ended_at, 'pause');
  session.pauses.push({ started_at: when, ended_at: null });
  session.status = 'paused';
  session.updated_at = toStoredInstant(now);
  return session;
}

/** Paused → running at `at`. */
export function resumeSession(session: Session, at: Date, now: Date = at): Session {
  assertNotEnded(session);
  const pause = lastPause(session);
  if (session.status !== 'paused' || !pause || pause.ended_at !== null) {
    throw conflict('Session not paused', `Session ${session.id} is not paused`);
  }
  const when = toStoredInstant(at);
  notBefore(session, when, pause.started_at, 'resume');
  pause.ended_at = when;
  session.status = 'running';
  session.updated_at = toStoredInstant(now);
  return session;
}

type Action = 'stop' | 'pause' | 'resume';

const CANDIDATES: Record<Action, { statuses: readonly Status[]; none: [string, string]; hint: string }> = {
  stop: {
    statuses: ['running', 'paused'],
    none: ['No running session', 'There is no running or paused session to stop'],
    hint: 'give an ID or use --all',
  },
  pause: { statuses: ['running'], none: ['No running session', 'There is no running session to pause'], hint: 'give an ID' },
  resume: { statuses: ['paused'], none: ['No paused session', 'There is no paused session to resume'], hint: 'give an ID' },
};

/** Every session `stop`, `pause` or `resume` could act on, oldest first; none is a conflict. */
function sessionsFor(data: TrackerData, action: Action): Session[] {
  const { statuses, none } = CANDIDATES[action];
  const candidates = data.sessions.filter((s) => statuses.includes(s.status)).sort(compareByStart);
  if (candidates.length === 0) throw conflict(none[0], none[1]);
  return candidates;
}

/**
 * What `stop`, `pause` or `resume` without an ID mean: the one session they can act on.
 * None, or several, is a conflict with the current state that the user must resolve.
 */
export function soleSessionFor(data: TrackerData, action: Action): Session {
  const candidates = sessionsFor(data, action);
  const [only] = candidates;
  if (only && candidates.length === 1) return only;
  const { hint } = CANDIDATES[action];
  const ids = candidates.map((s) => `${s.id} (${s.task})`).join(', ');
  const state = action === 'resume' ? 'paused' : 'running';
  // stop takes paused ones too: the message says what they are (the title stays, for scripts).
  const statuses = new Set(candidates.map((s) => s.status));
  const are = statuses.size > 1 ? 'running or paused' : (candidates[0] as Session).status;
  throw conflict(`Several sessions ${state}`, `Sessions ${ids} are ${are}; ${hint}`);
}

/** The focus session that is running or paused, if any: there is at most one. */
export function activeFocus(data: TrackerData): Session | undefined {
  return data.sessions.find((s) => s.planned_seconds !== null && isActive(s));
}

/** Refuses a second focus session while one is running or paused. */
export function assertNoActiveFocus(data: TrackerData): void {
  const focus = activeFocus(data);
  if (focus) {
    throw conflict('Focus session active', `Focus session ${focus.id} (${focus.task}) is ${focus.status}; stop or abandon it first`);
  }
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

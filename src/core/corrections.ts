import { conflict, invalidInput, notFound } from './errors.js';
import {
  findSession,
  isActive,
  startSession,
  stopSession,
  type NewSession,
  type Pause,
  type Session,
  type TrackerData,
} from './session.js';
import { isWithinYears, localInstantText, secondsBetween, toStoredInstant, YEARS } from './time.js';

export interface SessionEdit {
  task?: string | undefined;
  startedAt?: Date | undefined;
  stoppedAt?: Date | undefined;
  tags?: string[] | undefined;
  note?: string | null | undefined;
}

/**
 * Corrects a session; the result must still be valid (start before stop, pauses inside it,
 * nothing in the future), or nothing changes. Editing the stop of a running session is refused:
 * that is what `stop --at` is for.
 */
export function editSession(session: Session, edit: SessionEdit, now: Date): Session {
  const next: Session = structuredClone(session);
  if (edit.task !== undefined) next.task = edit.task;
  if (edit.tags !== undefined) next.tags = edit.tags;
  if (edit.note !== undefined) next.note = edit.note;
  if (edit.startedAt !== undefined) next.started_at = toStoredInstant(edit.startedAt);
  if (edit.stoppedAt !== undefined) {
    if (isActive(session)) {
      throw invalidInput('Invalid edit', `Session ${session.id} is ${session.status}; end it with stop ${session.id} --at …`);
    }
    next.stopped_at = toStoredInstant(edit.stoppedAt);
  }
  const nowAt = toStoredInstant(now);
  // The user typed local times, so the message names them in local time, as stop --at does.
  const problem = timesProblem(next, nowAt, localInstantText);
  if (problem !== null) throw invalidInput('Invalid time', `Session ${session.id}: ${problem}`);
  Object.assign(session, next, { updated_at: nowAt });
  return session;
}

/** The fields of a session the time rules are about. */
export type SessionTimes = Pick<Session, 'started_at' | 'stopped_at' | 'pauses'>;

/**
 * Which rule for a session's times `times` breaks, or null: every instant within YEARS and none
 * after `nowAt` (a stored instant), the stop not before the start, every pause inside the
 * session. edit and import both keep these, so neither stores what the other refuses. Stored
 * instants compare as strings (same form, same width, UTC): an import of 100,000 frames runs it
 * 100,000 times. `show` writes an instant in the message: import keeps the stored UTC form (as
 * Timewarrior's files are written), edit the user's local time.
 */
export function timesProblem(times: SessionTimes, nowAt: string, show: (instant: string) => string = (at) => at): string | null {
  const { started_at: start, stopped_at: stop, pauses } = times;
  const instantProblem = (what: string, at: string): string | null => {
    // Out of the years, a local form could name a year inside them (1970-01-01T00:30+01:00).
    if (!isWithinYears(at)) return `${what} ${at} is outside the years ${YEARS.first}–${YEARS.last}`;
    return at > nowAt ? `${what} ${show(at)} is in the future` : null;
  };
  const problem = instantProblem('start', start) ?? (stop === null ? null : instantProblem('stop', stop));
  if (problem !== null) return problem;
  if (stop !== null && stop < start) return `stop ${show(stop)} is before start ${show(start)}`;
  for (let i = 0; i < pauses.length; i += 1) {
    const pause = pauses[i] as Pause;
    const end = pause.ended_at ?? pause.started_at;
    const outside = instantProblem(`pause ${i + 1} start`, pause.started_at) ?? instantProblem(`pause ${i + 1} end`, end);
    if (outside !== null) return outside;
    if (pause.started_at < start || (stop !== null && end > stop))
      return `pause ${i + 1} at ${show(pause.started_at)} is outside the session`;
  }
  return null;
}

/** Records a finished session after the fact: from must be before to, neither in the future. */
export function addFinishedSession(data: TrackerData, input: NewSession, from: Date, to: Date, now: Date): Session {
  if (secondsBetween(from, to) <= 0) {
    throw invalidInput('Invalid time', 'The end (--to) must be after the start (--from)');
  }
  return stopSession(startSession(data, input, from, now), to, 'completed', now);
}

/**
 * The session `continue` starts again: the given one, or the one that stopped last. Continuing a
 * session that is still running or paused would run its task twice, so that is a conflict, as is
 * continuing a stopped one whose task (with the same tags) already runs again, given by its ID or not.
 */
export function sessionToContinue(data: TrackerData, id: number | undefined): Session {
  const { sessions } = data;
  let chosen: Session;
  if (id !== undefined) {
    chosen = findSession(data, id);
    if (isActive(chosen)) {
      throw conflict(
        `Session already ${chosen.status}`,
        `Session ${id} (${chosen.task}) is ${chosen.status}; there is nothing to continue`,
      );
    }
  } else {
    const last = lastStopped(sessions);
    if (!last) throw notFound('Session not found', 'There is no stopped session to continue');
    chosen = last;
  }
  const again = runningAgain(sessions, chosen);
  if (again) {
    throw conflict(
      `Session already ${again.status}`,
      `${chosen.task} is already ${again.status} as session ${again.id}; there is nothing to continue`,
    );
  }
  return chosen;
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

/** The running or paused session doing `session`'s task with its tags again, if any: then there is nothing to continue. */
export const runningAgain = (sessions: readonly Session[], session: Session): Session | undefined =>
  sessions.find((s) => isActive(s) && s.task === session.task && sameTags(s.tags, session.tags));

/** Whether `continue <id>` takes the session: a stopped one whose task and tags are not running again. */
export const canContinue = (sessions: readonly Session[], session: Session): boolean =>
  !isActive(session) && runningAgain(sessions, session) === undefined;

/** The session `continue` starts again by default: the one that stopped last. */
export function lastStopped(sessions: readonly Session[]): Session | undefined {
  let last: Session | undefined;
  for (const s of sessions) {
    if (s.stopped_at !== null && (!last || (last.stopped_at ?? '') < s.stopped_at)) last = s;
  }
  return last;
}

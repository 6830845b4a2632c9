import { conflict, invalidInput, notFound } from './errors.js';
import {
  findSession,
  isActive,
  startSession,
  stopSession,
  type NewSession,
  type Session,
  type TrackerData,
} from './session.js';
import { secondsBetween, toStoredInstant } from './time.js';

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
  if (secondsBetween(next.started_at, nowAt) < 0) throw invalidInput('Invalid time', 'A session cannot start in the future');
  if (next.stopped_at !== null && secondsBetween(next.started_at, next.stopped_at) < 0) {
    throw invalidInput('Invalid time', `Session ${session.id} would stop (${next.stopped_at}) before it starts (${next.started_at})`);
  }
  for (const pause of next.pauses) {
    const inside =
      secondsBetween(next.started_at, pause.started_at) >= 0 &&
      (next.stopped_at === null || secondsBetween(pause.ended_at ?? pause.started_at, next.stopped_at) >= 0);
    if (!inside) throw invalidInput('Invalid time', `Session ${session.id} has a pause at ${pause.started_at} that would fall outside it`);
  }
  Object.assign(session, next, { updated_at: nowAt });
  return session;
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
 * continuing the last stopped one when its task (with the same tags) already runs again.
 */
export function sessionToContinue(data: TrackerData, id: number | undefined): Session {
  const { sessions } = data;
  if (id !== undefined) {
    const session = findSession(data, id);
    if (isActive(session)) {
      throw conflict(`Session already ${session.status}`, `Session ${id} (${session.task}) is ${session.status}; there is nothing to continue`);
    }
    return session;
  }
  const last = lastStopped(sessions);
  if (!last) throw notFound('Session not found', 'There is no stopped session to continue');
  const again = sessions.find((s) => isActive(s) && s.task === last.task && sameTags(s.tags, last.tags));
  if (again) {
    throw conflict(`Session already ${again.status}`, `${last.task} is already ${again.status} as session ${again.id}; there is nothing to continue`);
  }
  return last;
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

/** The session `continue` starts again by default: the one that stopped last. */
export function lastStopped(sessions: readonly Session[]): Session | undefined {
  let last: Session | undefined;
  for (const s of sessions) {
    if (s.stopped_at !== null && (!last || (last.stopped_at ?? '') < s.stopped_at)) last = s;
  }
  return last;
}

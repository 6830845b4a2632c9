import { conflict } from './errors.js';
import { durationSeconds, isActive, type Session } from './session.js';
import { secondsBetween, toStoredInstant } from './time.js';

/**
 * The Focus Session Flow and the Practice Session API run the timer on the client, which reports
 * the seconds elapsed on pause and at the end; that figure is what gets recorded. stint records it
 * by moving the session's start so that its running time up to `at` is `elapsed`: no instant is
 * ever in the future, and pauses keep their times. The start cannot move past the first pause, so
 * the time is at least what ran after it. Returns the seconds recorded.
 */
export function anchorElapsed(session: Session, elapsed: number, at: Date, now: Date = at): number {
  if (!isActive(session)) throw conflict('Session already stopped', `Session ${session.id} was already stopped`);
  const running = durationSeconds(session, at);
  const first = session.pauses[0];
  const head = first ? Math.max(0, secondsBetween(session.started_at, first.started_at)) : running;
  const recorded = Math.max(elapsed, running - head);
  const start = new Date(Date.parse(session.started_at) + (running - recorded) * 1000);
  session.started_at = toStoredInstant(start);
  session.updated_at = toStoredInstant(now);
  return recorded;
}

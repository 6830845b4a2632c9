import {
  activeSessions,
  compareByStart,
  durationSeconds,
  type Session,
  type TrackerData,
} from './session.js';

/** A timer left running this long was probably forgotten (configurable later through config). */
export const DEFAULT_FORGOTTEN_AFTER_SECONDS = 12 * 60 * 60;

export interface ActiveOverview {
  sessions: Session[];
  /** Running sessions older than the limit. */
  forgotten: Session[];
}

/** The running and paused sessions, most recently started last, and the ones probably forgotten. */
export function activeOverview(
  data: TrackerData,
  now: Date,
  forgottenAfterSeconds = DEFAULT_FORGOTTEN_AFTER_SECONDS,
): ActiveOverview {
  const sessions = activeSessions(data).sort(compareByStart);
  const forgotten = sessions.filter(
    (s) => s.status === 'running' && durationSeconds(s, now) > forgottenAfterSeconds,
  );
  return { sessions, forgotten };
}

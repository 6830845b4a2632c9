import { DEFAULT_CONFIG } from './config.js';
import { activeSessions, compareByStart, durationSeconds, type Session, type TrackerData } from './session.js';

export interface ActiveOverview {
  sessions: Session[];
  /** Running sessions older than the limit. */
  forgotten: Session[];
}

/** The running and paused sessions, most recently started last, and the ones probably forgotten. */
export function activeOverview(
  data: TrackerData,
  now: Date,
  forgottenAfterSeconds = DEFAULT_CONFIG.forgotten_after_seconds,
): ActiveOverview {
  const sessions = activeSessions(data).sort(compareByStart);
  return { sessions, forgotten: sessions.filter((s) => isForgotten(s, now, forgottenAfterSeconds)) };
}

/** A session still running after this long was probably forgotten (the forgotten_after setting). */
export function isForgotten(session: Session, now: Date, forgottenAfterSeconds: number): boolean {
  return session.status === 'running' && durationSeconds(session, now) > forgottenAfterSeconds;
}

export interface FocusProgress {
  session_id: number;
  planned_seconds: number;
  remaining_seconds: number;
  overtime_seconds: number;
}

/** A focus session against its plan; null for a plain timer. The timer never ends by itself. */
export function focusProgress(session: Session, now: Date): FocusProgress | null {
  if (session.planned_seconds === null) return null;
  const left = session.planned_seconds - durationSeconds(session, now);
  return {
    session_id: session.id,
    planned_seconds: session.planned_seconds,
    remaining_seconds: Math.max(0, left),
    overtime_seconds: Math.max(0, -left),
  };
}

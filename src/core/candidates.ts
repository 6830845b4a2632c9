import { compareByStart, type Session, type Status } from './session.js';

// What the completion scripts offer after a command: the sessions it can act on, recent task names.

/** The statuses a command acts on when it needs an active session; the others take any session. */
const ACTIVE_ONLY: Readonly<Record<string, readonly Status[]>> = {
  stop: ['running', 'paused'],
  abandon: ['running', 'paused'],
  pause: ['running'],
  resume: ['paused'],
};

/** How many sessions `show`, `edit`, `rm`, `continue` offer; older ones are typed. */
export const RECENT_IDS = 50;
/** How far back task names are gathered from. */
export const RECENT_TASK_SESSIONS = 200;

/** Whether the command only acts on running or paused sessions (so the active ones are enough). */
export function needsActiveOnly(command: string): boolean {
  return command in ACTIVE_ONLY;
}

const newestFirst = (a: Session, b: Session): number => compareByStart(b, a);

/** The IDs `command` can act on, newest first. */
export function candidateIds(command: string, sessions: readonly Session[]): number[] {
  const statuses = ACTIVE_ONLY[command];
  if (statuses)
    return sessions
      .filter((s) => statuses.includes(s.status))
      .sort(newestFirst)
      .map((s) => s.id);
  return [...sessions]
    .sort(newestFirst)
    .slice(0, RECENT_IDS)
    .map((s) => s.id);
}

/** Distinct task names of the latest sessions, the most recently used first. */
export function recentTasks(sessions: readonly Session[]): string[] {
  const latest = [...sessions].sort(newestFirst).slice(0, RECENT_TASK_SESSIONS);
  return [...new Set(latest.map((s) => s.task))];
}

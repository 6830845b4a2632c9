import { canContinue } from './corrections.js';
import { compareByStart, type Session, type Status } from './session.js';

// What the completion scripts offer after a command: the sessions it can act on, recent task
// names and tags.

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

/** The sessions `command` can act on, newest first, but those whose ID is already on the line. */
export function candidateSessions(command: string, sessions: readonly Session[], typed: readonly number[] = []): Session[] {
  const statuses = ACTIVE_ONLY[command];
  const on = new Set(typed);
  const open = sessions.filter((s) => !on.has(s.id));
  if (statuses) return open.filter((s) => statuses.includes(s.status)).sort(newestFirst);
  // `continue` refuses a running or paused session, and one whose task and tags run again (exit 4).
  const takes = command === 'continue' ? open.filter((s) => canContinue(sessions, s)) : open;
  return takes.sort(newestFirst).slice(0, RECENT_IDS);
}

/** A session as a completion shows it beside its ID: `coding (running)`. */
export const describeCandidate = (session: Session): string => `${session.task} (${session.status})`;

/** Distinct task names of the latest sessions, the most recently used first. */
export function recentTasks(sessions: readonly Session[]): string[] {
  const latest = [...sessions].sort(newestFirst).slice(0, RECENT_TASK_SESSIONS);
  return [...new Set(latest.map((s) => s.task))];
}

/** Distinct tags of the latest sessions, the most recently used first. */
export function recentTags(sessions: readonly Session[]): string[] {
  const latest = [...sessions].sort(newestFirst).slice(0, RECENT_TASK_SESSIONS);
  return [...new Set(latest.flatMap((s) => s.tags))];
}

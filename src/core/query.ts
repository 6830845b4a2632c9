import { compareByStart, type Session, type Status } from './session.js';

export interface SessionQuery {
  status?: Status | undefined;
  task?: string | undefined;
  limit?: number | undefined;
}

export interface QueryResult {
  sessions: Session[];
  /** How many matched before the limit was applied. */
  total: number;
}

/** Filters sessions and orders them oldest first (newest last, as a log reads); keeps the last `limit` (a positive integer). */
export function querySessions(sessions: readonly Session[], query: SessionQuery): QueryResult {
  const task = query.task?.normalize('NFC').toLocaleLowerCase();
  const matched = sessions
    .filter((s) => (query.status ? s.status === query.status : true))
    .filter((s) => (task ? s.task.toLocaleLowerCase() === task : true))
    .sort(compareByStart);
  const limited = query.limit === undefined ? matched : matched.slice(-query.limit);
  return { sessions: limited, total: matched.length };
}

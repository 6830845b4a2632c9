import type { Session, TrackerData } from '../../src/core/session.js';

let uidCounter = 0;

/** A finished 1-hour session unless told otherwise. */
export function makeSession(overrides: Partial<Session> = {}): Session {
  uidCounter += 1;
  return {
    id: 1,
    uid: `uid-${uidCounter}`,
    task: 'coding',
    started_at: '2026-01-15T13:00:00Z',
    stopped_at: '2026-01-15T14:00:00Z',
    status: 'completed',
    planned_seconds: null,
    pauses: [],
    tags: [],
    note: null,
    updated_at: '2026-01-15T14:00:00Z',
    ...overrides,
  };
}

export function makeData(sessions: Session[] = [], nextId?: number): TrackerData {
  const highest = sessions.reduce((max, s) => Math.max(max, s.id), 0);
  return { next_id: nextId ?? highest + 1, sessions };
}

export const at = (iso: string): Date => new Date(iso);

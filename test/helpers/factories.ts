import type { Outcome, Session, TrackerData } from '../../src/core/session.js';

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

let nextId = 1;
/** A finished session on a local day (`2026-01-15`), from local `hh:mm` for `minutes`; IDs count up. */
export function localSession(day: string, start: string, minutes: number, overrides: Partial<Session> & { as?: Outcome } = {}): Session {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = start.split(':').map(Number) as [number, number];
  const from = new Date(y, m - 1, d, hh, mm);
  const to = new Date(from.getTime() + minutes * 60_000);
  const { as, ...rest } = overrides;
  const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');
  return makeSession({ id: nextId++, started_at: iso(from), stopped_at: iso(to), status: as ?? 'completed', ...rest });
}

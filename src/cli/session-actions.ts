import { findSession, pauseSession, resumeSession, soleSessionFor, stopSession, type Session } from '../core/session.js';
import { ACTIVE, type Scope, type Store } from '../store/store.js';

export type SessionAction = 'pause' | 'resume' | 'stop';

/**
 * Session `id` changed by `change` under the store's lock, as an undoable change named as the
 * CLI names it (`stop #3 coding`): the one path for the commands and every route that acts on a
 * session by ID.
 */
export function updateSession(store: Store, id: number, verb: string, change: (session: Session) => Session): Promise<Session> {
  return store.update(
    { kind: 'ids', ids: [id] },
    (data) => change(findSession(data, id)),
    (s) => `${verb} #${s.id} ${s.task}`,
  );
}

function act(action: SessionAction, target: Session, at: Date, now: Date): Session {
  if (action === 'pause') return pauseSession(target, at, now);
  if (action === 'resume') return resumeSession(target, at, now);
  return stopSession(target, at, 'completed', now);
}

/**
 * Pauses, resumes or stops (as completed) session `id`, or the only one it could apply to when
 * `id` is undefined: `stint pause`/`resume` and the dashboard's buttons.
 */
export function changeSession(store: Store, id: number | undefined, action: SessionAction, at: Date, now: Date): Promise<Session> {
  if (id !== undefined) return updateSession(store, id, action, (target) => act(action, target, at, now));
  const scope: Scope = ACTIVE;
  return store.update(
    scope,
    (data) => act(action, soleSessionFor(data, action), at, now),
    (s) => `${action} #${s.id} ${s.task}`,
  );
}

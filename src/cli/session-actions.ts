import { findSession, pauseSession, resumeSession, soleSessionFor, stopSession, type Session } from '../core/session.js';
import { ACTIVE, type Scope, type Store } from '../store/store.js';

export type SessionAction = 'pause' | 'resume' | 'stop';

/**
 * Pauses, resumes or stops (as completed) session `id`, or the only one it could apply to when
 * `id` is undefined, as an undoable change named `pause #5 coding`: the one path for `stint
 * pause`/`resume` and the server's buttons.
 */
export function changeSession(store: Store, id: number | undefined, action: SessionAction, at: Date, now: Date): Promise<Session> {
  const scope: Scope = id === undefined ? ACTIVE : { kind: 'ids', ids: [id] };
  return store.update(
    scope,
    (data): Session => {
      const target = id === undefined ? soleSessionFor(data, action) : findSession(data, id);
      if (action === 'pause') return pauseSession(target, at, now);
      if (action === 'resume') return resumeSession(target, at, now);
      return stopSession(target, at, 'completed', now);
    },
    (s) => `${action} #${s.id} ${s.task}`,
  );
}

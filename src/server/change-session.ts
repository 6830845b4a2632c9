import { findSession, type Session } from '../core/session.js';
import type { Store } from '../store/store.js';

/**
 * One session changed under the store's lock, named for `stint undo` as the CLI names the same
 * change (`stop #3 coding`): every route that acts on a session by ID goes through here.
 */
export function changeSession(store: Store, id: number, verb: string, change: (session: Session) => Session): Promise<Session> {
  return store.update(
    { kind: 'ids', ids: [id] },
    (data) => change(findSession(data, id)),
    (s) => `${verb} #${s.id} ${s.task}`,
  );
}

import type { Store } from '../store/store.js';

/** How often the store's revision is read while someone listens: well inside the 2 s a change may take to show. */
export const POLL_MS = 400;

export type ChangeListener = (revision: number) => void;

export interface ChangeFeed {
  /** Calls `listener` with the store's revision each time it moves; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void;
  /** The revision last seen (null before the first read). */
  readonly revision: number | null;
  /** The revision once the read under way (a new subscriber's first) has finished. */
  settled(): Promise<number | null>;
}

/**
 * The store's changes as events, whoever made them: this server, the CLI, another program.
 * Another process writes the files directly, so there is nothing to be told: the feed reads the
 * store's revision (changesSince, a small read while nothing changed) every POLL_MS, and only
 * while someone listens. The first read fetches everything once (changesSince(0)); after that it
 * asks only for what came after the revision it last saw.
 */
export function changeFeed(store: Store, pollMs = POLL_MS): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  let revision: number | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let busy = false;
  let pending: Promise<void> = Promise.resolve();
  // A read is started only when none runs, so `pending` is always the one under way.
  const tick = () => {
    if (!busy) pending = poll();
  };

  async function poll(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      const changes = await store.changesSince(revision ?? 0);
      const moved = revision !== null && changes.revision !== revision;
      revision = changes.revision;
      if (moved) for (const listener of listeners) listener(changes.revision);
    } catch {
      // A read that met a writer mid-way (or a file being replaced): the next poll sees it.
    } finally {
      busy = false;
    }
  }

  return {
    get revision() {
      return revision;
    },
    async settled() {
      await pending;
      return revision;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        tick();
        timer = setInterval(tick, pollMs);
        timer.unref?.();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
  };
}

import { emptyTrackerData, type TrackerData } from '../core/session.js';
import { decodeSessionsFile, encodeSessionsFile } from './schema.js';
import type { Store } from './store.js';

/**
 * An in-memory store for command tests. It keeps the encoded text, exactly as the file
 * store would, so tests can compare it byte for byte and share the decoding rules.
 */
export interface MemoryStore extends Store {
  /** The stored text, or null before the first write. */
  text: string | null;
  writes: number;
}

export function createMemoryStore(initial: string | null = null): MemoryStore {
  const store: MemoryStore = {
    text: initial,
    writes: 0,
    async read() {
      return load(store.text);
    },
    async update(change) {
      const data = load(store.text);
      const result = await change(data);
      store.text = encodeSessionsFile(data);
      store.writes += 1;
      return result;
    },
  };
  return store;
}

function load(text: string | null): TrackerData {
  return text === null ? emptyTrackerData() : decodeSessionsFile(text, 'memory');
}

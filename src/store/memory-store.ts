import { compareByStart, emptyTrackerData, isActive, type TrackerData } from '../core/session.js';
import { decodeLegacyFile, encodeLegacyFile } from './schema.js';
import { UNDO_DEPTH } from './undo-journal.js';
import { defaultConfig } from './config-file.js';
import { emptyJobsData } from '../core/jobs.js';
import type { Store } from './store.js';

/**
 * An in-memory store for command tests. It keeps the whole store as one encoded text (the
 * version-1 single-file format), so tests can compare it byte for byte and share the decoding
 * rules. It hands out everything whatever the scope: the file store's partial loading is
 * tested against the file store itself.
 */
export interface MemoryStore extends Store {
  /** The stored text, or null before the first write. */
  text: string | null;
  writes: number;
}

export function createMemoryStore(initial: string | null = null): MemoryStore {
  const history: { text: string | null; label: string }[] = [];
  const config = defaultConfig();
  let jobs = emptyJobsData();
  const store: MemoryStore = {
    text: initial,
    writes: 0,
    async read() {
      return load(store.text);
    },
    async scan(_scope, begin) {
      const data = load(store.text);
      begin()([...data.sessions].sort(compareByStart));
      return { next_id: data.next_id };
    },
    async digest(_name, derive, _valid) {
      return [derive(load(store.text).sessions.filter((s) => !isActive(s)))];
    },
    async digestSettled(_name, derive) {
      // Nothing settled: the whole history is the newest "month".
      return { settled: null, newest: { month: 'all', value: derive(load(store.text).sessions.filter((s) => !isActive(s))) } };
    },
    async update(_scope, change, describe) {
      const data = load(store.text);
      const result = await change(data);
      if (describe) history.push({ text: store.text, label: describe(result) });
      if (history.length > UNDO_DEPTH) history.shift();
      store.text = encodeLegacyFile(data);
      store.writes += 1;
      return result;
    },
    async readConfig() {
      return { ...config };
    },
    async updateConfig(change) {
      change(config);
      return { ...config };
    },
    async readJobs() {
      return structuredClone(jobs);
    },
    async updateJobs(change) {
      const draft = structuredClone(jobs);
      const result = await change(draft);
      jobs = draft;
      return result;
    },
    async backupTo() {
      throw new Error('the in-memory store has no files to back up');
    },
    async undo() {
      const last = history.pop();
      if (!last) return null;
      const nextId = load(store.text).next_id;
      const restored = load(last.text);
      store.text = encodeLegacyFile({ ...restored, next_id: Math.max(nextId, restored.next_id) });
      store.writes += 1;
      return last.label;
    },
  };
  return store;
}

function load(text: string | null): TrackerData {
  return text === null ? emptyTrackerData() : decodeLegacyFile(text, 'memory');
}

import { compareByStart, emptyTrackerData, isActive, type Session, type TrackerData } from '../core/session.js';
import { decodeLegacyFile, encodeLegacyFile } from './schema.js';
import { UNDO_DEPTH } from './undo-journal.js';
import { defaultConfig } from './config-file.js';
import { emptyJobsData } from '../core/jobs.js';
import type { Scope, Store } from './store.js';

/**
 * An in-memory store for command tests. It keeps the whole store as one encoded text (the
 * version-1 single-file format), so tests can compare it byte for byte and share the decoding
 * rules. Like the file store it hands out the active sessions and only the finished ones in the
 * scope asked for (exactly those, where the file store may add the rest of their months), keeps
 * what a change did not load, and writes nothing when a change changes nothing: a command that
 * asks for the wrong scope fails its fast tests too.
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
    async read(scope) {
      return inScope(load(store.text), scope);
    },
    async scan(scope, begin) {
      const data = inScope(load(store.text), scope);
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
    async update(scope, change, describe) {
      const all = load(store.text);
      const before = encodeLegacyFile(all);
      const data = inScope(all, scope);
      const loaded = new Set(data.sessions);
      const result = await change(data);
      // What the change was not handed stays as it was, what it was handed is as it left it, in
      // the stored order, and what it added comes last.
      const left = new Set(data.sessions);
      const sessions = [...all.sessions.filter((s) => !loaded.has(s) || left.has(s)), ...data.sessions.filter((s) => !loaded.has(s))];
      const text = encodeLegacyFile({ next_id: data.next_id, sessions });
      if (text === before) return result;
      if (describe) history.push({ text: store.text, label: describe(result) });
      if (history.length > UNDO_DEPTH) history.shift();
      store.text = text;
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

/** The active sessions and the finished ones the scope selects, as the file store hands them out. */
function inScope(data: TrackerData, scope: Scope): TrackerData {
  const wanted = (s: Session): boolean => {
    if (isActive(s)) return true;
    switch (scope.kind) {
      case 'active':
        return false;
      case 'all':
        return true;
      case 'ids':
        return scope.ids.includes(s.id);
      case 'range': {
        const start = Date.parse(s.started_at);
        const stop = Date.parse(s.stopped_at ?? s.started_at);
        const from = scope.from?.getTime() ?? -Infinity;
        const to = scope.to?.getTime() ?? Infinity;
        return start < to && (stop > from || (stop === start && start >= from));
      }
    }
  };
  return { next_id: data.next_id, sessions: data.sessions.filter(wanted) };
}

function load(text: string | null): TrackerData {
  return text === null ? emptyTrackerData() : decodeLegacyFile(text, 'memory');
}

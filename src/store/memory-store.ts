import { compareByStart, emptyTrackerData, isActive, type Session, type TrackerData } from '../core/session.js';
import { overlaps } from '../core/period.js';
import { UNDO_DEPTH } from './undo-journal.js';
import { defaultConfig } from './config-file.js';
import { emptyJobsData } from '../core/jobs.js';
import { keyed } from '../core/sync/merge.js';
import { emptySyncData, ownTables, type SyncEntries } from '../core/sync/state.js';
import { fileByMonth } from './layout.js';
import { toStoredInstant } from '../core/time.js';
import type { Changes, Document, Scope, Store } from './store.js';

/**
 * An in-memory store for command tests. It keeps the sessions as one JSON text, so tests can
 * compare it byte for byte ("nothing was written"). Like the file store it hands out the active
 * sessions and only the finished ones in the scope asked for (exactly those, where the file store
 * may add the rest of their months), keeps what a change did not load, and writes nothing when a
 * change changes nothing: a command that asks for the wrong scope fails its fast tests too.
 */
export interface MemoryStore extends Store {
  /** The stored text, or null before the first write. */
  text: string | null;
  writes: number;
}

const encode = (data: TrackerData): string => `${JSON.stringify({ next_id: data.next_id, sessions: data.sessions }, null, 1)}\n`;

/** A fresh copy each time: a change edits what it is handed. */
const load = (text: string | null): TrackerData => (text === null ? emptyTrackerData() : (JSON.parse(text) as TrackerData));

/** Each month's finished sessions as text, to tell which months a change touched. */
const monthTexts = (data: TrackerData): Map<string, string> =>
  new Map([...fileByMonth(data.sessions)].map(([key, sessions]) => [key, JSON.stringify(sessions)]));

/** `now` stamps undo steps, as the file store's seam does (the system clock when not given). */
export function createMemoryStore(initial: TrackerData | null = null, seam: { now?: () => Date } = {}): MemoryStore {
  const clock = seam.now ?? (() => new Date());
  const history: { text: string | null; label: string; at: string }[] = [];
  let revision = initial === null ? 0 : 1;
  /** Month → the revision that last changed it (the file store keeps the same in its root). */
  const changed = new Map<string, number>();
  for (const key of monthTexts(initial ?? emptyTrackerData()).keys()) changed.set(key, revision);

  /** Replaces the text, as a commit: a new revision, and the months that differ marked with it. */
  function commit(text: string): void {
    const before = monthTexts(load(store.text));
    const after = monthTexts(load(text));
    revision += 1;
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(key) !== after.get(key)) changed.set(key, revision);
    }
    store.text = text;
    store.writes += 1;
  }

  const store: MemoryStore = {
    text: initial === null ? null : encode(initial),
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
      return { settled: null, newest: { month: 'all', values: [derive(load(store.text).sessions.filter((s) => !isActive(s)))] } };
    },
    async update(scope, change, describe, options) {
      const all = load(store.text);
      const before = encode(all);
      const data = inScope(all, scope);
      const loaded = new Set(data.sessions);
      const result = await change(data);
      // What the change was not handed stays as it was, what it was handed is as it left it, in
      // the stored order, and what it added comes last.
      const left = new Set(data.sessions);
      const sessions = [...all.sessions.filter((s) => !loaded.has(s) || left.has(s)), ...data.sessions.filter((s) => !loaded.has(s))];
      const text = encode({ next_id: data.next_id, sessions });
      if (text === before) return result;
      if (options?.forgetUndo) history.length = 0;
      if (describe) history.push({ text: store.text, label: describe(result), at: toStoredInstant(clock()) });
      if (history.length > UNDO_DEPTH) history.shift();
      commit(text);
      options?.committed?.(revision);
      return result;
    },
    async undo() {
      const last = history.pop();
      if (!last) return null;
      const nextId = load(store.text).next_id;
      const restored = load(last.text);
      commit(encode({ ...restored, next_id: Math.max(nextId, restored.next_id) }));
      return last.label;
    },
    async history(uids, since) {
      const wanted = new Set(uids);
      // Each step holds the whole store as it was: every place it or the next state has counts as rewritten.
      const places = (text: string | null) => load(text).sessions.map((s) => (isActive(s) ? 'active' : s.started_at.slice(0, 7)));
      return history
        .map((step, i) => ({ step, after: history[i + 1]?.text ?? store.text }))
        .filter(({ step }) => since === null || step.at >= since)
        .map(({ step, after }) => ({
          at: step.at,
          places: [...new Set(['active', ...places(step.text), ...places(after)])],
          before: load(step.text).sessions.filter((s) => wanted.has(s.uid)),
        }));
    },
    async changesSince(since) {
      const data = load(store.text);
      const filed = fileByMonth(data.sessions);
      const months: Changes['months'] = {};
      const after = since > revision ? 0 : since;
      for (const [key, at] of [...changed].sort()) if (at > after) months[key] = filed.get(key) ?? [];
      return { revision, next_id: data.next_id, active: data.sessions.filter(isActive).sort(compareByStart), months };
    },
    config: document(defaultConfig()),
    jobs: document(emptyJobsData()),
    sync: syncFile(),
    async backupTo() {
      throw new Error('the in-memory store has no files to back up');
    },
  };
  return store;
}

function syncFile(): Store['sync'] {
  let value = emptySyncData();
  const shards: SyncEntries = { merged: keyed(), local: keyed() };
  const digests = keyed<string>();
  return {
    // As the file store reads it: structuredClone gives tables with a prototype back.
    read: async () => ownTables(structuredClone(value)),
    write: async (data) => {
      value = structuredClone(data);
    },
    exclusive: (work) => work(),
    async entries(uids) {
      const out: SyncEntries = { merged: keyed(), local: keyed() };
      for (const uid of uids) {
        if (shards.merged[uid]) out.merged[uid] = structuredClone(shards.merged[uid]);
        if (shards.local[uid]) out.local[uid] = [...shards.local[uid]];
      }
      return out;
    },
    async filed(places) {
      const wanted = new Set(places);
      const out = keyed<string>();
      for (const [uid, [, where]] of Object.entries(shards.local)) {
        const digest = digests[uid];
        if (wanted.has(where) && digest !== undefined) out[uid] = digest;
      }
      return out;
    },
    async forget() {
      value = emptySyncData();
      shards.merged = keyed();
      shards.local = keyed();
      for (const uid of Object.keys(digests)) delete digests[uid];
    },
    async put(merged, local) {
      for (const [uid, entry] of Object.entries(merged)) shards.merged[uid] = structuredClone(entry);
      for (const [uid, filing] of Object.entries(local)) {
        if (filing) {
          shards.local[uid] = [filing[0], filing[1]];
          digests[uid] = filing[2];
        } else {
          delete shards.local[uid];
          delete digests[uid];
        }
      }
    },
  };
}

/** A document held in memory: copies out, and a change that throws leaves it as it was. */
function document<T>(initial: T): Document<T> {
  let value = initial;
  return {
    read: async () => structuredClone(value),
    async update(change) {
      const draft = structuredClone(value);
      const result = await change(draft);
      value = draft;
      return result;
    },
  };
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
      case 'range':
        // Finished sessions only here (active ones returned above), so no clock is needed.
        return overlaps(s, scope, new Date(0));
    }
  };
  return { next_id: data.next_id, sessions: data.sessions.filter(wanted) };
}

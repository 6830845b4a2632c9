import type { Session } from './session.js';

// Two sessions of the same task whose times overlap count that time twice in every total. That is
// allowed (a correction may be on its way), so it is a warning, never a refusal; finding them must
// stay cheap on a long history: one sort and a sweep per task, touching only the tasks asked about.

/** A session's time as milliseconds; a running or paused one lasts until now. */
export interface Span {
  id: number;
  task: string;
  start: number;
  end: number;
}

/** Two sessions of one task that overlap, and for how long. */
export interface Overlap {
  task: string;
  /** The earlier start first; but when only one of them is a changed session, that one first. */
  ids: [number, number];
  seconds: number;
}

export function spanOf(session: Session, now: Date): Span {
  const end = session.stopped_at === null ? now.getTime() : Date.parse(session.stopped_at);
  return { id: session.id, task: session.task, start: Date.parse(session.started_at), end };
}

/**
 * Every pair of spans of the same task that overlap (touching ends do not), or, with `changed`,
 * only the pairs where at least one is in it. Sorted by start then sweeps, keeping the spans still
 * open: O(n log n) plus the pairs found.
 */
export function findOverlaps(spans: readonly Span[], changed?: ReadonlySet<number>): Overlap[] {
  const sorted = spans
    .filter((s) => s.end > s.start)
    .sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : a.start - b.start || a.id - b.id));
  const found: Overlap[] = [];
  let open: Span[] = [];
  for (const span of sorted) {
    open = open.filter((o) => o.task === span.task && o.end > span.start);
    for (const other of open) {
      if (changed && !changed.has(span.id) && !changed.has(other.id)) continue;
      const seconds = Math.floor((Math.min(other.end, span.end) - span.start) / 1000);
      const laterFirst = changed?.has(span.id) === true && !changed.has(other.id);
      found.push({ task: span.task, ids: laterFirst ? [span.id, other.id] : [other.id, span.id], seconds });
    }
    open.push(span);
  }
  return found;
}

/** The overlaps that the sessions `changed` take part in, among `sessions` (of their tasks only). */
export function overlapsOf(sessions: readonly Session[], changed: readonly Session[], now: Date): Overlap[] {
  if (changed.length === 0) return [];
  const tasks = new Set(changed.map((s) => s.task));
  const spans = sessions.filter((s) => tasks.has(s.task)).map((s) => spanOf(s, now));
  return findOverlaps(spans, new Set(changed.map((s) => s.id)));
}

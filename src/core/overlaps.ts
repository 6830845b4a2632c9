import { runningSpans } from './days.js';
import type { Session } from './session.js';

// Two sessions of the same task whose times overlap count that time twice in every total. That is
// allowed (a correction may be on its way), so it is a warning, never a refusal; finding them must
// stay cheap on a long history: one sort and a sweep per task, touching only the tasks asked about.

/** A stretch of time a session ran, in milliseconds; a session has one per stretch between pauses. */
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

/**
 * The stretches a session ran, its pauses left out (time spent paused is counted nowhere, so it
 * overlaps nothing), cut to [from, to); a running or paused session lasts until now.
 */
export function spansOf(session: Session, now: Date, from = -Infinity, to = Infinity): Span[] {
  const spans: Span[] = [];
  for (const [start, end] of runningSpans(session, now)) {
    const cut = { id: session.id, task: session.task, start: Math.max(start, from), end: Math.min(end, to) };
    if (cut.end > cut.start) spans.push(cut);
  }
  return spans;
}

/**
 * Every pair of sessions of the same task whose spans overlap (touching ends do not), with the
 * time they share summed over their spans, or, with `changed`, only the pairs where at least one
 * is in it. Sorted by start then sweeps, keeping the spans still open: O(n log n) plus the pairs
 * found.
 */
export function findOverlaps(spans: readonly Span[], changed?: ReadonlySet<number>): Overlap[] {
  const sorted = spans
    .filter((s) => s.end > s.start)
    .sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : a.start - b.start || a.id - b.id));
  // A session's first span comes first in the sweep: the order sessions are first met in is the
  // order of their starts.
  const met = new Map<number, number>();
  const pairs = new Map<string, { task: string; ids: [number, number]; ms: number }>();
  let open: Span[] = [];
  for (const span of sorted) {
    if (!met.has(span.id)) met.set(span.id, met.size);
    open = open.filter((o) => o.task === span.task && o.end > span.start);
    for (const other of open) {
      if (other.id === span.id) continue;
      if (changed && !changed.has(span.id) && !changed.has(other.id)) continue;
      const ms = Math.min(other.end, span.end) - span.start;
      const [earlier, later] = (met.get(other.id) ?? 0) < (met.get(span.id) ?? 0) ? [other.id, span.id] : [span.id, other.id];
      const key = `${earlier} ${later}`;
      const pair = pairs.get(key);
      if (pair) {
        pair.ms += ms;
      } else {
        const laterFirst = changed?.has(later) === true && !changed.has(earlier);
        pairs.set(key, { task: span.task, ids: laterFirst ? [later, earlier] : [earlier, later], ms });
      }
    }
    open.push(span);
  }
  return [...pairs.values()].map(({ task, ids, ms }) => ({ task, ids, seconds: Math.floor(ms / 1000) }));
}

/** The overlaps that the sessions `changed` take part in, among `sessions` (of their tasks only). */
export function overlapsOf(sessions: readonly Session[], changed: readonly Session[], now: Date): Overlap[] {
  if (changed.length === 0) return [];
  const tasks = new Set(changed.map((s) => s.task));
  const spans = sessions.filter((s) => tasks.has(s.task)).flatMap((s) => spansOf(s, now));
  return findOverlaps(spans, new Set(changed.map((s) => s.id)));
}

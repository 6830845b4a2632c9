import type { Overlap } from '../core/overlaps.js';
import type { Session } from '../core/session.js';
import { formatInstant, formatSpan, formatStop } from './format.js';

/** What add, edit and import print (stderr) or list (`warnings` in their JSON) for an overlap. */
export interface OverlapWarning {
  kind: 'overlap';
  session_id: number;
  other_session_id: number;
  task_name: string;
  overlap_seconds: number;
  message: string;
}

/**
 * One warning per overlap, named from its first session's side (the changed one): `#12 coding
 * overlaps #7 (yesterday 09:00–10:00) by 30m; reports count that time twice`, times as people read
 * them (formatInstant). `find` gives the other.
 */
export function overlapWarnings(overlaps: readonly Overlap[], find: (id: number) => Session | undefined, now: Date): OverlapWarning[] {
  return overlaps.map((overlap) => {
    const [id, otherId] = overlap.ids;
    const other = find(otherId);
    const when = other
      ? ` (${formatInstant(other.started_at, now)}–${other.stopped_at ? formatStop(other.started_at, other.stopped_at, now) : 'now'})`
      : '';
    return {
      kind: 'overlap',
      session_id: id,
      other_session_id: otherId,
      task_name: overlap.task,
      overlap_seconds: overlap.seconds,
      message: `#${id} ${overlap.task} overlaps #${otherId}${when} by ${formatSpan(overlap.seconds)}; reports count that time twice`,
    };
  });
}

/** At most `max` warnings spelled out; the rest in one line (JSON lists them all). */
export function warningLines(warnings: readonly OverlapWarning[], max = 10): string[] {
  const lines = warnings.slice(0, max).map((w) => w.message);
  if (warnings.length > max) lines.push(`${warnings.length - max} more overlaps (--json lists them all)`);
  return lines;
}

import { dayAfter, dayName, localDay, secondsByDay } from './days.js';
import type { DurationBounds } from './duration-input.js';
import { findOverlaps, type Overlap, type Span, spansOf } from './overlaps.js';
import type { Range } from './period.js';
import type { Session } from './session.js';

export const REPORT_BY = ['task', 'tag', 'day'] as const;
export type ReportBy = (typeof REPORT_BY)[number];

/** The row of sessions that carry no tag, in a report by tag. */
export const UNTAGGED = '(untagged)';

/** `--round` takes 1 minute to 24 hours. */
export const ROUND_BOUNDS: DurationBounds = { minSeconds: 60, maxSeconds: 24 * 3600 };

export interface ReportRow {
  /** The task, the tag, or the local day `YYYY-MM-DD`. */
  name: string;
  seconds: number;
  /** Sessions with time in this row (a session crossing midnight counts on both days). */
  sessions: number;
}

export interface Report {
  /** First and last local day, both included. */
  from: string;
  to: string;
  by: ReportBy;
  roundSeconds: number | null;
  /** Each session once, however many rows it is in. */
  totalSeconds: number;
  sessionCount: number;
  rows: ReportRow[];
  /** Sessions of one task overlapping inside the period: their shared time counts twice. */
  overlaps: Overlap[];
}

export interface ReportRequest {
  by: ReportBy;
  range: Range;
  roundSeconds: number | null;
}

/**
 * Totals a period's sessions, fed a batch at a time so a long history is never held at once.
 * Every status counts (time spent is time spent), running and paused sessions up to `now`, and
 * only the part of a session inside the range. With rounding, each session's time in the range
 * is rounded up once; by day, the surplus goes to its last day, so totals agree whatever `by`.
 */
/** A day as `YYYY-MM-DD`: years 1970 to 9999 (the day after the last is `+010000-01`). */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LAST_DAY = '9999-12-31';

export class ReportBuilder {
  private readonly rows = new Map<string, ReportRow>();
  private readonly fromMs: number;
  private readonly toMs: number;
  private totalSeconds = 0;
  private sessionCount = 0;
  private firstDay: string | null = null;
  /** Each counted session's time, cut to the period, for the overlaps. */
  private readonly spans: Span[] = [];

  constructor(
    private readonly request: ReportRequest,
    private readonly now: Date,
  ) {
    this.fromMs = request.range.from?.getTime() ?? -Infinity;
    this.toMs = (request.range.to ?? now).getTime();
  }

  add(batch: readonly Session[]): void {
    for (const session of batch) this.addSession(session);
  }

  private addSession(session: Session): void {
    const days = secondsByDay(session, this.now, this.fromMs, this.toMs);
    let seconds = 0;
    let lastDay = '';
    for (const [day, daySeconds] of days) {
      if (daySeconds <= 0) continue;
      seconds += daySeconds;
      if (day > lastDay) lastDay = day;
      if (this.firstDay === null || day < this.firstDay) this.firstDay = day;
    }
    if (seconds === 0) return;
    for (const span of spansOf(session, this.now, this.fromMs, this.toMs)) this.spans.push(span);
    const rounded = roundUp(seconds, this.request.roundSeconds);
    this.totalSeconds += rounded;
    this.sessionCount += 1;
    const { by } = this.request;
    if (by === 'task') this.credit(session.task, rounded);
    if (by === 'tag') {
      for (const tag of session.tags.length > 0 ? session.tags : [UNTAGGED]) this.credit(tag, rounded);
    }
    if (by === 'day') {
      for (const [day, daySeconds] of days) {
        if (daySeconds > 0) this.credit(day, daySeconds + (day === lastDay ? rounded - seconds : 0));
      }
    }
  }

  private credit(name: string, seconds: number): void {
    const row = this.rows.get(name);
    if (row) {
      row.seconds += seconds;
      row.sessions += 1;
    } else {
      this.rows.set(name, { name, seconds, sessions: 1 });
    }
  }

  result(): Report {
    // The dates the period named, where it named them (a date skipped whole has no instant of its
    // own to read its name from). A period reaching past 9999-12-31 (its last week) ends there, as its rows do.
    const { firstDay, lastDay } = this.request.range;
    const end = lastDay === undefined ? localDay(this.toMs - 1) : dayName(lastDay);
    const to = DAY.test(end) ? end : LAST_DAY;
    const from = firstDay !== undefined ? dayName(firstDay) : this.request.range.from ? localDay(this.fromMs) : (this.firstDay ?? to);
    return {
      from,
      to,
      by: this.request.by,
      roundSeconds: this.request.roundSeconds,
      totalSeconds: this.totalSeconds,
      sessionCount: this.sessionCount,
      rows: this.request.by === 'day' ? this.dayRows(from, to) : this.rankedRows(),
      overlaps: findOverlaps(this.spans),
    };
  }

  /** Every day of the period in order, empty ones included, so a week or a month reads as a chart. */
  private dayRows(from: string, to: string): ReportRow[] {
    const rows: ReportRow[] = [];
    // Days compare as text only while they are YYYY-MM-DD: the day after 9999-12-31 is written
    // +010000-01, which sorts before it. No session can be on it (years end at 9999), so the
    // rows end there (result() ends a period reaching past it there too).
    for (let day = from; DAY.test(day) && day <= to; day = dayAfter(day)) {
      rows.push({ ...(this.rows.get(day) ?? { name: day, seconds: 0, sessions: 0 }) });
    }
    return rows;
  }

  /** Most time first, then by name (code point order, the same in every locale). */
  private rankedRows(): ReportRow[] {
    return [...this.rows.values()]
      .map((row) => ({ ...row }))
      .sort((a, b) => b.seconds - a.seconds || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** Billing rounding: up to the next multiple of the increment (none when null). */
export function roundUp(seconds: number, increment: number | null): number {
  return increment === null ? seconds : Math.ceil(seconds / increment) * increment;
}

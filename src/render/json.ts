import { durationSeconds, pausedSeconds, pauseSeconds, type Session, type Status } from '../core/session.js';
import type { Report, ReportBy, ReportRow } from '../core/report.js';
import { focusProgress, type ActiveOverview, type FocusProgress } from '../core/status.js';
import { toStoredInstant } from '../core/time.js';
import { makeLocalIso } from './local-iso.js';

/** The public JSON view of a session (SPEC "A session"); names follow the Task Timer API. */
export interface SessionJson {
  session_id: number;
  task_name: string;
  started_at: string;
  stopped_at: string | null;
  duration_seconds: number;
  status: Status;
  planned_seconds: number | null;
  paused_seconds: number;
  tags: string[];
  note: string | null;
  /** Where the session was created, once synced (see Session.device). */
  device?: string;
}

export interface PauseJson {
  started_at: string;
  ended_at: string | null;
  duration_seconds: number;
}

export interface SessionDetailJson extends SessionJson {
  uid: string;
  pauses: PauseJson[];
}

export type LocalIso = (instant: string) => string;

/** ISO 8601 in the local zone with its offset, whole seconds: 2026-01-15T14:30:00+01:00 (`Z` at zero offset). */
export function localIso(instant: string | Date): string {
  return makeLocalIso()(typeof instant === 'string' ? instant : toStoredInstant(instant));
}

/** `iso` is shared across a batch so its offset cache is too. */
export function sessionJson(session: Session, now: Date, iso: LocalIso = makeLocalIso()): SessionJson {
  return {
    session_id: session.id,
    task_name: session.task,
    started_at: iso(session.started_at),
    stopped_at: session.stopped_at === null ? null : iso(session.stopped_at),
    duration_seconds: durationSeconds(session, now),
    status: session.status,
    planned_seconds: session.planned_seconds,
    paused_seconds: pausedSeconds(session, now),
    tags: [...session.tags],
    note: session.note,
    ...(session.device === undefined ? {} : { device: session.device }),
  };
}

/** `show --json`: the view plus the uid and every pause. */
export function sessionDetailJson(session: Session, now: Date, iso: LocalIso = makeLocalIso()): SessionDetailJson {
  return {
    ...sessionJson(session, now, iso),
    uid: session.uid,
    pauses: session.pauses.map((pause) => ({
      started_at: iso(pause.started_at),
      ended_at: pause.ended_at === null ? null : iso(pause.ended_at),
      duration_seconds: pauseSeconds(session, pause, now),
    })),
  };
}

export interface SessionListJson {
  sessions: SessionJson[];
  total: number;
}

export function sessionListJson(sessions: readonly Session[], total: number, now: Date): SessionListJson {
  const iso = makeLocalIso();
  return { sessions: sessions.map((s) => sessionJson(s, now, iso)), total };
}

/** `report --json`: local days, both included; `round_seconds` only when the report is rounded. */
export interface ReportJson {
  from: string;
  to: string;
  by: ReportBy;
  round_seconds?: number;
  total_seconds: number;
  rows: ReportRow[];
  /** Pairs of sessions of one task that overlap in the period, and for how long (counted twice). */
  overlaps: { task_name: string; session_ids: [number, number]; overlap_seconds: number }[];
}

export function reportJson(report: Report): ReportJson {
  return {
    from: report.from,
    to: report.to,
    by: report.by,
    ...(report.roundSeconds === null ? {} : { round_seconds: report.roundSeconds }),
    total_seconds: report.totalSeconds,
    rows: report.rows.map(({ name, seconds, sessions }) => ({ name, seconds, sessions })),
    overlaps: report.overlaps.map((o) => ({ task_name: o.task, session_ids: o.ids, overlap_seconds: o.seconds })),
  };
}

/** `status --json` (also the API's and the dashboard's): `warnings` holds one text per forgotten session. */
export interface StatusJson {
  sessions: SessionJson[];
  total: number;
  warnings: { session_id: number; message: string }[];
  focus: FocusProgress | null;
}

export function statusJson({ sessions, forgotten }: ActiveOverview, warnings: readonly string[], now: Date): StatusJson {
  return {
    sessions: sessions.map((s) => sessionJson(s, now)),
    total: sessions.length,
    warnings: forgotten.map((s, i) => ({ session_id: s.id, message: warnings[i] as string })),
    focus: sessions.map((s) => focusProgress(s, now)).find((p) => p !== null) ?? null,
  };
}

/** Compact one-line JSON for stdout. */
export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

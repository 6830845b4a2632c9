import { durationSeconds, pausedSeconds, pauseSeconds, type Session } from '../core/session.js';
import { focusProgress } from '../core/status.js';
import type { Palette } from './color.js';
import { formatClock, formatInstant, formatSpan } from './format.js';
import { table, type Column } from './table.js';

/** Who, task, clock, since; the clock right-aligned so hours line up. */
const ACTIVE_COLUMNS: readonly Column[] = [{}, { gap: 1 }, { align: 'right' }, {}];

export function startedLine(session: Session, now: Date, palette: Palette): string {
  const focus = session.planned_seconds === null ? '' : `, focus for ${formatSpan(session.planned_seconds)}`;
  return `Started ${palette.bold(session.task)} (#${session.id}) at ${formatInstant(session.started_at, now)}${focus}.\n`;
}

export function stoppedLine(session: Session, now: Date, palette: Palette): string {
  const spent = formatSpan(durationSeconds(session, now));
  return `Stopped ${palette.bold(session.task)} (#${session.id}) after ${spent}, ${palette.status(session.status, session.status)}.\n`;
}

export function deletedLine(session: Session, palette: Palette): string {
  return `Deleted ${palette.bold(session.task)} (#${session.id}).\n`;
}

/** `show`: one field a line, then the pauses. */
export function sessionDetail(session: Session, now: Date, palette: Palette): string {
  const rows: [string, string][] = [
    ['Session', `#${session.id} ${palette.bold(session.task)}`],
    ['Status', palette.status(session.status, session.status)],
    ['Started', formatInstant(session.started_at, now)],
    ['Stopped', session.stopped_at === null ? '-' : formatInstant(session.stopped_at, now)],
    ['Duration', formatSpan(durationSeconds(session, now))],
    ['Paused', formatSpan(pausedSeconds(session, now))],
  ];
  if (session.planned_seconds !== null) rows.push(['Planned', formatSpan(session.planned_seconds)]);
  rows.push(['Tags', session.tags.length > 0 ? session.tags.join(', ') : '-']);
  rows.push(['Note', session.note ?? '-']);
  const lines = rows.map(([label, value]) => `${palette.dim(label.padEnd(9))}${value}`);
  if (session.pauses.length === 0) {
    lines.push(`${palette.dim('Pauses'.padEnd(9))}none`);
  } else {
    lines.push(palette.dim('Pauses'));
    for (const pause of session.pauses) {
      const until = pause.ended_at === null ? 'now' : formatInstant(pause.ended_at, now);
      lines.push(`  ${formatInstant(pause.started_at, now)} → ${until}  ${formatSpan(pauseSeconds(session, pause, now))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A focus session's plan against its running time: `15m left` or `5m over`. */
function focusText(session: Session, now: Date): string {
  const progress = focusProgress(session, now);
  if (!progress) return '';
  return progress.overtime_seconds > 0 ? `${formatSpan(progress.overtime_seconds)} over` : `${formatSpan(progress.remaining_seconds)} left`;
}

/**
 * The `status` lines, one a session, in columns: `▶ #2 coding  0:42:05  since 14:30`, plus a focus
 * session's progress. When the sessions were started on more than one device (they arrived by
 * sync), each line says where: `on laptop`.
 */
export function activeLines(sessions: readonly Session[], now: Date, palette: Palette): string[] {
  const devices = new Set(sessions.map((s) => s.device));
  const rows = sessions.map((session) => {
    const marker = session.status === 'paused' ? '⏸' : '▶';
    const pausedAt = session.pauses.at(-1)?.started_at;
    const since =
      session.status === 'paused' && pausedAt
        ? `paused since ${formatInstant(pausedAt, now)}`
        : `since ${formatInstant(session.started_at, now)}`;
    const focus = session.planned_seconds === null ? '' : `  focus ${formatSpan(session.planned_seconds)}: ${focusText(session, now)}`;
    const where = devices.size > 1 ? `  on ${session.device ?? 'this device'}` : '';
    return [
      `${palette.status(session.status, marker)} #${session.id}`,
      palette.bold(session.task),
      formatClock(durationSeconds(session, now)),
      `${palette.dim(since)}${focus}${palette.dim(where)}`,
    ];
  });
  return table(ACTIVE_COLUMNS, rows);
}

/** The prompt segment: `coding 1:02:03`; a second active session shows as `+1`. */
export function shortStatus(active: readonly Session[], now: Date): string {
  const latest = active[active.length - 1];
  if (!latest) return '';
  const paused = latest.status === 'paused' ? ' (paused)' : '';
  const focus = latest.planned_seconds === null ? '' : ` (${focusText(latest, now)})`;
  const more = active.length > 1 ? ` +${active.length - 1}` : '';
  return `${latest.task} ${formatClock(durationSeconds(latest, now))}${paused}${focus}${more}`;
}

/** `command` is how the user runs stint (`stint`, `npx stint`), so the hint can be pasted. */
export function forgottenWarning(session: Session, now: Date, command: string): string {
  const running = formatSpan(durationSeconds(session, now));
  return `Session ${session.id} (${session.task}) has been running for ${running}; was it forgotten? Stop it with: ${command} stop ${session.id}`;
}

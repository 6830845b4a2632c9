import { dayNumber } from '../core/days.js';
import { durationSeconds, type Session } from '../core/session.js';
import type { Palette } from './color.js';
import { formatClock, formatDay, formatSpan, formatTime } from './format.js';
import { cellWidth, table, type Column } from './table.js';

// `list` on a terminal: a log as `watson log` and `timew summary` print it. Each session sits
// under the local day it started; a day heading carries the total of its rows, and the listing
// ends with its own total. Durations are spans (`1h 15m`) in every row, running ones counted up
// to now: a live clock (`0:42:05`) would mix two forms in one column. The live view (`--watch`)
// has clocks in every row instead.

/** ID, range, duration, task, tags, then the flags: status (when not completed), focus plan, note marker. */
const LOG_COLUMNS: readonly Column[] = [{ align: 'right' }, {}, { align: 'right' }, {}, {}, {}];

/** The note marker: the note itself is `--notes`. */
const NOTE_MARK = '✎';

export interface LogOptions {
  /** Each note in full on a line under its session. */
  notes: boolean;
  /** Every row's duration as a clock (`0:42:05`), for the live view, whose clocks tick each second. */
  clocks?: boolean;
}

/**
 * `09:00 – 10:15`, `23:10 – 01:20 +1d` past midnight, `14:00 – now` while active, and
 * `17:29 – now +1d` for an active one started on an earlier day: it too runs past midnight.
 */
function rangeText(session: Session, now: Date, palette: Palette): string {
  const start = formatTime(session.started_at);
  const end = session.stopped_at === null ? now.getTime() : Date.parse(session.stopped_at);
  const days = dayNumber(end) - dayNumber(Date.parse(session.started_at));
  const until = session.stopped_at === null ? palette.dim('now') : formatTime(session.stopped_at);
  return `${start} – ${until}${days > 0 ? palette.dim(` +${days}d`) : ''}`;
}

/** What sets a session apart: its status when not completed, its focus plan, the note marker. */
function flags(session: Session, palette: Palette): string {
  const status = session.status === 'completed' ? '' : palette.status(session.status, session.status);
  const focus = session.planned_seconds === null ? '' : palette.dim(`focus ${formatSpan(session.planned_seconds)}`);
  const note = session.note ? palette.dim(NOTE_MARK) : '';
  return [status, focus, note].filter(Boolean).join(' ');
}

/** The log of `sessions` (oldest first), one heading a local day; its lines, without newlines. */
export function logLines(sessions: readonly Session[], now: Date, palette: Palette, options: LogOptions): string[] {
  const days = new Map<number, Session[]>();
  for (const s of sessions) {
    const day = dayNumber(Date.parse(s.started_at));
    const list = days.get(day);
    if (list) list.push(s);
    else days.set(day, [s]);
  }
  // One table for every row, so the columns line up across days; headings are cut in after.
  const groups = [...days.values()].map((group) => group.map((s) => ({ s, seconds: durationSeconds(s, now) })));
  const rows = groups
    .flat()
    .map(({ s, seconds }): string[] => [
      `#${s.id}`,
      rangeText(s, now, palette),
      (options.clocks ? formatClock : formatSpan)(seconds),
      palette.bold(s.task),
      s.tags.join(', '),
      flags(s, palette),
    ]);
  // No session with a tag: no empty tags column to step over.
  if (rows.every((row) => row[4] === '')) for (const row of rows) row.splice(4, 1);
  const body = table(LOG_COLUMNS, rows);
  const span = options.clocks ? formatClock : formatSpan;
  // Totals end where the duration column does.
  const width = Math.max(
    0,
    ...table(
      LOG_COLUMNS.slice(0, 3),
      rows.map((r) => r.slice(0, 3)),
    ).map(cellWidth),
  );
  const lines: string[] = [];
  let row = 0;
  let total = 0;
  for (const group of groups) {
    const daySeconds = group.reduce((sum, entry) => sum + entry.seconds, 0);
    total += daySeconds;
    if (lines.length > 0) lines.push('');
    lines.push(heading(formatDay((group[0] as { s: Session }).s.started_at, now), span(daySeconds), width, palette));
    for (const { s } of group) {
      lines.push(`  ${body[row++]}`);
      // Every line of a note under the row, indented, so a line break does not fall back to the margin.
      if (options.notes && s.note) for (const line of s.note.split(/\r?\n/)) lines.push(`      ${palette.dim(line)}`);
    }
  }
  const count = `${sessions.length} session${sessions.length === 1 ? '' : 's'}`;
  lines.push('', heading(`Total, ${count}`, span(total), width, palette));
  return lines;
}

/** `Mon 16 Nov        5h 30m`: the total right-aligned over the duration column. */
function heading(label: string, total: string, width: number, palette: Palette): string {
  const pad = Math.max(2, width + 2 - cellWidth(label) - total.length);
  return `${palette.bold(label)}${' '.repeat(pad)}${palette.bold(total)}`;
}

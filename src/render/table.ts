import stringWidth from 'string-width';
import { durationSeconds, type Session } from '../core/session.js';
import type { Palette } from './color.js';
import { formatDateTime, formatSpan, formatTime, sameLocalDay } from './format.js';

// stint's one way to draw a table (list, report, status, jobs list): no box drawing, columns two
// spaces apart, each as wide as its widest cell in terminal cells, so CJK and emoji align.

export interface Column {
  align?: 'left' | 'right';
  /** Blanks before the column (default 2); a single space reads as one phrase (`#1 daily`). */
  gap?: number;
}

/**
 * Printable ASCII, the block elements U+2580–U+259F (report bars) and the status markers ▶ and ⏸
 * are one cell a character, and colour (SGR) codes none, as string-width counts them (a property
 * test holds the two equal): most cells, measured without its regexes. Those cost a month's
 * report more than totalling the month, and `status` ~4M instructions a run (building the emoji
 * regex), for its marker alone or any coloured cell on a terminal.
 */
const SIMPLE = /^(?:[\x20-\x7e\u2580-\u259f\u23f8\u25b6]|\x1b\[(?:\d{1,3}(?:;\d{1,3})*)?m)*$/;
const SGR = /\x1b\[[\d;]*m/g;

/** A SIMPLE text's width, its characters less its colour codes; undefined for any other text. */
export function simpleWidth(text: string): number | undefined {
  if (!SIMPLE.test(text)) return undefined;
  return text.includes('\x1b') ? text.replace(SGR, '').length : text.length;
}

/** Width in terminal cells; colour codes take none. */
export const cellWidth = (text: string): number => simpleWidth(text) ?? stringWidth(text);

/**
 * The rows laid out in columns, one line each, without trailing blanks (they only get in the way
 * of copy and diff). Linear in the cells: every cell is measured once.
 */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  // Task names and statuses repeat down a column: string-width's regexes run once per distinct cell.
  const known = new Map<string, number>();
  const measure = (cell: string) => {
    const simple = simpleWidth(cell);
    if (simple !== undefined) return simple;
    const width = known.get(cell) ?? stringWidth(cell);
    known.set(cell, width);
    return width;
  };
  const widths = rows.map((row) => row.map(measure));
  const max = columns.map((_, i) => Math.max(0, ...widths.map((w) => w[i] ?? 0)));
  return rows.map((row, r) => {
    let line = '';
    row.forEach((cell, i) => {
      const column = columns[i] ?? {};
      const pad = ' '.repeat((max[i] ?? 0) - (widths[r]?.[i] ?? 0));
      if (i > 0) line += ' '.repeat(column.gap ?? 2);
      line += column.align === 'right' ? pad + cell : cell + pad;
    });
    return line.trimEnd();
  });
}

const SESSION_COLUMNS: readonly Column[] = [{ align: 'right' }, {}, {}, {}, { align: 'right' }, {}];

/**
 * The `list` table when piped (a terminal gets the log, list-log.ts): ID, task, started, stopped,
 * duration (a span for every row, live while active: a column never mixes spans and clocks), status.
 */
export function sessionsTable(sessions: readonly Session[], now: Date, palette: Palette): string {
  const head = ['ID', 'Task', 'Started', 'Stopped', 'Duration', 'Status'].map((h) => palette.bold(h));
  const rows = sessions.map((session) => {
    const seconds = durationSeconds(session, now);
    return [
      String(session.id),
      session.task,
      formatDateTime(session.started_at),
      session.stopped_at === null ? palette.dim('-') : plainStop(session.started_at, session.stopped_at),
      formatSpan(seconds),
      palette.status(session.status, session.status),
    ];
  });
  return `${table(SESSION_COLUMNS, [head, ...rows]).join('\n')}\n`;
}

/** A stop time next to its start: just the time when it is the same local day. */
function plainStop(started: string, stopped: string): string {
  return sameLocalDay(new Date(started), new Date(stopped)) ? formatTime(stopped) : formatDateTime(stopped);
}

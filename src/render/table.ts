import Table from 'cli-table3';
import stringWidth from 'string-width';
import { durationSeconds, isActive, type Session } from '../core/session.js';
import type { Palette } from './color.js';
import { formatClock, formatDateTime, formatSpan, formatStop } from './format.js';

// No box drawing: columns separated by two spaces read better in a terminal and paste cleanly.
const BARE = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

/**
 * cli-table3 lays a table out in time quadratic in its rows (each cell is checked against
 * every cell above it for spans), so a long history would take minutes. Rows are rendered in
 * blocks of this many, every block with the same column widths, measured once over all rows.
 */
const BLOCK_ROWS = 50;

/** The `list` table: ID, task, started, stopped, duration (live clock while active), status. */
export function sessionsTable(sessions: readonly Session[], now: Date, palette: Palette): string {
  const head = ['ID', 'Task', 'Started', 'Stopped', 'Duration', 'Status'].map((h) => palette.bold(h));
  const rows = sessions.map((session) => {
    const seconds = durationSeconds(session, now);
    return [
      String(session.id),
      session.task,
      formatDateTime(session.started_at),
      session.stopped_at === null ? palette.dim('-') : formatStop(session.started_at, session.stopped_at),
      isActive(session) ? formatClock(seconds) : formatSpan(seconds),
      palette.status(session.status, session.status),
    ];
  });
  const colWidths = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((row) => stringWidth(row[i] as string))));
  const blocks: string[] = [];
  for (let start = 0; start === 0 || start < rows.length; start += BLOCK_ROWS) {
    const table = new Table({
      ...(start === 0 ? { head } : {}),
      chars: BARE,
      colWidths,
      colAligns: ['right', 'left', 'left', 'left', 'right', 'left'],
      style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    });
    table.push(...rows.slice(start, start + BLOCK_ROWS));
    blocks.push(table.toString());
  }
  // cli-table3 pads the last column; trailing blanks only get in the way of copy and diff.
  return `${blocks.join('\n').replace(/[ \t]+$/gm, '')}\n`;
}

import Table from 'cli-table3';
import { durationSeconds, isActive, type Session } from '../core/session.js';
import type { Palette } from './color.js';
import { formatClock, formatDateTime, formatSpan, formatStop } from './format.js';

// No box drawing: columns separated by two spaces read better in a terminal and paste cleanly.
const BARE = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

/** The `list` table: ID, task, started, stopped, duration (live clock while active), status. */
export function sessionsTable(sessions: readonly Session[], now: Date, palette: Palette): string {
  const table = new Table({
    head: ['ID', 'Task', 'Started', 'Stopped', 'Duration', 'Status'].map((h) => palette.bold(h)),
    chars: BARE,
    colAligns: ['right', 'left', 'left', 'left', 'right', 'left'],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const session of sessions) {
    const seconds = durationSeconds(session, now);
    table.push([
      String(session.id),
      session.task,
      formatDateTime(session.started_at),
      session.stopped_at === null ? palette.dim('-') : formatStop(session.started_at, session.stopped_at),
      isActive(session) ? formatClock(seconds) : formatSpan(seconds),
      palette.status(session.status, session.status),
    ]);
  }
  // cli-table3 pads the last column; trailing blanks only get in the way of copy and diff.
  return `${table.toString().replace(/[ \t]+$/gm, '')}\n`;
}

import { format } from 'date-fns/format';
import stringWidth from 'string-width';
import { durationSeconds, type Session } from '../core/session.js';
import { focusProgress } from '../core/status.js';
import type { Palette } from './color.js';
import { gauge } from './progress-text.js';

const CSI = '\u001b[';

/** The terminal controls of a live view. */
export const SCREEN = {
  /** The alternate screen (the shell's screen comes back intact on leaving), cursor hidden. */
  enter: `${CSI}?1049h${CSI}?25l`,
  /** Cursor shown, alternate screen left. */
  leave: `${CSI}?25h${CSI}?1049l`,
  bell: '\u0007',
} as const;

/** A timer's reading: `12:30`, and `1:02:03` from an hour on. */
export function formatTimer(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const rest = `${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/**
 * A focus session against its plan: `[██████████░░░░░░░░░░] 12:30 / 25:00`, then `+2:10 over`;
 * null for a plain timer.
 */
export function focusBar(session: Session, now: Date, palette: Palette): string | null {
  const progress = focusProgress(session, now);
  if (!progress) return null;
  const done = durationSeconds(session, now);
  // Cells fill as whole twentieths: the bar is full only once the plan is reached.
  const bar = `[${gauge(Math.floor((done / progress.planned_seconds) * 20) / 20)}] ${formatTimer(done)} / ${formatTimer(progress.planned_seconds)}`;
  return progress.overtime_seconds > 0 ? `${palette.warning(bar)}  +${formatTimer(progress.overtime_seconds)} over` : bar;
}

/** The focus sessions of a table, one bar a line, named: `#3 writing  [█████░░░…] 12:30 / 25:00`. */
export function focusBars(sessions: readonly Session[], now: Date, palette: Palette): string[] {
  return sessions.flatMap((s) => {
    const bar = focusBar(s, now, palette);
    return bar ? [`#${s.id} ${palette.bold(s.task)}  ${bar}`] : [];
  });
}

/** The first line of a live view: what it is, the time it shows, and how to leave. */
export function watchHeader(title: string, now: Date, palette: Palette): string {
  return `${palette.bold(title)}  ${format(now, 'yyyy-MM-dd HH:mm:ss')}  ${palette.dim('q or Ctrl-C to quit')}`;
}

/**
 * The lines that fit in `rows` rows of `columns` cells (a long line wraps): the first `keepTop`
 * stay, then the last of the others, newest last as in `list`, after a line counting the rest.
 * Drawing more than the screen holds would scroll it, and the next frame would not start at the top.
 */
export function fitScreen(lines: readonly string[], rows: number, columns: number, keepTop: number): string[] {
  const height = (line: string) => Math.max(1, Math.ceil(stringWidth(line) / Math.max(1, columns)));
  const total = lines.reduce((sum, line) => sum + height(line), 0);
  if (total <= rows) return [...lines];
  const top = lines.slice(0, keepTop);
  let budget = rows - top.reduce((sum, line) => sum + height(line), 0) - 1;
  if (budget < 1) return lines.slice(0, Math.max(1, rows));
  let first = lines.length;
  while (first > keepTop && height(lines[first - 1] as string) <= budget) {
    first -= 1;
    budget -= height(lines[first] as string);
  }
  return [...top, `… ${first - keepTop} more above`, ...lines.slice(first)];
}

/**
 * One frame drawn over the last: cursor home, each line cleared past its end, the rest of the
 * screen cleared. No newline after the last line, so a full screen does not scroll.
 */
export function screenFrame(lines: readonly string[]): string {
  return `${CSI}H${lines.map((line) => `${line}${CSI}K`).join('\r\n')}${CSI}J`;
}

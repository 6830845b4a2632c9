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

/** The first line of a live view: what it is, the time it shows (a clock: always today, so no date), and how to leave. */
export function watchHeader(title: string, now: Date, palette: Palette): string {
  return `${palette.bold(title)}  ${format(now, 'HH:mm:ss')}  ${palette.dim('q or Ctrl-C to quit')}`;
}

/** An SGR colour sequence at the start of `text`, zero cells wide. */
const SGR = /^\u001b\[[0-9;]*m/;

/**
 * `line` cut to `columns` terminal cells, its last cell an ellipsis when anything was cut, and
 * colours reset after the cut. A live view truncates rather than wraps: a wrapped line would push
 * the rest of the frame down and the screen would no longer hold what was counted.
 */
export function truncateLine(line: string, columns: number): string {
  if (stringWidth(line) <= columns) return line;
  const room = Math.max(0, columns - 1);
  let out = '';
  let used = 0;
  let coloured = false;
  for (let i = 0; i < line.length; ) {
    const sgr = SGR.exec(line.slice(i));
    if (sgr) {
      out += sgr[0];
      coloured = true;
      i += sgr[0].length;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(i) as number);
    const width = stringWidth(char);
    if (used + width > room) break;
    out += char;
    used += width;
    i += char.length;
  }
  return `${out}${columns > 0 ? '…' : ''}${coloured ? `${CSI}0m` : ''}`;
}

/**
 * The lines that fit in `rows` rows of `columns` cells, each cut to the width (truncateLine): the
 * first `keepTop` stay, then the last of the others, newest last as in `list`, after a line
 * counting the rest. Drawing more than the screen holds would scroll it, and the next frame would
 * not start at the top.
 */
export function fitScreen(lines: readonly string[], rows: number, columns: number, keepTop: number): string[] {
  const cut = lines.map((line) => truncateLine(line, Math.max(1, columns)));
  if (cut.length <= rows) return cut;
  const top = cut.slice(0, keepTop);
  const budget = rows - top.length - 1;
  if (budget < 1) return cut.slice(0, Math.max(1, rows));
  const first = cut.length - Math.min(budget, cut.length - keepTop);
  return [...top, `… ${first - keepTop} more above`, ...cut.slice(first)];
}

/**
 * One frame drawn over the last: cursor home, each line cleared past its end, the rest of the
 * screen cleared. No newline after the last line, so a full screen does not scroll.
 */
export function screenFrame(lines: readonly string[]): string {
  return `${CSI}H${lines.map((line) => `${line}${CSI}K`).join('\r\n')}${CSI}J`;
}

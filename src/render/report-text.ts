import { dayOfName, dayStart, localDay } from '../core/days.js';
import type { Report, ReportRow } from '../core/report.js';
import type { Palette } from './color.js';
import { csvTable } from './csv.js';
import { formatSpan } from './format.js';
import { table, type Column } from './table.js';

/** Width of the longest bar, in terminal cells. */
export const BAR_CELLS = 30;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value` against `max`, in eighths of a cell; anything above zero shows at least one eighth. */
export function bar(value: number, max: number, cells = BAR_CELLS): string {
  if (value <= 0 || max <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * cells * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
}

/** `2026-11-16 → 2026-11-22`, or the one day. */
export const reportPeriod = (report: Report) => (report.from === report.to ? report.from : `${report.from} → ${report.to}`);

/** A duration as typed: `15m`, `1h 30m`, or seconds when it is not whole minutes. */
const increment = (seconds: number) => (seconds % 60 === 0 ? formatSpan(seconds) : `${seconds}s`);

/** Name, time, bar, sessions. */
const REPORT_COLUMNS: readonly Column[] = [{}, { align: 'right' }, {}, {}];

const count = (n: number) => `${n} session${n === 1 ? '' : 's'}`;

/** `Report 2026-11-16 → 2026-11-22, by day, rounded up to 15m per session`. */
export function reportHeader(report: Report): string {
  const parts = [`Report ${reportPeriod(report)}`, `by ${report.by}`];
  if (report.roundSeconds !== null) parts.push(`rounded up to ${increment(report.roundSeconds)} per session`);
  return parts.join(', ');
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The name a row shows: a day gets its short weekday (`2026-11-16 Mon`), from the day's first
 * instant as date-fns' `yyyy-MM-dd EEE` wrote it (a test holds them equal); without date-fns,
 * whose loading cost each report more than the rows.
 */
export function rowLabel(report: Pick<Report, 'by'>, row: Pick<ReportRow, 'name'>): string {
  if (report.by !== 'day') return row.name;
  const start = dayStart(dayOfName(row.name));
  return `${localDay(start)} ${WEEKDAY[new Date(start).getDay()]}`;
}

/**
 * The human report: a header, one line per row (name, time, a bar scaled to the largest row,
 * sessions), then the total. Widths are measured in terminal cells, so any script aligns.
 */
export function reportText(report: Report, palette: Palette): string {
  if (report.totalSeconds === 0) {
    return report.from === report.to ? `Nothing tracked on ${report.from}.\n` : `Nothing tracked from ${report.from} to ${report.to}.\n`;
  }
  const max = Math.max(...report.rows.map((row) => row.seconds));
  const rows = report.rows.map((row) => {
    const empty = row.seconds === 0;
    const paint = empty ? palette.dim : (text: string) => text;
    return [
      paint(rowLabel(report, row)),
      paint(empty ? '-' : formatSpan(row.seconds)),
      bar(row.seconds, max).padEnd(BAR_CELLS),
      empty ? '' : palette.dim(count(row.sessions)),
    ];
  });
  const total = [
    palette.bold('Total'),
    palette.bold(formatSpan(report.totalSeconds)),
    ' '.repeat(BAR_CELLS),
    palette.dim(count(report.sessionCount)),
  ];
  const lines = [palette.bold(reportHeader(report)), ...table(REPORT_COLUMNS, [...rows, total])];
  const rowSum = report.rows.reduce((sum, row) => sum + row.seconds, 0);
  if (report.by === 'tag' && rowSum > report.totalSeconds) {
    lines.push(palette.dim('A session with several tags counts in the row of each; the total counts it once.'));
  }
  if (report.overlaps.length > 0) lines.push(palette.warning(overlapFooter(report)));
  return `${lines.join('\n')}\n`;
}

/** `report --csv`: the rows under a `name,seconds,sessions` header. */
export function reportCsv(report: Report): string {
  return csvTable(
    ['name', 'seconds', 'sessions'],
    report.rows.map((row) => [row.name, row.seconds, row.sessions]),
  );
}

/** `Overlapping sessions of one task, counted twice: #3 & #5 coding (30m).`, at most three named. */
function overlapFooter(report: Report): string {
  const named = report.overlaps.slice(0, 3).map((o) => `#${o.ids[0]} & #${o.ids[1]} ${o.task} (${formatSpan(o.seconds)})`);
  const more = report.overlaps.length > 3 ? ` and ${report.overlaps.length - 3} more` : '';
  return `Overlapping sessions of one task, counted twice: ${named.join(', ')}${more}.`;
}

import type { ReportRow } from '../../core/report.js';
import { flooredShare } from '../../core/share.js';
import { formatSpan } from '../../render/format.js';

// Hand-made SVG: a few rectangles need no chart library, and the page's strict CSP allows no
// inline style, so colours come from classes in dashboard.css. Each chart carries a <title>
// per mark, and the page puts a table or a sentence beside it (the same numbers, readable).

/** Text for HTML and SVG: the five characters that could open markup or end an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The weekday of a local day `YYYY-MM-DD` (its calendar date, whatever the zone). */
export const weekdayOf = (day: string): number => new Date(`${day}T12:00:00Z`).getUTCDay();

/** Bars of the week's days, the daily goal as a line across them. */
export function weekChart(rows: readonly ReportRow[], goalSeconds: number): string {
  const width = 350;
  const height = 160;
  const chart = height - 24;
  const top = Math.max(goalSeconds, ...rows.map((r) => r.seconds), 1);
  const slot = width / Math.max(rows.length, 1);
  const bars = rows.map((row, i) => {
    const h = Math.round((row.seconds / top) * chart);
    const x = Math.round(i * slot + slot * 0.15);
    const label = WEEKDAY[weekdayOf(row.name)] as string;
    const met = row.seconds >= goalSeconds ? ' met' : '';
    return (
      `<rect class="bar${met}" x="${x}" y="${chart - h}" width="${Math.round(slot * 0.7)}" height="${h}">` +
      `<title>${escapeHtml(`${row.name}: ${formatSpan(row.seconds)}`)}</title></rect>` +
      `<text class="axis" x="${Math.round(i * slot + slot / 2)}" y="${height - 6}" text-anchor="middle">${label}</text>`
    );
  });
  const goalY = chart - Math.round((goalSeconds / top) * chart);
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="week-title">` +
    `<title id="week-title">Time tracked each day this week</title>${bars.join('')}` +
    `<line class="goal" x1="0" x2="${width}" y1="${goalY}" y2="${goalY}"><title>Daily goal: ${formatSpan(goalSeconds)}</title></line></svg>`
  );
}

/** The heat level of a day: 0 none, then quarters of the goal up to 4 (the goal met). */
export function heatLevel(seconds: number, goalSeconds: number): number {
  if (seconds <= 0) return 0;
  return Math.min(4, 1 + Math.floor((seconds / goalSeconds) * 3));
}

/**
 * A year as columns of weeks (Monday on top), one square a day, as GitHub draws contributions.
 * `rows` are consecutive days, oldest first.
 */
export function heatmap(rows: readonly ReportRow[], goalSeconds: number): string {
  const cell = 11;
  const gap = 2;
  const offset = rows.length > 0 ? (weekdayOf((rows[0] as ReportRow).name) + 6) % 7 : 0;
  const weeks = Math.ceil((rows.length + offset) / 7);
  const rects = rows.map((row, i) => {
    const at = i + offset;
    const x = Math.floor(at / 7) * (cell + gap);
    const y = (at % 7) * (cell + gap);
    const level = heatLevel(row.seconds, goalSeconds);
    return `<rect class="l${level}" x="${x}" y="${y}" width="${cell}" height="${cell}"><title>${row.name}: ${formatSpan(row.seconds)}</title></rect>`;
  });
  const width = weeks * (cell + gap);
  return (
    `<svg class="heatmap" viewBox="0 0 ${width} ${7 * (cell + gap)}" role="img" aria-labelledby="year-title">` +
    `<title id="year-title">Time tracked each day of the last year</title>${rects.join('')}</svg>`
  );
}

/** The year in one sentence: the text beside the heatmap. */
export function yearText(rows: readonly ReportRow[]): string {
  const active = rows.filter((r) => r.seconds > 0);
  if (active.length === 0) return 'Nothing tracked in the last year.';
  const total = active.reduce((sum, r) => sum + r.seconds, 0);
  const best = active.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  return `${formatSpan(total)} over ${active.length} day${active.length === 1 ? '' : 's'} in the last year; the most on ${best.name} (${formatSpan(best.seconds)}).`;
}

/** Today against the goal as a bar; the caller writes the numbers beside it. */
export function goalBar(seconds: number, goalSeconds: number): string {
  const fraction = goalSeconds > 0 ? Math.min(1, seconds / goalSeconds) : 0;
  const width = 300;
  return (
    `<svg class="goalbar" viewBox="0 0 ${width} 14" preserveAspectRatio="none" role="img" aria-label="${Math.min(100, flooredShare(seconds, goalSeconds, 100))}% of the daily goal">` +
    `<rect class="track" x="0" y="0" width="${width}" height="14" rx="7"/>` +
    `<rect class="fill${fraction >= 1 ? ' met' : ''}" x="0" y="0" width="${Math.round(fraction * width)}" height="14" rx="7"/></svg>`
  );
}

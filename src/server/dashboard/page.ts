import { STATUSES } from '../../core/session.js';
import { flooredShare } from '../../core/share.js';
import { formatClock, formatSpan } from '../../render/format.js';
import type { SessionJson } from '../../render/json.js';
import { escapeHtml as h, goalBar, heatmap, weekChart, weekdayOf, yearText } from './charts.js';
import { RECENT_DAYS, type DashboardData } from './data.js';

// The dashboard is rendered here, whole, on the server: the page reads without script. The
// small modules in assets/ only tick the clocks, send the buttons, and swap in the parts marked
// `data-live` when the change stream says the store moved. No inline script or style (CSP).

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `2026-01-15T14:30:00+01:00` → `2026-01-15 14:30`: the local time the API already gives. */
const when = (iso: string | null) => (iso === null ? '' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`);

export function dashboardPage(data: DashboardData): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stint</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/dashboard.css">
<script type="module" src="/assets/dashboard.js"></script>
</head>
<body>
<header><h1>stint</h1><span id="connection" class="connection" role="status">offline</span></header>
<main>
${liveParts(data)}
</main>
</body>
</html>
`;
}

/** The parts that change with the store, each marked `data-live` with an id the client swaps by. */
export function liveParts(data: DashboardData): string {
  return [timers(data), today(data), week(data), badges(data), year(data), sessions(data)].join('\n');
}

function timers({ status }: DashboardData): string {
  const items = status.sessions.map((s) => {
    const running = s.status === 'running';
    const action = (name: string, label: string) =>
      `<button type="button" data-action="${name}" data-id="${s.session_id}">${label}</button>`;
    const focus = s.planned_seconds === null ? '' : ` <span class="muted">of ${formatSpan(s.planned_seconds)} focus</span>`;
    return (
      `<li class="timer ${s.status}" data-session-id="${s.session_id}"><span class="task">${h(s.task_name)}</span> ` +
      `<span class="clock" data-seconds="${s.duration_seconds}" data-running="${running ? 1 : 0}">${formatClock(s.duration_seconds)}</span>` +
      `${focus} <span class="state">${s.status}</span> <span class="actions">` +
      `${running ? action('pause', 'Pause') : action('resume', 'Resume')}${action('stop', 'Stop')}</span></li>`
    );
  });
  const warnings = status.warnings.map((w) => `<p class="warning">${h(w.message)}</p>`).join('');
  return `<section id="timers">
<h2>Timers</h2>
<form class="start" data-action="start"><label>Task <input name="task" required maxlength="100" autocomplete="off"></label> <button type="submit">Start</button></form>
<p class="message" role="alert"></p>
<div id="timer-list" data-live>${items.length === 0 ? '<p class="muted">Nothing running.</p>' : `<ul class="timers">${items.join('')}</ul>`}${warnings}</div>
</section>`;
}

function today({ stats }: DashboardData): string {
  const goal = stats.daily_goal_seconds;
  const percent = flooredShare(stats.today_seconds, goal, 100);
  return `<section id="today" data-live>
<h2>Today</h2>
${goalBar(stats.today_seconds, goal)}
<p><strong>${formatSpan(stats.today_seconds)}</strong> of the ${formatSpan(goal)} goal (${percent}%), completed sessions.</p>
<p>Streak: <strong>${stats.current_streak_days} day${stats.current_streak_days === 1 ? '' : 's'}</strong> (longest ${stats.longest_streak_days}).
${stats.total_sessions} sessions ended, ${stats.completion_rate_percent}% completed.</p>
</section>`;
}

function week({ week, stats }: DashboardData): string {
  const rows = week.rows
    .map((r) => `<tr><th scope="row">${WEEKDAY[weekdayOf(r.name)]} ${r.name.slice(5)}</th><td>${formatSpan(r.seconds)}</td></tr>`)
    .join('');
  return `<section id="week" data-live>
<h2>This week</h2>
<div class="pair">${weekChart(week.rows, stats.daily_goal_seconds)}
<table><thead><tr><th scope="col">Day</th><th scope="col">Time</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><th scope="row">Total</th><td>${formatSpan(week.total_seconds)}</td></tr></tfoot></table></div>
</section>`;
}

function year({ year, stats }: DashboardData): string {
  return `<section id="year" data-live>
<h2>The last year</h2>
<div class="scroll">${heatmap(year.rows, stats.daily_goal_seconds)}</div>
<p>${h(yearText(year.rows))}</p>
</section>`;
}

// A badge's progress is whole hundredths (0.29), so rounding gives back its percent exactly; flooring 0.29 × 100 gives 28.
function badges({ badges }: DashboardData): string {
  const items = badges.map(
    (b) =>
      `<li class="${b.earned ? 'earned' : 'locked'}"><strong>${h(b.name)}</strong> — ${h(b.description)} ` +
      `<span class="muted">${b.earned ? `earned ${when(b.earned_at)}` : `${Math.round(b.progress * 100)}%`}</span></li>`,
  );
  const earned = badges.filter((b) => b.earned).length;
  return `<section id="badges" data-live>
<h2>Badges</h2>
<p>${earned} of ${badges.length} earned.</p>
<ul class="badges">${items.join('')}</ul>
</section>`;
}

function filterForm(filters: DashboardData['filters']): string {
  const value = (name: string) => h(filters[name] ?? '');
  const options = ['', ...STATUSES]
    .map((s) => `<option value="${s}"${filters.status === s ? ' selected' : ''}>${s === '' ? 'any' : s}</option>`)
    .join('');
  return `<form class="filters" method="get" action="/">
<label>Task <input name="task" value="${value('task')}"></label>
<label>Tag <input name="tag" value="${value('tag')}"></label>
<label>Status <select name="status">${options}</select></label>
<label>From <input name="from" type="date" value="${value('from')}"></label>
<label>To <input name="to" type="date" value="${value('to')}"></label>
<button type="submit">Filter</button>
</form>`;
}

function sessionRow(s: SessionJson): string {
  return (
    `<tr><td>${s.session_id}</td><td>${h(s.task_name)}</td><td>${when(s.started_at)}</td>` +
    `<td>${formatSpan(s.duration_seconds)}</td><td>${s.status}</td><td>${h(s.tags.join(', '))}</td></tr>`
  );
}

function sessions({ sessions, filters }: DashboardData): string {
  const head = `<section id="sessions">
<h2>Sessions</h2>
${filterForm(filters)}`;
  if ('error' in sessions) return `${head}<div id="session-list" data-live><p class="warning">${h(sessions.error)}</p></div></section>`;
  const shown = sessions.sessions.length;
  const count =
    shown < sessions.total ? `The newest ${shown} of ${sessions.total}` : `${sessions.total} session${sessions.total === 1 ? '' : 's'}`;
  const caption = `${count}${sessions.recent ? ` in the last ${RECENT_DAYS} days (set From for older ones)` : ''}.`;
  const rows = [...sessions.sessions].reverse().map(sessionRow).join('');
  return `${head}
<div id="session-list" data-live class="scroll"><table class="sessions"><caption>${caption}</caption>
<thead><tr><th scope="col">ID</th><th scope="col">Task</th><th scope="col">Start</th><th scope="col">Time</th><th scope="col">Status</th><th scope="col">Tags</th></tr></thead>
<tbody>${rows}</tbody></table></div>
</section>`;
}

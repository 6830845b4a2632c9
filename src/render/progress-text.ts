import type { Badge, BadgeState } from '../core/badges.js';
import { dayStart } from '../core/days.js';
import type { StatsWithLive } from '../core/progress.js';
import { flooredShare } from '../core/share.js';
import type { Palette } from './color.js';
import { formatDate, formatSpan } from './format.js';

const percent = (part: number, whole: number) => flooredShare(part, whole, 100);
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** A gauge of `width` cells, full at 100%. */
export function gauge(fraction: number, width = 20): string {
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

/** ` · +1h 15m running`: what sessions still running or paused have run today; empty when none. */
const runningPart = (seconds: number) => (seconds > 0 ? ` · +${formatSpan(seconds)} running` : '');

/** `stats`: one aspect a line; today's completed time against the goal, the live part beside it. */
export function statsText(stats: StatsWithLive, palette: Palette): string {
  const running = runningPart(stats.today_running_seconds);
  const others = stats.total_sessions - stats.completed_sessions;
  const goal = stats.daily_goal_seconds;
  const rows: [string, string][] = [
    [
      'Sessions',
      `${stats.total_sessions} ended: ${stats.completed_sessions} completed, ${others} partial or abandoned (${stats.completion_rate_percent}% completed)`,
    ],
    ['Time', `${formatSpan(stats.total_seconds)} in all, ${formatSpan(stats.average_duration_seconds)} on average`],
    ['Streak', `${days(stats.current_streak_days)} (longest ${days(stats.longest_streak_days)})`],
    [
      'Today',
      `${formatSpan(stats.today_seconds)} of ${formatSpan(goal)}${running}  ${gauge(stats.today_seconds / goal)} ${percent(stats.today_seconds, goal)}%`,
    ],
  ];
  return rows.map(([label, value]) => `${palette.bold(label.padEnd(9))}${value}\n`).join('');
}

/** The line after `stop`: today against the goal (and, as `stats`, what still runs), the streak, badges just earned. */
export function progressLine(stats: StatsWithLive, earned: readonly Badge[], palette: Palette): string {
  const goal = stats.daily_goal_seconds;
  const parts = [
    `Today ${formatSpan(stats.today_seconds)} of ${formatSpan(goal)} (${percent(stats.today_seconds, goal)}%)${runningPart(stats.today_running_seconds)}`,
    `streak ${days(stats.current_streak_days)}`,
  ];
  if (earned.length > 0) {
    parts.push(palette.bold(`new badge${earned.length > 1 ? 's' : ''}: ${earned.map((b) => b.name).join(', ')}`));
  }
  return `${parts.join(' · ')}\n`;
}

/** `badges`: earned ones with their day (`today`, `Tue 13 Jan`), then locked ones with their progress. */
export function badgesText(states: readonly BadgeState[], now: Date, palette: Palette): string {
  const width = Math.max(...states.map((s) => s.badge.name.length));
  const line = (state: BadgeState, mark: string, tail: string) =>
    `  ${mark} ${palette.bold(state.badge.name.padEnd(width))}  ${state.badge.description.padEnd(48)} ${tail}\n`;
  const earned = states.filter((s) => s.earnedDay !== null);
  const locked = states.filter((s) => s.earnedDay === null);
  let text = `Earned (${earned.length} of ${states.length})\n`;
  text += earned.map((s) => line(s, '✓', formatDate(new Date(dayStart(s.earnedDay as number)), now))).join('') || '  none yet\n';
  if (locked.length > 0) {
    text += `Locked\n${locked.map((s) => line(s, '·', `${gauge(s.progress, 10)} ${s.percent}%`)).join('')}`;
  }
  return text;
}

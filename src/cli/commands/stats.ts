import { dayNumber } from '../../core/days.js';
import { historyStats, runningSecondsToday } from '../../core/progress.js';
import { statsText } from '../../render/progress-text.js';
import { ACTIVE } from '../../store/store.js';
import type { Context } from '../context.js';
import { historyFor } from '../history.js';

export async function stats(_options: object, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const today = dayNumber(now.getTime());
  const { store } = ctx.deps;
  const [{ settled, recent }, active] = await Promise.all([
    store.config.read().then((settings) => historyFor(store, settings.daily_goal_seconds, today)),
    store.read(ACTIVE),
  ]);
  const summary = { ...historyStats(settled, recent, today), today_running_seconds: runningSecondsToday(active.sessions, now) };
  if (ctx.json) ctx.printJson(summary);
  else ctx.print(statsText(summary, ctx.palette));
  return 0;
}

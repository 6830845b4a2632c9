import { dayNumber } from '../../core/days.js';
import { historyStats } from '../../core/progress.js';
import { statsText } from '../../render/progress-text.js';
import type { Context } from '../context.js';
import { historyFor } from '../history.js';

export async function stats(_options: object, ctx: Context): Promise<number> {
  const today = dayNumber(ctx.deps.now().getTime());
  const { store } = ctx.deps;
  const { settled, recent } = await historyFor(store, (await store.config.read()).daily_goal_seconds, today);
  const summary = historyStats(settled, recent, today);
  if (ctx.json) ctx.printJson(summary);
  else ctx.print(statsText(summary, ctx.palette));
  return 0;
}

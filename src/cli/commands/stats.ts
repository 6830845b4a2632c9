import { dayNumber } from '../../core/days.js';
import { summarize } from '../../core/progress.js';
import { statsText } from '../../render/progress-text.js';
import type { Context } from '../context.js';
import { historyTally } from '../history-tally.js';

export async function stats(_options: object, ctx: Context): Promise<number> {
  const today = dayNumber(ctx.deps.now().getTime());
  const { store } = ctx.deps;
  const [tally, settings] = await Promise.all([historyTally(store), store.config.read()]);
  const summary = summarize(tally, today, settings.daily_goal_seconds);
  if (ctx.json) ctx.printJson(summary);
  else ctx.print(statsText(summary, ctx.palette));
  return 0;
}

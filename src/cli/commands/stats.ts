import { dayNumber } from '../../core/days.js';
import { summarize } from '../../core/progress.js';
import { statsText } from '../../render/progress-text.js';
import type { Context } from '../context.js';
import { historyTally } from '../history.js';

export async function stats(_options: object, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const [tally, settings] = await Promise.all([historyTally(ctx.deps.store), ctx.deps.store.readConfig()]);
  const summary = summarize(tally, dayNumber(now.getTime()), settings.daily_goal_seconds);
  if (ctx.json) ctx.printJson(summary);
  else ctx.print(statsText(summary, ctx.palette));
  return 0;
}

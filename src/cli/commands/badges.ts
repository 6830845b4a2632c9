import { badgeStates } from '../../core/badges.js';
import { dayNumber } from '../../core/days.js';
import { badgesText } from '../../render/progress-text.js';
import type { Context } from '../context.js';
import { badgesJson, historyTally } from '../history.js';

export async function badges(_options: object, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const { store } = ctx.deps;
  const [tally, settings] = await Promise.all([historyTally(store), store.config.read()]);
  const goal = settings.daily_goal_seconds;
  const states = badgeStates(tally, dayNumber(now.getTime()), goal);
  if (!ctx.json) {
    ctx.print(badgesText(states, now, ctx.palette));
    return 0;
  }
  ctx.printJson({ badges: await badgesJson(store, states, tally, goal) });
  return 0;
}

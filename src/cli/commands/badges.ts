import { badgeStates, earnedAt } from '../../core/badges.js';
import { dayName, dayNumber } from '../../core/days.js';
import { localIso } from '../../render/json.js';
import { badgesText } from '../../render/progress-text.js';
import type { Context } from '../context.js';
import { historyTally } from '../history.js';

export async function badges(_options: object, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const { store } = ctx.deps;
  const [tally, settings] = await Promise.all([historyTally(store), store.config.read()]);
  const goal = settings.daily_goal_seconds;
  const states = badgeStates(tally, dayNumber(now.getTime()), goal);
  if (!ctx.json) {
    ctx.print(badgesText(states, ctx.palette));
    return 0;
  }
  // The exact moment: replay the sessions of each earned day (a few small reads).
  const json = [];
  for (const state of states) {
    let at: string | null = null;
    if (state.earnedDay !== null) {
      const [y, m, d] = dayName(state.earnedDay).split('-').map(Number) as [number, number, number];
      const range = { kind: 'range' as const, from: new Date(y, m - 1, d), to: new Date(y, m - 1, d + 1) };
      at = earnedAt(state, tally, (await store.read(range)).sessions, goal);
    }
    const { id, name, description } = state.badge;
    json.push({ id, name, description, earned: state.earnedDay !== null, earned_at: at && localIso(at), progress: state.progress });
  }
  ctx.printJson({ badges: json });
  return 0;
}

import { statsText } from '../../render/progress-text.js';
import type { Context } from '../context.js';
import { statsSummary } from '../history.js';

export async function stats(_options: object, ctx: Context): Promise<number> {
  const summary = await statsSummary(ctx.deps.store, ctx.deps.now());
  if (ctx.json) ctx.printJson(summary);
  else ctx.print(statsText(summary, ctx.palette));
  return 0;
}

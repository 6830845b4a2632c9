import { findSession } from '../../core/session.js';
import { sessionDetailJson } from '../../render/json.js';
import { sessionDetail } from '../../render/session-text.js';
import type { Context } from '../context.js';

export interface ShowOptions {
  id: number;
}

export async function show(options: ShowOptions, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const session = findSession(await ctx.deps.store.read({ kind: 'ids', ids: [options.id] }), options.id);
  if (ctx.json) ctx.printJson(sessionDetailJson(session, now));
  else ctx.print(sessionDetail(session, now, ctx.palette));
  return 0;
}

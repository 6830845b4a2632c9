import { startSession } from '../../core/session.js';
import { validateTaskName } from '../../core/task-name.js';
import { sessionJson } from '../../render/json.js';
import { startedLine } from '../../render/session-text.js';
import { ACTIVE } from '../../store/store.js';
import type { Context } from '../context.js';

export interface StartOptions {
  task: string;
}

export async function start(options: StartOptions, ctx: Context): Promise<number> {
  const task = validateTaskName(options.task);
  const now = ctx.deps.now();
  const uid = ctx.deps.newUid();
  const session = await ctx.deps.store.update(ACTIVE, (data) => startSession(data, { task, uid }, now));
  if (ctx.json) ctx.printJson(sessionJson(session, now));
  else ctx.print(startedLine(session, ctx.palette));
  return 0;
}

import { sessionJson } from '../../render/json.js';
import { formatInstant } from '../../render/format.js';
import { timeOption } from '../at.js';
import type { Context } from '../context.js';
import { changeSession } from '../session-actions.js';

export interface PauseOptions {
  id?: number | undefined;
  at?: string | undefined;
}

type Change = 'pause' | 'resume';

async function change(action: Change, options: PauseOptions, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const at = await timeOption(options.at, now);
  const session = await changeSession(ctx.deps.store, options.id, action, at, now);
  if (ctx.json) {
    ctx.printJson(sessionJson(session, now));
  } else {
    const verb = action === 'pause' ? 'Paused' : 'Resumed';
    ctx.print(`${verb} ${ctx.palette.bold(session.task)} (#${session.id}) at ${formatInstant(at, now)}.\n`);
  }
  return 0;
}

export const pause = (options: PauseOptions, ctx: Context) => change('pause', options, ctx);
export const resume = (options: PauseOptions, ctx: Context) => change('resume', options, ctx);

import { findSession, pauseSession, resumeSession, soleSessionFor, type Session } from '../../core/session.js';
import { sessionJson } from '../../render/json.js';
import { formatInstant } from '../../render/format.js';
import { ACTIVE, type Scope } from '../../store/store.js';
import { timeOption } from '../at.js';
import type { Context } from '../context.js';

export interface PauseOptions {
  id?: number | undefined;
  at?: string | undefined;
}

type Change = 'pause' | 'resume';

async function change(action: Change, options: PauseOptions, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const at = await timeOption(options.at, now);
  const scope: Scope = options.id === undefined ? ACTIVE : { kind: 'ids', ids: [options.id] };
  const session = await ctx.deps.store.update(
    scope,
    (data): Session => {
      const target = options.id === undefined ? soleSessionFor(data, action) : findSession(data, options.id);
      return action === 'pause' ? pauseSession(target, at, now) : resumeSession(target, at, now);
    },
    (s) => `${action} #${s.id} ${s.task}`,
  );
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

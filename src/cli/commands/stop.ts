import { invalidInput, conflict } from '../../core/errors.js';
import {
  activeSessions,
  findSession,
  soleActiveSession,
  stopSession,
  type Session,
} from '../../core/session.js';
import { sessionJson, sessionListJson } from '../../render/json.js';
import { stoppedLine } from '../../render/session-text.js';
import { ACTIVE, type Scope } from '../../store/store.js';
import type { Context } from '../context.js';

export interface StopOptions {
  id?: number | undefined;
  all?: boolean | undefined;
}

export async function stop(options: StopOptions, ctx: Context): Promise<number> {
  if (options.id !== undefined && options.all) {
    throw invalidInput('Invalid usage', 'Give a session ID or --all, not both');
  }
  const now = ctx.deps.now();
  const scope: Scope = options.id === undefined ? ACTIVE : { kind: 'ids', ids: [options.id] };
  const stopped = await ctx.deps.store.update(scope, (data): Session[] => {
    if (options.all) {
      const active = activeSessions(data);
      if (active.length === 0) {
        throw conflict('No running session', 'There is no running or paused session to stop');
      }
      return active.map((session) => stopSession(session, now));
    }
    const target = options.id === undefined ? soleActiveSession(data) : findSession(data, options.id);
    return [stopSession(target, now)];
  });

  if (ctx.json) {
    const [only] = stopped;
    ctx.printJson(options.all || !only ? sessionListJson(stopped, stopped.length, now) : sessionJson(only, now));
  } else {
    for (const session of stopped) ctx.print(stoppedLine(session, now, ctx.palette));
  }
  return 0;
}

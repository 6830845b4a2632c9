import { subDays } from 'date-fns/subDays';
import { lastStopped, sessionToContinue } from '../../core/corrections.js';
import { startSession, type Session } from '../../core/session.js';
import { sessionJson } from '../../render/json.js';
import { startedLine } from '../../render/session-text.js';
import type { Scope } from '../../store/store.js';
import { ALL } from '../../store/store.js';
import { timeOption } from '../at.js';
import type { Context } from '../context.js';

export interface ContinueOptions {
  id?: number | undefined;
  at?: string | undefined;
}

/** Starts a new session with the task, tags and note of the given one, or of the last stopped one. */
export async function resumeTask(options: ContinueOptions, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const at = await timeOption(options.at, now);
  const uid = ctx.deps.newUid();
  // The last stopped session is nearly always recent: look at the last two months first.
  const recent: Scope = { kind: 'range', from: subDays(now, 62), to: null };
  const pick = (sessions: readonly Session[]) => (options.id === undefined ? lastStopped(sessions) : undefined);
  const fallback = options.id === undefined && !pick((await ctx.deps.store.read(recent)).sessions);
  const scope: Scope = options.id !== undefined ? { kind: 'ids', ids: [options.id] } : fallback ? ALL : recent;
  const session = await ctx.deps.store.update(
    scope,
    (data) => {
      const { task, tags, note } = sessionToContinue(data, options.id);
      return startSession(data, { task, uid, tags: [...tags], note }, at, now);
    },
    (s) => `continue as #${s.id} ${s.task}`,
  );
  if (ctx.json) ctx.printJson(sessionJson(session, now));
  else ctx.print(startedLine(session, now, ctx.palette));
  return 0;
}

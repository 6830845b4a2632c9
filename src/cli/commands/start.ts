import { validateLabels, type LabelInput } from '../../core/labels.js';
import { assertNoActiveFocus, startSession, stopSession, type Session } from '../../core/session.js';
import { sessionJson } from '../../render/json.js';
import { startedLine, stoppedLine } from '../../render/session-text.js';
import { ACTIVE } from '../../store/store.js';
import { timeOption } from '../at.js';
import type { Context } from '../context.js';

export interface StartOptions extends LabelInput {
  at?: string | undefined;
  /** Planned seconds: makes it a focus session. */
  for?: number | undefined;
  switch?: boolean | undefined;
}

export async function start(options: StartOptions, ctx: Context): Promise<number> {
  const { task, tags, note } = validateLabels(options);
  const now = ctx.deps.now();
  const at = await timeOption(options.at, now);
  const uid = ctx.deps.newUid();
  const { session, switched } = await ctx.deps.store.update(
    ACTIVE,
    (data) => {
      // --switch ends every running session where the new one begins.
      const ended: Session[] = options.switch
        ? data.sessions.filter((s) => s.status === 'running').map((s) => stopSession(s, at, 'completed', now))
        : [];
      if (options.for !== undefined) assertNoActiveFocus(data);
      const started = startSession(data, { task, uid, tags, note, plannedSeconds: options.for ?? null }, at, now);
      return { session: started, switched: ended };
    },
    ({ session: s, switched: ended }) =>
      `start #${s.id} ${s.task}${ended.length > 0 ? ` (stopping ${ended.map((e) => `#${e.id}`).join(', ')})` : ''}`,
  );
  if (ctx.json) {
    ctx.printJson(sessionJson(session, now));
    return 0;
  }
  for (const s of switched) ctx.print(stoppedLine(s, now, ctx.palette));
  ctx.print(startedLine(session, now, ctx.palette));
  return 0;
}

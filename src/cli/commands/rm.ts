import { removeSessions } from '../../core/session.js';
import { deletedLine } from '../../render/session-text.js';
import type { Context } from '../context.js';

export interface RmOptions {
  ids: number[];
}

/** Deletes all the given sessions or, if any ID is unknown, none of them. */
export async function rm(options: RmOptions, ctx: Context): Promise<number> {
  const ids = [...new Set(options.ids)];
  const removed = await ctx.deps.store.update(
    { kind: 'ids', ids },
    (data) => removeSessions(data, ids),
    (gone) => `rm ${gone.map((s) => `#${s.id} ${s.task}`).join(', ')}`,
  );

  if (ctx.json) {
    const entries = removed.map((s) => ({ session_id: s.id, task_name: s.task }));
    const [only] = entries;
    ctx.printJson(
      only && entries.length === 1
        ? { message: 'Session deleted successfully', ...only }
        : { message: 'Sessions deleted successfully', sessions: entries, total: entries.length },
    );
  } else {
    for (const session of removed) ctx.print(deletedLine(session, ctx.palette));
  }
  return 0;
}

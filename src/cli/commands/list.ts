import { overlaps, periodRange, type PeriodOptions } from '../../core/period.js';
import { querySessions } from '../../core/query.js';
import type { Status } from '../../core/session.js';
import { sessionListJsonChunks } from '../../render/json.js';
import { sessionsTable } from '../../render/table.js';
import { ALL } from '../../store/store.js';
import type { Context } from '../context.js';

export interface ListOptions extends PeriodOptions {
  status?: Status | undefined;
  task?: string | undefined;
  limit?: number | undefined;
}

export async function list(options: ListOptions, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const range = periodRange(options, now);
  const data = await ctx.deps.store.read(range ? { kind: 'range', ...range } : ALL);
  const candidates = range ? data.sessions.filter((s) => overlaps(s, range, now)) : data.sessions;
  const { sessions, total } = querySessions(candidates, options);
  if (ctx.json) {
    ctx.printChunks(sessionListJsonChunks(sessions, total, now));
  } else if (sessions.length === 0) {
    ctx.print(total === 0 && data.sessions.length === 0 ? 'No sessions yet. Start one with: stint start <task>\n' : 'No sessions match.\n');
  } else {
    ctx.print(sessionsTable(sessions, now, ctx.palette));
  }
  return 0;
}

import { validateLabels, type LabelInput } from '../../core/labels.js';
import { addFinishedSession } from '../../core/corrections.js';
import { formatInstant, formatSpan, formatStop } from '../../render/format.js';
import { sessionJson } from '../../render/json.js';
import { durationSeconds } from '../../core/session.js';
import { overlapsOf } from '../../core/overlaps.js';
import { overlapWarnings } from '../../render/overlap-text.js';
import { timeOption } from '../at.js';
import type { Context } from '../context.js';
import { printWarnings } from '../warnings.js';

export interface AddOptions extends LabelInput {
  from: string;
  to: string;
}

/**
 * Records a finished session after the fact. The store hands out the sessions around it, so an
 * overlap with one of the same task is found (and warned about; it is still stored) without
 * reading the history.
 */
export async function add(options: AddOptions, ctx: Context): Promise<number> {
  const { task, tags, note } = validateLabels(options);
  const now = ctx.deps.now();
  const from = await timeOption(options.from, now);
  const to = await timeOption(options.to, now);
  const uid = ctx.deps.newUid();
  const { session, warnings } = await ctx.deps.store.update(
    { kind: 'range', from, to },
    (data) => {
      const added = addFinishedSession(data, { task, uid, tags, note }, from, to, now);
      const overlaps = overlapsOf(data.sessions, [added], now);
      const find = (id: number) => data.sessions.find((s) => s.id === id);
      return { session: added, warnings: overlapWarnings(overlaps, find, now) };
    },
    ({ session: s }) => `add #${s.id} ${s.task}`,
  );
  printWarnings(ctx, warnings);
  if (ctx.json) {
    ctx.printJson({ ...sessionJson(session, now), warnings });
  } else {
    const span = `${formatInstant(session.started_at, now)}–${formatStop(session.started_at, session.stopped_at ?? session.started_at, now)}`;
    ctx.print(`Added ${ctx.palette.bold(session.task)} (#${session.id}), ${span}, ${formatSpan(durationSeconds(session, now))}.\n`);
  }
  return 0;
}

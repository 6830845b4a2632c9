import { validateLabels, type LabelInput } from '../../core/labels.js';
import { addFinishedSession } from '../../core/corrections.js';
import { formatInstant, formatSpan, formatStop } from '../../render/format.js';
import { sessionJson } from '../../render/json.js';
import { durationSeconds } from '../../core/session.js';
import { ACTIVE } from '../../store/store.js';
import { timeOption } from '../at.js';
import type { Context } from '../context.js';

export interface AddOptions extends LabelInput {
  from: string;
  to: string;
}

/** Records a finished session after the fact. */
export async function add(options: AddOptions, ctx: Context): Promise<number> {
  const { task, tags, note } = validateLabels(options);
  const now = ctx.deps.now();
  const from = await timeOption(options.from, now);
  const to = await timeOption(options.to, now);
  const uid = ctx.deps.newUid();
  const session = await ctx.deps.store.update(
    ACTIVE,
    (data) => addFinishedSession(data, { task, uid, tags, note }, from, to, now),
    (s) => `add #${s.id} ${s.task}`,
  );
  if (ctx.json) {
    ctx.printJson(sessionJson(session, now));
  } else {
    const span = `${formatInstant(session.started_at, now)}–${formatStop(session.started_at, session.stopped_at ?? session.started_at, now)}`;
    ctx.print(`Added ${ctx.palette.bold(session.task)} (#${session.id}), ${span}, ${formatSpan(durationSeconds(session, now))}.\n`);
  }
  return 0;
}

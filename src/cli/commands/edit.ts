import { invalidInput } from '../../core/errors.js';
import { validateNote, validateTags } from '../../core/labels.js';
import { editSession } from '../../core/corrections.js';
import { findSession } from '../../core/session.js';
import { validateTaskName } from '../../core/task-name.js';
import { sessionDetailJson } from '../../render/json.js';
import { sessionDetail } from '../../render/session-text.js';
import { timeOption } from '../at.js';
import type { Context } from '../context.js';

export interface EditOptions {
  id: number;
  task?: string | undefined;
  start?: string | undefined;
  stop?: string | undefined;
  note?: string | undefined;
  tag?: string[] | undefined;
}

/** Corrects a session; `--tag` replaces its tags, `--note ""` clears the note. */
export async function edit(options: EditOptions, ctx: Context): Promise<number> {
  const { task, start, stop, note, tag } = options;
  if ([task, start, stop, note, tag].every((v) => v === undefined)) {
    throw invalidInput('Invalid usage', 'Nothing to change: give --task, --start, --stop, --note or --tag');
  }
  const now = ctx.deps.now();
  const changes = {
    task: task === undefined ? undefined : validateTaskName(task),
    startedAt: start === undefined ? undefined : await timeOption(start, now),
    stoppedAt: stop === undefined ? undefined : await timeOption(stop, now),
    note: note === undefined ? undefined : validateNote(note),
    tags: tag === undefined ? undefined : validateTags(tag),
  };
  const session = await ctx.deps.store.update(
    { kind: 'ids', ids: [options.id] },
    (data) => editSession(findSession(data, options.id), changes, now),
    (s) => `edit #${s.id} ${s.task}`,
  );
  if (ctx.json) ctx.printJson(sessionDetailJson(session, now));
  else ctx.print(sessionDetail(session, now, ctx.palette));
  return 0;
}

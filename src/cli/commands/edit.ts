import { invalidInput } from '../../core/errors.js';
import { validateNote, validateTags } from '../../core/labels.js';
import { editSession } from '../../core/corrections.js';
import { overlapsOf } from '../../core/overlaps.js';
import { findSession } from '../../core/session.js';
import { validateTaskName } from '../../core/task-name.js';
import { sessionDetailJson } from '../../render/json.js';
import { overlapWarnings } from '../../render/overlap-text.js';
import { sessionDetail } from '../../render/session-text.js';
import { timeOption } from '../at.js';
import type { Context } from '../context.js';
import { printWarnings } from '../warnings.js';

export interface EditOptions {
  id: number;
  task?: string | undefined;
  start?: string | undefined;
  stop?: string | undefined;
  note?: string | undefined;
  tag?: string[] | undefined;
  /** Remove every tag (`--tag ""` is no tag, so it cannot say it). */
  clearTags?: boolean | undefined;
}

/** Corrects a session; `--tag` replaces its tags, `--clear-tags` removes them, `--note ""` clears the note. */
export async function edit(options: EditOptions, ctx: Context): Promise<number> {
  const { task, start, stop, note, tag, clearTags } = options;
  if ([task, start, stop, note, tag, clearTags].every((v) => v === undefined)) {
    throw invalidInput('Invalid usage', 'Nothing to change: give --task, --start, --stop, --note, --tag or --clear-tags');
  }
  if (clearTags && tag !== undefined) throw invalidInput('Invalid usage', 'Choose one of --tag or --clear-tags');
  const now = ctx.deps.now();
  const changes = {
    task: task === undefined ? undefined : validateTaskName(task),
    startedAt: start === undefined ? undefined : await timeOption(start, now),
    stoppedAt: stop === undefined ? undefined : await timeOption(stop, now),
    note: note === undefined ? undefined : validateNote(note),
    tags: clearTags ? [] : tag === undefined ? undefined : validateTags(tag),
  };
  const session = await ctx.deps.store.update(
    { kind: 'ids', ids: [options.id] },
    (data) => editSession(findSession(data, options.id), changes, now),
    (s) => `edit #${s.id} ${s.task}`,
  );
  // The sessions around its new times, read after the change: an overlap is only a warning.
  const end = session.stopped_at === null ? now : new Date(session.stopped_at);
  const around = await ctx.deps.store.read({ kind: 'range', from: new Date(session.started_at), to: end });
  const find = (id: number) => around.sessions.find((s) => s.id === id);
  const warnings = overlapWarnings(overlapsOf(around.sessions, [session], now), find, now);
  printWarnings(ctx, warnings);
  if (ctx.json) ctx.printJson({ ...sessionDetailJson(session, now), warnings });
  else ctx.print(sessionDetail(session, now, ctx.palette));
  return 0;
}

import { activeOverview } from '../../core/status.js';
import { statusJson } from '../../render/json.js';
import { nextSteps } from '../../render/next-steps.js';
import { activeLines, forgottenWarning, shortStatus } from '../../render/session-text.js';
import { ACTIVE } from '../../store/store.js';
import type { Context } from '../context.js';

export interface StatusOptions {
  short?: boolean | undefined;
  /** Redraw every second in the terminal. */
  watch?: boolean | undefined;
  /** `stint` alone: the status, then the commands that make sense next. */
  next?: boolean | undefined;
}

const idle = (ctx: Context) => `Nothing running. Start a timer with: ${ctx.command} start <task>`;

/** The running and paused sessions, read without a lock, and the warnings about forgotten ones. */
async function readActive(ctx: Context, now: Date) {
  const [data, settings] = await Promise.all([ctx.deps.store.read(ACTIVE), ctx.deps.store.config.read()]);
  const { sessions, forgotten } = activeOverview(data, now, settings.forgotten_after_seconds);
  return { sessions, forgotten, warnings: forgotten.map((s) => forgottenWarning(s, now, ctx.command)) };
}

export async function status(options: StatusOptions, ctx: Context): Promise<number> {
  if (options.watch) return watchStatus(options, ctx);
  const now = ctx.deps.now();
  const { sessions, forgotten, warnings } = await readActive(ctx, now);

  if (ctx.json) {
    ctx.printJson(options.short ? { text: shortStatus(sessions, now) } : statusJson({ sessions, forgotten }, warnings, now));
    return 0;
  }
  if (options.short) {
    // Empty when idle, so a prompt shows nothing; no warnings in a prompt.
    const text = shortStatus(sessions, now);
    if (text) ctx.print(`${text}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    ctx.print(`${idle(ctx)}\n`);
  } else {
    ctx.print(`${activeLines(sessions, now, ctx.palette).join('\n')}\n`);
  }
  if (options.next) ctx.print(nextSteps(sessions, ctx.palette, ctx.command));
  for (const warning of warnings) ctx.warn(warning);
  return 0;
}

/**
 * `status --watch`: the same lines each second, a focus session with its progress bar under it.
 * Loaded on demand: `status` itself is on the hot path (shell prompts).
 */
async function watchStatus(options: StatusOptions, ctx: Context): Promise<number> {
  const [{ watch }, { focusBar }] = await Promise.all([import('../watch.js'), import('../../render/watch-text.js')]);
  return watch(ctx, {
    title: 'stint status',
    clashes: { '--short': options.short },
    async frame(now) {
      const { sessions, warnings } = await readActive(ctx, now);
      const lines = sessions.length === 0 ? [idle(ctx)] : [];
      const active = activeLines(sessions, now, ctx.palette);
      sessions.forEach((s, i) => {
        lines.push(active[i] as string);
        const bar = focusBar(s, now, ctx.palette);
        if (bar) lines.push(`   ${bar}`);
      });
      lines.push(...warnings.map((w) => ctx.palette.warning(w)));
      return { lines, keepTop: 0, focus: sessions.filter((s) => s.planned_seconds !== null) };
    },
  });
}

import { durationSeconds, type Session } from '../../core/session.js';
import { activeOverview } from '../../core/status.js';
import { sessionJson } from '../../render/json.js';
import { activeLine, forgottenWarning, shortStatus } from '../../render/session-text.js';
import { ACTIVE } from '../../store/store.js';
import type { Context } from '../context.js';

export interface StatusOptions {
  short?: boolean | undefined;
}

/** The running or paused focus session against its plan; it never ends by itself. */
function focusJson(sessions: readonly Session[], now: Date) {
  const focus = sessions.find((s) => s.planned_seconds !== null);
  if (!focus || focus.planned_seconds === null) return null;
  const left = focus.planned_seconds - durationSeconds(focus, now);
  return {
    session_id: focus.id,
    planned_seconds: focus.planned_seconds,
    remaining_seconds: Math.max(0, left),
    overtime_seconds: Math.max(0, -left),
  };
}

export async function status(options: StatusOptions, ctx: Context): Promise<number> {
  const now = ctx.deps.now();
  const [data, settings] = await Promise.all([ctx.deps.store.read(ACTIVE), ctx.deps.store.readConfig()]);
  const { sessions, forgotten } = activeOverview(data, now, settings.forgotten_after_seconds);
  const warnings = forgotten.map((s) => forgottenWarning(s, now));

  if (ctx.json) {
    ctx.printJson(
      options.short
        ? { text: shortStatus(sessions, now) }
        : {
            sessions: sessions.map((s) => sessionJson(s, now)),
            total: sessions.length,
            warnings: forgotten.map((s, i) => ({ session_id: s.id, message: warnings[i] })),
            focus: focusJson(sessions, now),
          },
    );
    return 0;
  }
  if (options.short) {
    // Empty when idle, so a prompt shows nothing; no warnings in a prompt.
    const text = shortStatus(sessions, now);
    if (text) ctx.print(`${text}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    ctx.print('Nothing running. Start a timer with: stint start <task>\n');
  } else {
    ctx.print(`${sessions.map((s) => activeLine(s, now, ctx.palette)).join('\n')}\n`);
  }
  for (const warning of warnings) ctx.warn(warning);
  return 0;
}

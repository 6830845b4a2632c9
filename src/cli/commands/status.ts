import { activeOverview, focusProgress } from '../../core/status.js';
import { sessionJson } from '../../render/json.js';
import { activeLine, forgottenWarning, shortStatus } from '../../render/session-text.js';
import { ACTIVE } from '../../store/store.js';
import type { Context } from '../context.js';

export interface StatusOptions {
  short?: boolean | undefined;
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
            focus: sessions.map((s) => focusProgress(s, now)).find((p) => p !== null) ?? null,
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

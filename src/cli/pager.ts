import type { Context } from './context.js';
import type { Env } from './deps.js';

/** `$STINT_PAGER`, else `$PAGER`, else `less -FRX`; null (no pager) when the one chosen is empty or `cat`. */
export function pagerCommand(env: Env): string | null {
  const chosen = (env.STINT_PAGER ?? env.PAGER ?? 'less -FRX').trim();
  return chosen === '' || chosen === 'cat' ? null : chosen;
}

/**
 * Prints `text`, through the pager when stdout is a terminal and the text is taller than it, as
 * git does. A pager that cannot be started leaves the text printed as it would be without one.
 */
export function printPaged(ctx: Context, text: string, usePager: boolean): void {
  const { deps } = ctx;
  const command = usePager && deps.isTTY ? pagerCommand(deps.env) : null;
  const lines = text.length - text.replaceAll('\n', '').length;
  if (command !== null && lines >= deps.terminal.rows && deps.page(command, text)) return;
  ctx.print(text);
}

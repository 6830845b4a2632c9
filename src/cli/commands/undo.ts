import { conflict } from '../../core/errors.js';
import type { Context } from '../context.js';

/** Reverts the last change to the store and says what it was; repeated, walks further back. */
export async function undo(_options: object, ctx: Context): Promise<number> {
  const label = await ctx.deps.store.undo();
  if (label === null) throw conflict('Nothing to undo', 'No change left to undo (the last 50 are kept)');
  if (ctx.json) ctx.printJson({ undone: label });
  else ctx.print(`Undid ${label}.\n`);
  return 0;
}

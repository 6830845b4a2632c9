import { type OverlapWarning, warningLines } from '../render/overlap-text.js';
import type { Context } from './context.js';

/** Overlap warnings on stderr, in human mode (JSON carries them in its `warnings`). */
export function printWarnings(ctx: Context, warnings: readonly OverlapWarning[]): void {
  for (const line of warningLines(warnings)) ctx.warn(line);
}

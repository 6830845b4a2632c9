import { promptFunction, type PromptShell } from '../../render/prompt.js';
import { PROMPT_STATE_FILE } from '../../store/paths.js';
import { PROMPT_STATE_VERSION } from '../../store/prompt-state.js';
import type { Context } from '../context.js';

export interface PromptOptions {
  shell: PromptShell;
}

/**
 * Prints the shell function for a prompt. It reads the state file every change to the store
 * rewrites, so drawing a prompt never starts Node; the store is not read here.
 */
export async function prompt(options: PromptOptions, ctx: Context): Promise<number> {
  const format = { file: PROMPT_STATE_FILE, version: PROMPT_STATE_VERSION, accountHome: ctx.deps.accountHome() };
  const script = promptFunction(options.shell, format);
  if (ctx.json) ctx.printJson({ shell: options.shell, script });
  else ctx.print(script);
  return 0;
}

import type { Command } from 'commander';
import { completionModel, type CompletionModel, type Shell } from '../../render/completion.js';
import { bashCompletion } from '../../render/completion-bash.js';
import { fishCompletion } from '../../render/completion-fish.js';
import { zshCompletion } from '../../render/completion-zsh.js';
import type { Context } from '../context.js';

export interface CompletionOptions {
  shell: Shell;
  /** Every command of this stint: the script completes exactly these. */
  program: Command;
}

const RENDER: Record<Shell, (model: CompletionModel) => string> = {
  bash: bashCompletion,
  zsh: zshCompletion,
  fish: fishCompletion,
};

/** Prints the completion script of a shell, generated from the very commands this stint declares. */
export async function completion(options: CompletionOptions, ctx: Context): Promise<number> {
  const script = RENDER[options.shell](completionModel(options.program));
  if (ctx.json) ctx.printJson({ shell: options.shell, script });
  else ctx.print(script);
  return 0;
}

import packageJson from '../../../package.json' with { type: 'json' };
import { completionModel, type CompletionModel } from '../../render/completion.js';
import { bashCompletion } from '../../render/completion-bash.js';
import { fishCompletion } from '../../render/completion-fish.js';
import { zshCompletion } from '../../render/completion-zsh.js';
import type { Context } from '../context.js';
import type { Shell } from '../program-shell.js';
import { buildProgram } from '../program.js';

export interface CompletionOptions {
  shell: Shell;
}

const RENDER: Record<Shell, (model: CompletionModel) => string> = {
  bash: bashCompletion,
  zsh: zshCompletion,
  fish: fishCompletion,
};

/** Prints the completion script of a shell, generated from the very commands this stint declares. */
export async function completion(options: CompletionOptions, ctx: Context): Promise<number> {
  // A tree of its own, never run: nothing is invoked and it prints nothing.
  const program = buildProgram(packageJson.version, async () => undefined, { writeOut: () => undefined, writeErr: () => undefined });
  const script = RENDER[options.shell](completionModel(program));
  if (ctx.json) ctx.printJson({ shell: options.shell, script });
  else ctx.print(script);
  return 0;
}

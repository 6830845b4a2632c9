import { Argument, type Command } from 'commander';
import { SHELLS, type Shell } from '../render/completion.js';
import type { Invoke } from './context.js';
import { examples } from './options.js';

// The commands that plug stint into a shell: completion scripts, the prompt function, and the
// hidden helper the completion scripts call for dynamic values.

export function addShellCommands(program: Command, invoke: Invoke): void {
  program
    .command('completion')
    .description('Print a completion script for bash, zsh or fish (see README for installing it).')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      examples(
        'completion bash > ~/.local/share/bash-completion/completions/stint',
        'completion fish > ~/.config/fish/completions/stint.fish',
      ),
    )
    .action((shell: Shell, _opts: object, cmd: Command) =>
      // The tree being run is the one described: the handler needs no way back to program.ts.
      invoke(cmd, async () => (await import('./commands/completion.js')).completion, { shell, program: cmd.parent as Command }),
    );

  program
    .command('prompt')
    .description('Print a shell function showing the running timer in a prompt, without starting stint.')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      '\nExamples:\n  stint prompt bash            # in ~/.bashrc: eval "$(stint prompt bash)", then $(stint_prompt) in PS1\n  stint prompt fish | source',
    )
    .action((shell: Shell, _opts: object, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/prompt.js')).prompt, { shell }),
    );

  // What the completion scripts ask for: IDs a command can act on, recent task names.
  program
    .command('__complete', { hidden: true })
    .argument('<what>')
    .argument('[words...]')
    .action((what: string, words: string[], _opts: object, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/complete.js')).complete, { what, words }),
    );
}

import type { Command } from 'commander';

// Startup: building commander's whole tree (every command, option and help text) cost each run
// about as much as the command it ran. A run that names its command gets a program holding that
// command alone: the declarations in program*.ts run unchanged, but every other top-level
// command's declaration chains into a stand-in that does nothing. Help, completion, aliases and
// unknown commands use the whole tree (main.ts decides).

/** Accepts every Command method and returns itself, so a skipped declaration runs to its end. */
const skipped = new Proxy(Object.create(null) as Command, {
  get: (_target, key) => (key === 'then' ? undefined : () => skipped),
});

/** Makes `program.command(name …)` declare only the command `wanted`; others are skipped. */
export function declareOnly(program: Command, wanted: string | undefined): Command {
  if (wanted === undefined) return program;
  const declare = program.command.bind(program) as (...args: unknown[]) => Command;
  program.command = ((nameAndArgs: string, ...rest: unknown[]) =>
    nameAndArgs.split(' ', 1)[0] === wanted ? declare(nameAndArgs, ...rest) : skipped) as Command['command'];
  return program;
}

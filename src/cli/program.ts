import { Command, Option, type OutputConfiguration } from 'commander';
import { STATUSES } from '../core/session.js';
import { parseDateInput } from '../core/period.js';
import type { ListOptions } from './commands/list.js';
import type { Context } from './context.js';
import { collectSessionIds, parseCount, parseSessionId } from './parse.js';

export type Handler<O> = (options: O, ctx: Context) => Promise<number>;

/**
 * Runs a handler once commander has parsed its options. Handlers are loaded on demand so a
 * command never pays for another's modules (the table library, the lock library…).
 */
export type Invoke = <O>(command: Command, load: () => Promise<Handler<O>>, options: O) => Promise<void>;

/** Every command and option of stint, in one place. */
export function buildProgram(version: string, invoke: Invoke, output: OutputConfiguration): Command {
  // Output settings first: subcommands copy them when they are created.
  const program = new Command('stint')
    .configureOutput(output)
    .description('Track time from the terminal: timers, focus sessions and reports.')
    .version(version, '-V, --version', 'Print the version.')
    .helpOption('-h, --help', 'Show help for a command.')
    .helpCommand('help [command]', 'Show help for a command.')
    .option('--json', 'Print JSON on stdout; errors go to stderr as JSON.')
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError()
    .exitOverride();

  program
    .command('start')
    .description('Start a timer for a task and print it.')
    .argument('<task>', 'task name: 3–20 letters, digits, - or _')
    .addHelpText('after', '\nExample:\n  stint start coding')
    .action((task: string, _opts: object, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/start.js')).start, { task }),
    );

  program
    .command('stop')
    .description('Stop the running session, or the one with this ID, as completed.')
    .argument('[id]', 'session ID', parseSessionId)
    .option('--all', 'Stop every running and paused session.')
    .addHelpText('after', '\nExamples:\n  stint stop\n  stint stop 3\n  stint stop --all --json')
    .action((id: number | undefined, opts: { all?: boolean }, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/stop.js')).stop, { id, all: opts.all }),
    );

  const list = program
    .command('list')
    .alias('ls')
    .description('List sessions, oldest first, with live durations for running ones.')
    .addOption(new Option('--status <status>', 'Only sessions with this status.').choices(STATUSES))
    .option('--task <name>', 'Only sessions of this task.')
    .option('--limit <n>', 'Only the last n sessions.', parseCount('limit'))
    .addHelpText('after', '\nExamples:\n  stint ls --status running\n  stint list --week\n  stint list --from 2026-01-01 --to 2026-01-31 --json');
  withPeriodOptions(list).action((opts: ListOptions, cmd: Command) =>
    invoke(cmd, async () => (await import('./commands/list.js')).list, opts),
  );

  program
    .command('show')
    .description('Show one session with its pauses.')
    .argument('<id>', 'session ID', parseSessionId)
    .addHelpText('after', '\nExample:\n  stint show 3')
    .action((id: number, _opts: object, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/show.js')).show, { id }),
    );

  program
    .command('rm')
    .description('Delete sessions; if any ID is unknown, delete none.')
    .argument('<ids...>', 'session IDs', collectSessionIds)
    .addHelpText('after', '\nExample:\n  stint rm 3 4')
    .action((ids: number[], _opts: object, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/rm.js')).rm, { ids }),
    );

  program
    .command('status')
    .description('Show running and paused sessions with live clocks.')
    .option('--short', 'One line for a shell prompt (`coding 1:02:03`); empty when idle.')
    .addHelpText('after', '\nExamples:\n  stint status\n  stint status --short')
    .action((opts: { short?: boolean }, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/status.js')).status, opts),
    );

  return program;
}

/** The period options shared by the commands that look at a span of time. */
function withPeriodOptions(command: Command): Command {
  return command
    .option('--day [date]', 'Only today, or the given day (YYYY-MM-DD).', parseDateInput)
    .option('--week', 'Only this week (from Monday).')
    .option('--month', 'Only this month.')
    .option('--from <date>', 'From this day on (YYYY-MM-DD, included).', parseDateInput)
    .option('--to <date>', 'Up to this day (YYYY-MM-DD, included).', parseDateInput);
}

import { Command, Option, type OutputConfiguration } from 'commander';
import { STATUSES, type Outcome } from '../core/session.js';
import { IMPORT_FORMATS } from '../core/import/record.js';
import { REPORT_BY } from '../core/report.js';
import type { AddOptions } from './commands/add.js';
import type { EditOptions } from './commands/edit.js';
import type { ExportOptions } from './commands/export.js';
import type { ImportOptions } from './commands/import.js';
import type { ListOptions } from './commands/list.js';
import type { ReportOptions } from './commands/report.js';
import type { StartOptions } from './commands/start.js';
import type { StopOptions } from './commands/stop.js';
import type { Invoke } from './context.js';
import { addRootHelp } from './help.js';
import { addJobCommands } from './program-jobs.js';
import { declareOnly } from './program-one.js';
import { addServeCommand } from './program-serve.js';
import { addShellCommands } from './program-shell.js';
import { addSyncCommands } from './program-sync.js';
import {
  collect,
  examples,
  parseFocusDuration,
  parseRound,
  refuseRepeats,
  withAt,
  withCsv,
  withLabels,
  withPeriodOptions,
} from './options.js';
import { collectSessionIds, parseCount, parseSessionId } from './parse.js';

const OUTCOMES: readonly Outcome[] = ['completed', 'partial', 'abandoned'];

/**
 * Every command and option of stint, in one place. With `only`, the program holds that
 * top-level command alone (the others' declarations are skipped: see program-one.ts).
 */
export function buildProgram(version: string, invoke: Invoke, output: OutputConfiguration, only?: string): Command {
  // Output settings first: subcommands copy them when they are created.
  const program = declareOnly(new Command('stint'), only)
    .configureOutput(output)
    .description('Track time from the terminal: timers, focus sessions and reports.')
    .version(version, '-V, --version', 'Print the version.')
    .helpOption('-h, --help', 'Show help for a command.')
    .helpCommand('help [command]', 'Show help for a command.')
    .option('--json', 'Print JSON on stdout; errors go to stderr as JSON.')
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError()
    .exitOverride();

  withLabels(
    withAt(
      program
        .command('start')
        .description('Start a timer for a task and print it.')
        .argument('<task>', 'task name: 3–20 letters, digits, - or _')
        .option(
          '--for <duration>',
          'Make it a focus session planned for 60 s to 24 h: 25m, 1h30m, 90s, 1.5h (a unit is required).',
          parseFocusDuration,
        )
        .option('--switch', 'First stop every running session, at the new one’s start.'),
    ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  stint start coding\n  stint start writing --for 25m\n  stint start review --at 14:30 --tag work --switch',
    )
    .action((task: string, opts: Omit<StartOptions, 'task'>, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/start.js')).start, { ...opts, task }),
    );

  withAt(
    program
      .command('stop')
      .description('Stop the running session, or the one with this ID.')
      .argument('[id]', 'session ID', parseSessionId)
      .addOption(new Option('--as <outcome>', 'How it ended.').choices(OUTCOMES).default('completed'))
      .option('--all', 'Stop every running and paused session.'),
  )
    .addHelpText('after', '\nExamples:\n  stint stop\n  stint stop 3 --as partial\n  stint stop --at "15m ago"\n  stint stop --all --json')
    .action((id: number | undefined, opts: Omit<StopOptions, 'id'>, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/stop.js')).stop, { ...opts, id }),
    );

  withAt(
    program
      .command('abandon')
      .description('Stop the running session, or the one with this ID, as abandoned.')
      .argument('[id]', 'session ID', parseSessionId),
  )
    .addHelpText('after', '\nExample:\n  stint abandon')
    .action((id: number | undefined, opts: { at?: string }, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/stop.js')).stop, { ...opts, id, as: 'abandoned' as const }),
    );

  for (const [name, description] of [
    ['pause', 'Pause the running session, or the one with this ID; paused time does not count.'],
    ['resume', 'Resume the paused session, or the one with this ID.'],
  ] as const) {
    withAt(program.command(name).description(description).argument('[id]', 'session ID', parseSessionId))
      .addHelpText('after', `\nExamples:\n  stint ${name}\n  stint ${name} 3 --at "10m ago"`)
      .action((id: number | undefined, opts: { at?: string }, cmd: Command) =>
        invoke(cmd, async () => (await import('./commands/pause.js'))[name], { ...opts, id }),
      );
  }

  withLabels(
    program
      .command('add')
      .description('Record a finished session after the fact.')
      .argument('<task>', 'task name')
      .requiredOption('--from <time>', 'When it started (as --at reads it: 14:30, "yesterday 14:00" …).')
      .requiredOption('--to <time>', 'When it ended (as --at reads it).'),
  )
    .addHelpText('after', '\nExample:\n  stint add meeting --from "yesterday 14:00" --to "yesterday 15:30" --tag work')
    .action((task: string, opts: Omit<AddOptions, 'task'>, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/add.js')).add, { ...opts, task }),
    );

  program
    .command('edit')
    .description('Correct a session; the result must stay valid.')
    .argument('<id>', 'session ID', parseSessionId)
    .option('--task <name>', 'A new task name.')
    .option('--start <time>', 'A new start (as --at reads it: 14:30, "yesterday 9am" …).')
    .option('--stop <time>', 'A new end (ended sessions only; as --at reads it).')
    .option('--note <text>', 'A new note ("" clears it).')
    .option('--tag <tag>', 'Replace the tags (repeatable).', collect)
    .option('--clear-tags', 'Remove every tag.')
    .addHelpText(
      'after',
      '\nExamples:\n  stint edit 3 --start 09:15\n  stint edit 3 --task review --tag work --tag urgent\n  stint edit 3 --clear-tags',
    )
    .action((id: number, opts: Omit<EditOptions, 'id'>, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/edit.js')).edit, { ...opts, id }),
    );

  withAt(
    program
      .command('continue')
      .description('Start again the task, tags and note of a session (default: the last stopped).')
      .argument('[id]', 'session ID', parseSessionId),
  )
    .addHelpText('after', '\nExamples:\n  stint continue\n  stint continue 12')
    .action((id: number | undefined, opts: { at?: string }, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/continue.js')).resumeTask, { ...opts, id }),
    );

  program
    .command('undo')
    .description('Revert the last change to the store (start, stop, edit, rm …); repeat to go further back.')
    .addHelpText('after', '\nExample:\n  stint undo')
    .action((_opts: object, cmd: Command) => invoke(cmd, async () => (await import('./commands/undo.js')).undo, {}));

  const settings = program
    .command('config')
    .description('Show or change settings: forgotten_after, daily_goal, week_start.')
    .addHelpText('after', '\nExamples:\n  stint config list\n  stint config set forgotten_after 10h\n  stint config get week_start');
  settings
    .command('list')
    .description('Show every setting.')
    .addHelpText('after', examples('config list', 'config list --json'))
    .action((_opts: object, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/config.js')).config, { action: 'list' as const }),
    );
  settings
    .command('get')
    .description('Show one setting.')
    .addHelpText('after', examples('config get daily_goal'))
    .argument('<key>', 'setting name')
    .action((key: string, _opts: object, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/config.js')).config, { action: 'get' as const, key }),
    );
  settings
    .command('set')
    .addHelpText('after', examples('config set daily_goal 6h', 'config set forgotten_after 10h', 'config set week_start sunday'))
    .description('Change one setting.')
    .argument('<key>', 'setting name')
    .argument('<value>', 'new value: a duration (10h, 90m) or a day (monday)')
    .action((key: string, value: string, _opts: object, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/config.js')).config, { action: 'set' as const, key, value }),
    );

  const list = program
    .command('list')
    .alias('ls')
    .description('List sessions, oldest first, with live durations for running ones.')
    .addOption(new Option('--status <status>', 'Only sessions with this status.').choices(STATUSES))
    .option('--task <name>', 'Only sessions of this task.')
    .option('--tag <tag>', 'Only sessions with this tag.')
    .option('--limit <n>', 'Only the last n sessions.', parseCount('limit'))
    .option('--watch', 'Redraw every second until Ctrl-C or q (in a terminal).')
    .option('--notes', 'Show each note in full under its session.')
    .option('--no-pager', 'Never page the output (on a terminal, a long list goes through $STINT_PAGER, $PAGER or less).')
    .addHelpText(
      'after',
      examples(
        'ls --status running',
        'list --week',
        'list --from 2026-01-01 --to 2026-01-31 --json',
        'list --month --csv > month.csv',
        'list --day --watch',
      ),
    );
  withCsv(withPeriodOptions(list)).action((opts: ListOptions, cmd: Command) =>
    invoke(cmd, async () => (await import('./commands/list.js')).list, opts),
  );

  const report = program
    .command('report')
    .description('Total the time of a period (today by default) by task, tag or day, with a bar per row.')
    .addOption(new Option('--by <grouping>', 'Group by task, tag or day.').choices(REPORT_BY).default('task'))
    .option('--round <duration>', 'Round each session up to a multiple of this (60 s to 24 h: 15m, 1h), for billing.', parseRound)
    .addHelpText(
      'after',
      examples('report', 'report --week --by day', 'report --month --by tag --round 15m', 'report --from 2026-01-01 --to 2026-01-31 --csv'),
    );
  withCsv(withPeriodOptions(report)).action((opts: ReportOptions, cmd: Command) =>
    invoke(cmd, async () => (await import('./commands/report.js')).report, opts),
  );

  program
    .command('show')
    .description('Show one session with its pauses.')
    .argument('<id>', 'session ID', parseSessionId)
    .addHelpText('after', '\nExample:\n  stint show 3')
    .action((id: number, _opts: object, cmd: Command) => invoke(cmd, async () => (await import('./commands/show.js')).show, { id }));

  program
    .command('rm')
    .description('Delete sessions; if any ID is unknown, delete none.')
    .argument('<ids...>', 'session IDs', collectSessionIds)
    .addHelpText('after', '\nExample:\n  stint rm 3 4')
    .action((ids: number[], _opts: object, cmd: Command) => invoke(cmd, async () => (await import('./commands/rm.js')).rm, { ids }));

  program
    .command('status')
    .description('Show running and paused sessions with live clocks.')
    .option('--short', 'One line for a shell prompt (`coding 1:02:03`); empty when idle.')
    .option('--watch', 'Redraw every second until Ctrl-C or q (in a terminal).')
    .addOption(new Option('--next').hideHelp())
    .addHelpText('after', '\nExamples:\n  stint status\n  stint status --short\n  stint status --watch')
    .action((opts: { short?: boolean; watch?: boolean; next?: boolean }, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/status.js')).status, opts),
    );

  program
    .command('stats')
    .description('Sessions, time, completion rate, streaks and today against the daily goal.')
    .addHelpText('after', '\nExamples:\n  stint stats\n  stint stats --json')
    .action((_opts: object, cmd: Command) => invoke(cmd, async () => (await import('./commands/stats.js')).stats, {}));

  program
    .command('badges')
    .description('Badges earned (with the day) and those still locked (with progress).')
    .addHelpText('after', '\nExamples:\n  stint badges\n  stint badges --json')
    .action((_opts: object, cmd: Command) => invoke(cmd, async () => (await import('./commands/badges.js')).badges, {}));

  const exporting = program
    .command('export')
    .description('Write every session (or a period’s) as JSON or CSV that import reads back without loss.')
    .addOption(new Option('--format <format>', 'The format.').choices(['json', 'csv']).default('json'))
    .option('--output <file>', 'Write to this file (whole or not at all) instead of stdout.')
    .addHelpText(
      'after',
      '\nExamples:\n  stint export --output stint-backup.json\n  stint export --format csv --from 2026-01-01 --to 2026-03-31 > q1.csv',
    );
  withPeriodOptions(exporting).action((opts: ExportOptions, cmd: Command) =>
    invoke(cmd, async () => (await import('./commands/export.js')).exportSessions, opts),
  );

  program
    .command('import')
    .description(
      'Add the sessions of stint exports, Watson frames or Timewarrior data files; twice adds nothing, and Watson frames edited since are updated.',
    )
    .argument('<files...>', 'files or Timewarrior data folders to read (- for standard input)')
    .addOption(new Option('--format <format>', 'The format, when guessing from the content is not wanted.').choices(IMPORT_FORMATS))
    .option('--dry-run', 'Say what would be imported; write nothing.')
    .option('--skip-invalid', 'Import the readable entries and list the others (default: import nothing).')
    .option('--task-tags <tags>', 'Timewarrior: the tags to take as the task, first found wins (writing,code).')
    .addHelpText(
      'after',
      '\nExamples:\n  stint import ~/.config/watson/frames\n  stint import ~/.timewarrior/data --dry-run\n  stint import ~/.timewarrior/data --task-tags writing,code\n  stint import stint-backup.json',
    )
    .action((files: string[], opts: Omit<ImportOptions, 'files'>, cmd: Command) =>
      invoke(cmd, async () => (await import('./commands/import.js')).importSessions, { ...opts, files }),
    );

  addJobCommands(program, invoke);

  addShellCommands(program, invoke);
  addSyncCommands(program, invoke);

  addServeCommand(program, invoke);

  return refuseRepeats(addRootHelp(program));
}

import { Option, type Command } from 'commander';
import { JOB_NAME_RULE, JOB_TYPES, SCHEDULE_SHORTHANDS } from '../core/jobs.js';
import type { JobAddOptions, JobEditOptions, JobListOptions } from './commands/jobs.js';
import { collect, examples } from './options.js';
import { parseCount } from './parse.js';
import type { Invoke } from './context.js';

// `stint jobs …`: every declaration of the jobs group, kept beside program.ts (which declares the
// rest) so neither file outgrows a reading.

const jobs = () => import('./commands/jobs.js');
const running = () => import('./commands/jobs-run.js');
const parseJobId = parseCount('job ID');

export function addJobCommands(program: Command, invoke: Invoke): void {
  const group = program
    .command('jobs')
    .description('Scheduled jobs: backups, summaries and cleanup on cron schedules.')
    .addHelpText(
      'after',
      examples(
        'jobs add nightly --type backup --cron "0 3 * * *" --config target=~/backups --config keep=14',
        'jobs list',
        'jobs tick        # from crontab: * * * * * stint jobs tick',
      ),
    );

  group
    .command('add')
    .description('Add a job; its schedule and config are checked now, not when it first runs.')
    .argument('<name>', `job name: ${JOB_NAME_RULE}`)
    .addOption(new Option('--type <type>', 'What it does.').choices(JOB_TYPES).makeOptionMandatory())
    .requiredOption(
      '--cron <expr>',
      `When: five cron fields (minute hour day month weekday) or ${SCHEDULE_SHORTHANDS.join(', ')}, in local time.`,
    )
    .option('--description <text>', 'What it is for.')
    .option('--config <key=value>', 'A setting of its type (repeatable): target, keep, period, by, path, pattern, days.', collect)
    .option('--disabled', 'Add it switched off.')
    .addHelpText(
      'after',
      examples(
        'jobs add nightly --type backup --cron "0 3 * * *" --config target=~/backups --config keep=14',
        'jobs add timesheet --type summary --cron "0 8 * * 1" --config target=~/week.md',
        'jobs add logs --type cleanup --cron @weekly --config path=~/logs --config pattern=*.log --config days=30',
      ),
    )
    .action((name: string, opts: Omit<JobAddOptions, 'name'>, cmd: Command) =>
      invoke(cmd, async () => (await jobs()).jobAdd, { ...opts, name }),
    );

  group
    .command('list')
    .description('List jobs, 10 a page.')
    .addOption(new Option('--type <type>', 'Only jobs of this type.').choices(JOB_TYPES))
    .addOption(new Option('--enabled <bool>', 'Only enabled (true) or disabled (false) jobs.').choices(['true', 'false']))
    .option('--page <n>', 'Which page.', parseCount('page'))
    .option('--page-size <n>', 'Jobs a page (default 10).', parseCount('page-size'))
    .addHelpText('after', examples('jobs list', 'jobs list --type backup --enabled true', 'jobs list --page 2 --page-size 5 --json'))
    .action((opts: JobListOptions, cmd: Command) => invoke(cmd, async () => (await jobs()).jobList, opts));

  group
    .command('edit')
    .description('Change a job; the result is checked as at add.')
    .argument('<id>', 'job ID', parseJobId)
    .option('--name <name>', 'A new name.')
    .addOption(new Option('--type <type>', 'A new type (its config must fit it).').choices(JOB_TYPES))
    .option('--cron <expr>', 'A new schedule.')
    .option('--description <text>', 'A new description ("" clears it).')
    .option('--config <key=value>', 'Set a setting (repeatable); key= removes it.', collect)
    .addHelpText(
      'after',
      examples(
        'jobs edit 1 --cron "30 2 * * *"',
        'jobs edit 1 --config keep=30 --description "two weeks more"',
        'jobs edit 2 --config by=',
      ),
    )
    .action((id: number, opts: Omit<JobEditOptions, 'id'>, cmd: Command) =>
      invoke(cmd, async () => (await jobs()).jobEdit, { ...opts, id }),
    );

  for (const [name, description, load] of [
    ['show', 'Show one job.', async () => (await jobs()).jobShow],
    ['rm', 'Delete a job and its history.', async () => (await jobs()).jobRemove],
  ] as const) {
    group
      .command(name)
      .description(description)
      .argument('<id>', 'job ID', parseJobId)
      .addHelpText('after', examples(`jobs ${name} 1`, `jobs ${name} 1 --json`))
      .action((id: number, _opts: object, cmd: Command) => invoke(cmd, load, { id }));
  }

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    group
      .command(name)
      .description(`${enabled ? 'Switch a job on' : 'Switch a job off; it keeps its history'}.`)
      .argument('<id>', 'job ID', parseJobId)
      .addHelpText('after', examples(`jobs ${name} 1`))
      .action((id: number, _opts: object, cmd: Command) => invoke(cmd, async () => (await jobs()).jobEnable, { id, enabled }));
  }

  group
    .command('run')
    .description('Run a job now, whatever its schedule; exit 1 if it fails.')
    .argument('<id>', 'job ID', parseJobId)
    .option('--dry-run', 'Say what it would do (cleanup: the files it would delete); record nothing.')
    .addHelpText('after', examples('jobs run 1', 'jobs run 3 --dry-run'))
    .action((id: number, opts: { dryRun?: boolean }, cmd: Command) => invoke(cmd, async () => (await running()).jobRun, { ...opts, id }));

  group
    .command('history')
    .description('The last runs of a job, newest first.')
    .argument('<id>', 'job ID', parseJobId)
    .option('--limit <n>', 'How many (default 20).', parseCount('limit'))
    .addHelpText('after', examples('jobs history 1', 'jobs history 1 --limit 5 --json'))
    .action((id: number, opts: { limit?: number }, cmd: Command) => invoke(cmd, async () => (await jobs()).jobHistory, { ...opts, id }));

  group
    .command('stats')
    .description('Jobs, active jobs, and executions: total, completed, failed.')
    .addHelpText('after', examples('jobs stats', 'jobs stats --json'))
    .action((_opts: object, cmd: Command) => invoke(cmd, async () => (await jobs()).jobStats, {}));

  group
    .command('tick')
    .description('Run every enabled job with a slot due since its last run, once (for crontab); exit 1 if one fails.')
    .addHelpText('after', examples('jobs tick', 'jobs tick --json   # crontab: * * * * * stint jobs tick'))
    .action((_opts: object, cmd: Command) => invoke(cmd, async () => (await running()).jobTick, {}));

  group
    .command('daemon')
    .description('Stay in the foreground running jobs on schedule, one line a run, until Ctrl-C or SIGTERM.')
    .addHelpText('after', examples('jobs daemon', 'jobs daemon >> ~/stint-jobs.log &'))
    .action((_opts: object, cmd: Command) => invoke(cmd, async () => (await running()).jobDaemon, {}));
}

import type { Command } from 'commander';
import { FOCUS_BOUNDS, parseDurationInput } from '../core/duration-input.js';
import { invalidInput } from '../core/errors.js';
import { ROUND_BOUNDS } from '../core/report.js';

// Option groups and value parsers that several commands share, declared once (program.ts
// composes them into the commands).

/** `--at`, shared by the commands that change a session at a moment. */
export function withAt(command: Command): Command {
  return command.option(
    '--at <time>',
    'When, if not now (never in the future): 14:30, 9am, "yesterday 17:00", "15m ago", "monday 9:00" or ISO 8601 (2026-01-15T14:30).',
  );
}

/** `--tag` (repeatable) and `--note`, for the commands that create a session. */
export function withLabels(command: Command): Command {
  return command.option('--tag <tag>', 'Tag it (repeatable).', collect).option('--note <text>', 'Attach a note.');
}

export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * Makes every option of `command` and its subcommands that takes one value refuse a second,
 * different one (`--as partial --as abandoned`): commander would keep the last without a word,
 * and which one was meant cannot be known. The repeatable ones (`collect`) are left alone, and
 * the same value twice is one value.
 */
export function refuseRepeats(command: Command): Command {
  for (const option of command.options) {
    if (option.isBoolean() || option.variadic || option.parseArg === collect) continue;
    let first: { value: string | undefined } | undefined;
    command.on(`option:${option.name()}`, (value: string | undefined) => {
      if (first === undefined) first = { value };
      else if (first.value !== value) {
        const shown = (v: string | undefined) => (v === undefined ? 'no value' : `'${v}'`);
        throw invalidInput('Invalid usage', `${option.long} is given twice (${shown(first.value)}, then ${shown(value)}); give it once`);
      }
    });
  }
  for (const sub of command.commands) refuseRepeats(sub);
  return command;
}

export const parseFocusDuration = (value: string): number => parseDurationInput(value, FOCUS_BOUNDS);

export const parseRound = (value: string): number => parseDurationInput(value, ROUND_BOUNDS);

/** `--csv`, for the commands that print rows. */
export function withCsv(command: Command): Command {
  return command.option('--csv', 'Print CSV (a header row, then one row per line) instead of text.');
}

/** The period options shared by the commands that look at a span of time. */
export function withPeriodOptions(command: Command): Command {
  return command
    .option('--day [date]', 'Only today, or the given day (2026-01-15, yesterday, monday, "3 days ago").')
    .option('--week', 'Only this week (it starts on the week_start setting, Monday by default).')
    .option('--month', 'Only this month.')
    .option('--from <date>', 'From this day on, included (2026-01-15, yesterday, monday, "3 days ago").')
    .option('--to <date>', 'Up to this day, included (2026-01-15, yesterday, tomorrow, friday …).');
}

/** The usage examples at the end of a command's help: each line is what follows `stint `. */
export function examples(...lines: string[]): string {
  return `\n${lines.length > 1 ? 'Examples' : 'Example'}:\n${lines.map((line) => `  stint ${line}`).join('\n')}`;
}

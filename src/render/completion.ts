import type { Argument, Command, Option } from 'commander';
import { SETTINGS } from '../core/config.js';

// The completion scripts are generated from the commander tree itself (commands, aliases, options,
// choices), so they cannot drift from the real commands. This file reads the tree into a plain
// model; completion-bash.ts, completion-zsh.ts and completion-fish.ts render it.

/** The shells `completion` and `prompt` write for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Where the values of an option or an argument come from. */
export type ValueSource =
  /** Typed by the user (a time, a duration, a note): nothing to offer. */
  | { kind: 'free' }
  | { kind: 'choices'; values: readonly string[] }
  | { kind: 'files' }
  /** Recent task names: `stint __complete tasks`. */
  | { kind: 'tasks' }
  /** Recent tags: `stint __complete tags`. */
  | { kind: 'tags' }
  /** The sessions the command can act on: `stint __complete ids <command>`. */
  | { kind: 'ids'; command: string }
  /** Job IDs: `stint __complete jobs`. */
  | { kind: 'jobs' };

export interface OptionModel {
  /** `--status`, or undefined for a short-only option. */
  long: string | undefined;
  /** `-h`, or undefined. */
  short: string | undefined;
  description: string;
  /** `required`: `--at <time>` takes the next word; `optional`: `--day [date]` may take one. */
  value: 'none' | 'required' | 'optional';
  /** The value's name in the help (`time`), empty for a flag. */
  valueName: string;
  source: ValueSource;
  /** Can be given more than once (`--tag a --tag b`). */
  repeatable: boolean;
}

export interface ArgumentModel {
  name: string;
  /** Its help text (`session ID`), or its name. */
  description: string;
  required: boolean;
  variadic: boolean;
  source: ValueSource;
}

export interface CommandModel {
  name: string;
  aliases: readonly string[];
  description: string;
  /** From the program down: `['jobs', 'add']`; `[]` for the program itself. */
  path: readonly string[];
  /** Its own options, `--help` included. */
  options: readonly OptionModel[];
  arguments: readonly ArgumentModel[];
  /** Visible subcommands (hidden ones are left out), the `help` command included. */
  subcommands: readonly CommandModel[];
}

export interface CompletionModel {
  /** The program: its name, its options, its commands. */
  root: CommandModel;
  /** The program's options, which every command accepts too (`--json`, `--version`, `--help`). */
  globalOptions: readonly OptionModel[];
}

const FREE: ValueSource = { kind: 'free' };
const FILE_VALUES = new Set(['file', 'files']);

/** Reads the commander tree into the model the renderers share. */
export function completionModel(program: Command): CompletionModel {
  const root = commandModel(program, [], null);
  return { root, globalOptions: root.options };
}

/** The options a command accepts: its own, then the global ones it does not redefine. */
export function optionsOf(model: CompletionModel, command: CommandModel): OptionModel[] {
  if (command === model.root) return [...command.options];
  const own = new Set(command.options.map(key));
  return [...command.options, ...model.globalOptions.filter((o) => !own.has(key(o)))];
}

/** Every command of the model, parents before their subcommands, the program first. */
export function allCommands(model: CompletionModel): CommandModel[] {
  const walk = (command: CommandModel): CommandModel[] => [command, ...command.subcommands.flatMap(walk)];
  return walk(model.root);
}

/** Every name a command answers to: its name, then its aliases. */
export const namesOf = (command: CommandModel): string[] => [command.name, ...command.aliases];

const key = (option: OptionModel): string => option.long ?? option.short ?? '';

/** `helpFor`: for the `help` command, the commands its argument names. */
function commandModel(command: Command, path: readonly string[], helpFor: readonly string[] | null): CommandModel {
  const help = command.createHelp();
  const visible = help.visibleCommands(command);
  const names = visible.filter((sub) => command.commands.includes(sub)).map((sub) => sub.name());
  return {
    name: command.name(),
    aliases: command.aliases(),
    description: command.description(),
    path,
    options: help.visibleOptions(command).map((option) => optionModel(option)),
    arguments: command.registeredArguments.map((argument) => argumentModel(argument, path, helpFor)),
    // The help command is the one visible subcommand commander keeps apart from the others.
    subcommands: visible.map((sub) => commandModel(sub, [...path, sub.name()], command.commands.includes(sub) ? null : names)),
  };
}

function optionModel(option: Option): OptionModel {
  const valueName = /[<[]([^>\]]+?)(?:\.\.\.)?[>\]]/.exec(option.flags)?.[1] ?? '';
  const value = option.required ? 'required' : option.optional ? 'optional' : 'none';
  let source: ValueSource = FREE;
  if (option.argChoices) source = { kind: 'choices', values: option.argChoices };
  else if (option.long === '--task') source = { kind: 'tasks' };
  else if (option.long === '--tag') source = { kind: 'tags' };
  else if (FILE_VALUES.has(valueName)) source = { kind: 'files' };
  return {
    long: option.long,
    short: option.short,
    description: option.description,
    value,
    valueName,
    source: value === 'none' ? FREE : source,
    // The help text says so: that is the contract with the user.
    repeatable: option.variadic || /\brepeatable\b/i.test(option.description),
  };
}

function argumentModel(argument: Argument, path: readonly string[], helpFor: readonly string[] | null): ArgumentModel {
  const name = argument.name();
  return {
    name,
    description: argument.description || name,
    required: argument.required,
    variadic: argument.variadic,
    source: argumentSource(argument, name, path, helpFor),
  };
}

/** What commander cannot know: which arguments are session IDs, job IDs, task names, files. */
function argumentSource(argument: Argument, name: string, path: readonly string[], helpFor: readonly string[] | null): ValueSource {
  if (argument.argChoices) return { kind: 'choices', values: argument.argChoices };
  if (helpFor) return { kind: 'choices', values: helpFor };
  if (name === 'task') return { kind: 'tasks' };
  if (FILE_VALUES.has(name)) return { kind: 'files' };
  if (name === 'id' || name === 'ids') return path[0] === 'jobs' ? { kind: 'jobs' } : { kind: 'ids', command: path.join(' ') };
  if (name === 'key' && path[0] === 'config') return { kind: 'choices', values: Object.keys(SETTINGS) };
  return FREE;
}

import { CommanderError, type Command } from 'commander';

const ROOT_HELP = `
Examples:
  stint start coding                  start a timer
  stint stop                          stop it
  stint start writing --for 25m       a focus session
  stint report --week --by day        the week, day by day
  stint help jobs add                 help for one command
  npx stint status                    run stint without installing it

Environment:
  STINT_HOME   data directory (default ~/.stint)
  STINT_NOW    an ISO 8601 instant used as "now" by every command (tests, demos)
  NO_COLOR     no colour (any non-empty value)
  FORCE_COLOR  colour even when not on a terminal (0 turns it off); wins over NO_COLOR
`;

/** The top-level help's examples and environment variables, after commander's lists. */
export function addRootHelp(program: Command): Command {
  return program.addHelpText('after', ROOT_HELP);
}

const HELP_FLAGS = new Set(['-h', '--help']);

/**
 * The arguments commander should parse, for the ways help is asked for:
 * - `stint help jobs add` is `stint jobs add --help` (commander's help command takes one word);
 * - `stint foo --help`, with no command foo, is the unknown command it is (exit 2), where
 *   commander would print the top-level help: the help flag is dropped so commander reports it.
 */
export function helpArguments(args: readonly string[], program: Command): string[] {
  const asked = helpWordAsFlag(args, program);
  if (!asked.some((a) => HELP_FLAGS.has(a))) return asked;
  let command = program;
  for (const word of asked.filter((a) => !a.startsWith('-'))) {
    // A command without subcommands takes the remaining words as its arguments.
    if (command.commands.length === 0) break;
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) return asked.filter((a) => !HELP_FLAGS.has(a));
    command = sub;
  }
  return asked;
}

/**
 * `help` where a command of a group is expected (`stint help x`, `stint --json help x`,
 * `stint jobs help x`) becomes `--help` at the end, so an unknown `x` is the usage error it is
 * rather than commander's help command printing the group's help.
 */
function helpWordAsFlag(args: readonly string[], program: Command): string[] {
  let command = program;
  for (const [index, word] of args.entries()) {
    if (word.startsWith('-')) continue;
    if (word === 'help' && command.commands.length > 0) return [...args.slice(0, index), ...args.slice(index + 1), '--help'];
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub || sub.commands.length === 0) break;
    command = sub;
  }
  return [...args];
}

/** The command the words of `args` name (the deepest one), for messages about its options. */
function commandOf(args: readonly string[], program: Command): Command {
  let command = program;
  for (const word of args.filter((a) => !a.startsWith('-'))) {
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) break;
    command = sub;
  }
  return command;
}

/** `stint jobs --json`: in JSON, the group's help would not be one line; its commands are. */
export function missingCommand(args: readonly string[], program: Command): CommanderError {
  const group = commandOf(args, program);
  const names = group.commands.filter((c) => c.name() !== 'help').map((c) => c.name());
  let path = '';
  for (let c: Command | null = group; c; c = c.parent) path = ` ${c.name()}${path}`;
  return new CommanderError(2, 'commander.missingCommand', `missing command:${path} ${names.join('|')}`);
}

/**
 * commander suggests a long option for a mistyped long one (`--jsn` → `--json`) but nothing for
 * a short one: `-v` gets the options it may mean, as `--version` (the version is `-V`, as in
 * commander and Watson; `-v` stays free), by the same letter in the other case or the first
 * letter of a long name (`status -s` → `--short`). Messages with a suggestion already stay as they are.
 */
export function withOptionSuggestion(message: string, args: readonly string[], program: Command): string {
  const flag = /unknown option '(-[^-])'/.exec(message)?.[1];
  if (flag === undefined || message.includes('Did you mean')) return message;
  const command = commandOf(args, program);
  const options = [];
  for (let c: Command | null = command; c; c = c.parent) {
    options.push(...c.options.filter((o) => !o.hidden && (c === command || o.long !== '--version')));
  }
  const letter = (flag[1] as string).toLowerCase();
  const longs = options
    .filter((o) => o.short?.toLowerCase() === `-${letter}` || o.long?.startsWith(`--${letter}`))
    .map((o) => o.long)
    .filter((long): long is string => long !== undefined);
  if (letter === 'h') longs.push('--help');
  const unique = [...new Set(longs)].sort();
  if (unique.length === 0) return message;
  return `${message} (Did you mean ${unique.length === 1 ? unique[0] : `one of ${unique.join(', ')}`}?)`;
}

/** commander's own report of an unknown option, with its `(Did you mean --from?)`; not in its typings. */
type Reporter = { unknownOption(flag: string): void };

/**
 * commander checks required options before unknown ones, so `add coding --form 9:00 --to 10:00`
 * would say `--from` is missing and never that `--form` is mistyped. The mistyped option is the
 * better error: it is what the user has to fix. Other errors are returned as they are.
 */
export function unknownOptionFirst(error: unknown, args: readonly string[], program: Command): unknown {
  if (!(error instanceof CommanderError) || error.code !== 'commander.missingMandatoryOptionValue') return error;
  const command = commandOf(args, program);
  let depth = 0;
  for (let c = command.parent; c; c = c.parent) depth += 1;
  // The arguments after the command's words, as the command itself read them.
  let words = 0;
  const rest = args.filter((a) => a.startsWith('-') || ++words > depth);
  const outer: Command[] = [];
  for (let c = command.parent; c; c = c.parent) outer.push(c);
  const global = (flag: string) => {
    const name = flag.split('=')[0];
    return outer.some((c) => c.options.some((o) => o.long === name || o.short === name));
  };
  const flag = command.parseOptions(rest).unknown.find((a) => a.startsWith('-') && a !== '-' && !global(a));
  if (flag === undefined) return error;
  try {
    (command as unknown as Reporter).unknownOption(flag);
  } catch (unknown) {
    return unknown;
  }
  return error;
}

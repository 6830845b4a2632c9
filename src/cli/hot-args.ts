/**
 * The plain forms of the startup-budget commands that run without commander (dist/hot.cjs,
 * README "Performance"): `status`, `start <task>` and `stop` with their simple options. The boot
 * reads argv with this and runs the small bundle when it fits; anything else — another option,
 * a value that starts with `-`, `--opt=value`, `--`, `-h`, an option given twice, a word too many
 * — is declined and runs through the full program unchanged. Declining is always safe, so this
 * reads only what it understands whole. A test holds every accepted argv to what commander hands
 * the same handler (test/cli/hot-args.test.ts). Imported by the boot: it imports nothing.
 */

export type HotCommand = 'status' | 'start' | 'stop';

/** An accepted argv: the command, `--json`, its words (not yet checked) and its options by name. */
export interface HotArgs {
  command: HotCommand;
  json: boolean;
  words: string[];
  options: Record<string, string | true | string[]>;
}

interface Form {
  /** Options without a value. */
  flags: readonly string[];
  /** Options with one value, as the next word; the allowed values where commander has choices. */
  values: Readonly<Record<string, readonly string[] | null>>;
  /** How many words the command takes, at most (start needs exactly one). */
  words: number;
}

const FORMS: Readonly<Record<HotCommand, Form>> = {
  // --next is hidden: `stint` alone is `status --next` (main.ts).
  status: { flags: ['--short', '--next'], values: {}, words: 0 },
  start: { flags: ['--switch'], values: { '--at': null, '--note': null, '--tag': null }, words: 1 },
  stop: { flags: ['--all'], values: { '--at': null, '--as': ['completed', 'partial', 'abandoned'] }, words: 1 },
};

/** `--tag` is repeatable (a list); every other option is refused twice rather than compared. */
const REPEATABLE = '--tag';

const isHot = (word: string): word is HotCommand => word === 'status' || word === 'start' || word === 'stop';

/** The run argv asks for, when it is one of the plain forms; undefined for anything else. */
export function hotArgs(argv: readonly string[]): HotArgs | undefined {
  // As main.ts: `stint` alone shows the status and what to do next; `stint --json`, as JSON.
  const args = argv.length === 0 ? ['status', '--next'] : argv.length === 1 && argv[0] === '--json' ? ['status', '--json'] : argv;
  let command: HotCommand | undefined;
  let json = false;
  const words: string[] = [];
  const options: HotArgs['options'] = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--json') {
      if (json) return undefined;
      json = true;
    } else if (command === undefined) {
      if (!isHot(arg)) return undefined;
      command = arg;
    } else if (!arg.startsWith('-')) {
      words.push(arg);
    } else {
      const form = FORMS[command];
      const name = arg.slice(2);
      if (form.flags.includes(arg) && !(name in options)) {
        options[name] = true;
        continue;
      }
      const choices = Object.hasOwn(form.values, arg) ? form.values[arg] : undefined;
      const value = args[i + 1];
      if (choices === undefined || value === undefined || value.startsWith('-')) return undefined;
      if (choices !== null && !choices.includes(value)) return undefined;
      i += 1;
      const previous = options[name];
      if (arg === REPEATABLE) options[name] = [...((previous as string[] | undefined) ?? []), value];
      else if (previous === undefined) options[name] = value;
      else return undefined;
    }
  }
  if (command === undefined || words.length > FORMS[command].words) return undefined;
  if (command === 'start' && words.length === 0) return undefined;
  return { command, json, words, options };
}

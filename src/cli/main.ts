import { CommanderError, type Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { makeContext, type Invoke } from './context.js';
import type { Deps } from './deps.js';
import { describeFailure, formatFailure } from './errors.js';
import { helpArguments, missingCommand, unknownOptionFirst, withOptionSuggestion } from './help.js';
import { buildProgram } from './program.js';

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** The commands that need every command in the tree: help lists them, completion describes them. */
const WHOLE_TREE = new Set(['help', 'completion']);
const HELP_FLAGS = new Set(['-h', '--help']);

/**
 * The top-level command a run names (its first word: the root's options take no value), or
 * undefined when the run needs the whole tree: help asked for, completion, no command at all
 * (`--version`). Declaring only that command halves what a run spends before its command.
 */
export function invokedCommand(args: readonly string[]): string | undefined {
  const first = args.find((a) => !a.startsWith('-'));
  return first === undefined || WHOLE_TREE.has(first) || args.some((a) => HELP_FLAGS.has(a)) ? undefined : first;
}

/** Parses argv, runs the command and returns its exit code; never exits the process. */
export async function run(argv: readonly string[], deps: Deps): Promise<number> {
  // Known before parsing, so even a usage error can be reported as JSON.
  const json = argv.includes('--json');
  let exitCode = 0;
  const invoke: Invoke = async (command: Command, load, options) => {
    const ctx = await makeContext(deps, command.optsWithGlobals<{ json?: boolean }>().json === true);
    exitCode = await (await load())(options, ctx);
  };
  const build = (only?: string) =>
    buildProgram(
      packageJson.version,
      invoke,
      {
        writeOut: (text) => deps.stdout(text),
        // In JSON only the error line below goes to stderr (a group's help is shown for people).
        writeErr: (text) => json || deps.stderr(text),
        // Usage errors are reported below, in stint's one-line format.
        outputError: () => undefined,
      },
      only,
    );
  // `stint` alone shows what is running, and what to do next; `stint --json`, the same as JSON.
  const args = argv.length === 0 ? ['status', '--next'] : argv.every((a) => a === '--json') ? ['status', ...argv] : [...argv];
  // The version as JSON too, for scripts that read every answer as JSON.
  if (json && args.every((a) => a.startsWith('-')) && args.some((a) => a === '--version' || a === '-V')) {
    deps.stdout(`${JSON.stringify({ version: packageJson.version })}\n`);
    return 0;
  }
  const only = invokedCommand(args);
  let program = build(only);
  // An alias (`ls`) or an unknown command: the whole tree resolves it, or suggests a name.
  if (only !== undefined && program.commands.length === 0) program = build();
  try {
    await program.parseAsync(helpArguments(args, program), { from: 'user' });
    return exitCode;
  } catch (thrown) {
    // --help and --version: 0; help shown because a group was called without its subcommand:
    // invalid usage, 2 (SPEC, Errors), as in JSON below.
    if (thrown instanceof CommanderError && HELP_CODES.has(thrown.code) && !(json && thrown.exitCode !== 0)) {
      return thrown.code === 'commander.help' ? 2 : thrown.exitCode;
    }
    const error =
      thrown instanceof CommanderError && thrown.code === 'commander.help'
        ? missingCommand(args, program)
        : unknownOptionFirst(thrown, args, program);
    if (error instanceof CommanderError && error.code === 'commander.unknownOption') {
      error.message = withOptionSuggestion(error.message, args, program);
    }
    const failure = describeFailure(error);
    deps.stderr(formatFailure(failure, json));
    return failure.exitCode;
  }
}

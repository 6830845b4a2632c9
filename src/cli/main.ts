import { CommanderError, type Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { makeContext, type Invoke } from './context.js';
import type { Deps } from './deps.js';
import { describeFailure, formatFailure } from './errors.js';
import { helpArguments, withOptionSuggestion } from './help.js';
import { buildProgram } from './program.js';

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** Parses argv, runs the command and returns its exit code; never exits the process. */
export async function run(argv: readonly string[], deps: Deps): Promise<number> {
  // Known before parsing, so even a usage error can be reported as JSON.
  const json = argv.includes('--json');
  let exitCode = 0;
  const invoke: Invoke = async (command: Command, load, options) => {
    const ctx = await makeContext(deps, command.optsWithGlobals<{ json?: boolean }>().json === true);
    exitCode = await (await load())(options, ctx);
  };
  const program = buildProgram(packageJson.version, invoke, {
    writeOut: (text) => deps.stdout(text),
    writeErr: (text) => deps.stderr(text),
    // Usage errors are reported below, in stint's one-line format.
    outputError: () => undefined,
  });
  let args: string[] = [];
  try {
    // `stint` alone shows what is running, and what to do next; `stint --json`, the same as JSON.
    args = argv.length === 0 ? ['status', '--next'] : argv.every((a) => a === '--json') ? ['status', ...argv] : [...argv];
    await program.parseAsync(helpArguments(args, program), { from: 'user' });
    return exitCode;
  } catch (error) {
    // --help and --version: 0; help shown because a group was called without its subcommand: 1.
    if (error instanceof CommanderError && HELP_CODES.has(error.code)) return error.exitCode;
    if (error instanceof CommanderError && error.code === 'commander.unknownOption') {
      error.message = withOptionSuggestion(error.message, args, program);
    }
    const failure = describeFailure(error);
    deps.stderr(formatFailure(failure, json));
    return failure.exitCode;
  }
}

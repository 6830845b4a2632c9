import { processDeps } from './cli/deps.js';
import { describeFailure, formatFailure } from './cli/errors.js';
import { run } from './cli/main.js';

/**
 * The process entry used by bin/stint.js. Setting up the process's deps can fail too (no home
 * directory, say): that is reported like any other failure, in one line with its exit code.
 */
export async function cli(argv: readonly string[]): Promise<number> {
  let deps;
  try {
    deps = processDeps();
  } catch (error) {
    const failure = describeFailure(error);
    process.stderr.write(formatFailure(failure, argv.includes('--json')));
    return failure.exitCode;
  }
  return run(argv, deps);
}

import { type Deps, processDeps, processOutputs } from './deps.js';
import { describeFailure, formatFailure } from './errors.js';

/**
 * Runs a CLI (the full program, or the hot path) in this process. Setting up the process's deps
 * can fail too (no home directory, say): that is reported like any other failure, in one line
 * with its exit code.
 */
export async function runProcess(argv: readonly string[], run: (deps: Deps) => Promise<number>): Promise<number> {
  const json = argv.includes('--json');
  let deps: Deps;
  try {
    deps = processDeps();
  } catch (error) {
    const failure = describeFailure(error);
    processOutputs().stderr.write(formatFailure(failure, json));
    return failure.exitCode;
  }
  return outputChecked(await run(deps), json);
}

/**
 * Waits until the output has left the process: a command whose output could not be written
 * (`stint list >/dev/full`) did not do its job. That is one line on stderr and exit 1, unless the
 * command failed already and said so. A failing stderr cannot be reported: the exit code says it.
 */
async function outputChecked(code: number, json: boolean): Promise<number> {
  const { stdout, stderr } = processOutputs();
  await Promise.all([stdout.flushed(), stderr.flushed()]);
  const failed = stdout.failure();
  if (failed !== undefined && code === 0) {
    const failure = describeFailure(failed);
    stderr.write(formatFailure(failure, json));
    await stderr.flushed();
    return failure.exitCode;
  }
  return stderr.failure() !== undefined && code === 0 ? 1 : code;
}

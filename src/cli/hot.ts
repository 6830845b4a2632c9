import { start, type StartOptions } from './commands/start.js';
import { status, type StatusOptions } from './commands/status.js';
import { stop, type StopOptions } from './commands/stop.js';
import { makeContext, type Handler } from './context.js';
import type { Deps } from './deps.js';
import { describeFailure, formatFailure } from './errors.js';
import type { HotArgs } from './hot-args.js';
import { parseSessionId } from './parse.js';

/** A handler with the options commander's program would hand it for the same argv. */
export interface HotCall {
  handler: Handler<never>;
  options: StatusOptions | StartOptions | StopOptions;
}

/**
 * What program.ts's actions make of the words and options hot-args accepted: the same handler
 * and the same options, defaults included (a test compares the two for every accepted argv).
 * A session ID that is not one throws as commander's parser does.
 */
export function hotCall({ command, words, options }: HotArgs): HotCall {
  const call = <O>(handler: Handler<O>, handed: O): HotCall => ({
    handler: handler as Handler<never>,
    options: handed as HotCall['options'],
  });
  if (command === 'status') return call(status, options as StatusOptions);
  if (command === 'start') return call(start, { ...(options as Omit<StartOptions, 'task'>), task: words[0] as string });
  const id = words[0] === undefined ? undefined : parseSessionId(words[0]);
  return call(stop, { as: 'completed', ...(options as Omit<StopOptions, 'id'>), id });
}

/**
 * Runs an accepted argv as main.ts's run would: the command's output, its errors in the same one
 * line (JSON with --json) and the same exit code, without commander.
 */
export async function runHot(hot: HotArgs, deps: Deps): Promise<number> {
  try {
    const { handler, options } = hotCall(hot);
    return await handler(options as never, await makeContext(deps, hot.json));
  } catch (error) {
    const failure = describeFailure(error);
    deps.stderr(formatFailure(failure, hot.json));
    return failure.exitCode;
  }
}

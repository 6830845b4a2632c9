import { processDeps } from './cli/deps.js';
import { run } from './cli/main.js';

/** The process entry used by bin/stint.js. */
export function cli(argv: readonly string[]): Promise<number> {
  return run(argv, processDeps());
}

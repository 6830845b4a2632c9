import { run } from './cli/main.js';
import { runProcess } from './cli/process-run.js';

/** The process entry of the full program (dist/stint.cjs), which the boot runs. */
export function cli(argv: readonly string[]): Promise<number> {
  return runProcess(argv, (deps) => run(argv, deps));
}

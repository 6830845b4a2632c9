import { hotArgs } from './cli/hot-args.js';
import { runHot } from './cli/hot.js';
import { runProcess } from './cli/process-run.js';

/**
 * The process entry of the hot path (dist/hot.cjs): the plain forms of status, start and stop
 * without commander, the table library or the commands they do not use, so a run evaluates and
 * deserializes less (README "Performance"). The boot sends only argv that hot-args accepts.
 */
export function cli(argv: readonly string[]): Promise<number> {
  const hot = hotArgs(argv);
  if (hot === undefined) throw new Error(`not a hot form: ${argv.join(' ')}`);
  return runProcess(argv, (deps) => runHot(hot, deps));
}

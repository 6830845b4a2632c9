import type { Session } from '../core/session.js';
import type { Palette } from './color.js';

/**
 * What `stint` alone suggests after the status: the commands that make sense now. A running
 * timer wants stopping or pausing, a paused one resuming, and with nothing running the way in.
 */
export function nextSteps(active: readonly Session[], palette: Palette): string {
  const latest = active[active.length - 1];
  const steps = !latest
    ? ['stint start <task>', 'stint start <task> --for 25m', 'stint report --week', 'stint stats']
    : latest.status === 'paused'
      ? ['stint resume', 'stint stop', 'stint status --watch', 'stint report']
      : ['stint stop', 'stint pause', 'stint status --watch', 'stint report'];
  return `\n${palette.dim('Next:')} ${[...steps, 'stint --help'].join(palette.dim(' · '))}\n`;
}

import type { Session } from '../core/session.js';
import type { Palette } from './color.js';

/**
 * What `stint` alone suggests after the status: the commands that make sense now. A running
 * timer wants stopping or pausing, a paused one resuming, and with nothing running the way in.
 * `command` is how the user runs stint (`stint`, `npx stint`).
 */
export function nextSteps(active: readonly Session[], palette: Palette, command: string): string {
  const latest = active[active.length - 1];
  const steps = !latest
    ? ['start <task>', 'start <task> --for 25m', 'report --week', 'stats']
    : latest.status === 'paused'
      ? ['resume', 'stop', 'status --watch', 'report']
      : ['stop', 'pause', 'status --watch', 'report'];
  return `\n${palette.dim('Next:')} ${[...steps, '--help'].map((step) => `${command} ${step}`).join(palette.dim(' · '))}\n`;
}

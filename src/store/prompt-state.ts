import { writeFileWhole } from './atomic-file.js';
import { join } from 'node:path';
import { compareByStart, type Session } from '../core/session.js';
import { secondsBetween } from '../core/time.js';
import { PROMPT_STATE_FILE } from './paths.js';

/** The first line of `prompt.state`; a prompt function prints nothing for any other. */
export const PROMPT_STATE_VERSION = 1;

/**
 * `prompt.state`: what `status --short` needs, as plain lines a shell reads with `read` alone,
 * so a prompt shows the timer without starting Node. One value a line:
 *
 *   1. the format version (`PROMPT_STATE_VERSION`)
 *   2. the number of running and paused sessions (0: idle, and nothing follows)
 *   3. the newest active session's task name
 *   4. its start, in epoch seconds
 *   5. the seconds of its closed pauses
 *   6. the start of its current pause in epoch seconds, 0 while it runs
 *   7. its planned seconds, 0 for a plain timer
 *
 * The prompt function computes the live clock from these the way `durationSeconds` does.
 */
export function encodePromptState(active: readonly Session[]): string {
  const sorted = [...active].sort(compareByStart);
  const latest = sorted[sorted.length - 1];
  const lines: (string | number)[] = [PROMPT_STATE_VERSION, sorted.length];
  if (latest) {
    const open = latest.pauses.findLast((p) => p.ended_at === null);
    const closed = latest.pauses.reduce(
      (total, p) => (p.ended_at === null ? total : total + Math.max(0, secondsBetween(p.started_at, p.ended_at))),
      0,
    );
    lines.push(
      // Task names cannot hold a line break, but a hand-edited store could: keep one value a line.
      latest.task.replace(/[\r\n]/g, ' '),
      epochSeconds(latest.started_at),
      closed,
      open ? epochSeconds(open.started_at) : 0,
      latest.planned_seconds ?? 0,
    );
  }
  return `${lines.join('\n')}\n`;
}

function epochSeconds(instant: string): number {
  return Math.floor(Date.parse(instant) / 1000);
}

/**
 * Replaces `prompt.state` in `dir` by rename, so a prompt never reads half a file. Called by the
 * store under its lock, after each commit. No fsync and failures ignored: the file is derived from
 * `state.json`, and a lost or stale one is put right by the next change.
 */
export function writePromptState(dir: string, active: readonly Session[]): void {
  try {
    writeFileWhole(join(dir, PROMPT_STATE_FILE), encodePromptState(active), { durable: false });
  } catch {
    // Derived: the next change writes it again (a leftover temp file is swept by the next commit).
  }
}

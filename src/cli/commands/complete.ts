import { candidateIds, needsActiveOnly, recentTasks } from '../../core/candidates.js';
import type { Session } from '../../core/session.js';
import type { Deps } from '../deps.js';
import type { Context } from '../context.js';

export interface CompleteOptions {
  /** `ids` (then the command: `ids stop`), `tasks` or `jobs`. */
  what: string;
  words: string[];
}

/** How far back the history is read for recent IDs and task names: enough, and fast on a long one. */
const RECENT_DAYS = 90;

/**
 * The hidden `stint __complete`: dynamic values for the completion scripts, one a line. It takes
 * no lock, and on any error prints nothing and succeeds: a completion must never spill errors
 * into the line being typed.
 */
export async function complete(options: CompleteOptions, ctx: Context): Promise<number> {
  try {
    const values = await lookUp(options, ctx.deps);
    if (values.length > 0) ctx.print(`${values.join('\n')}\n`);
  } catch {
    // Nothing to offer.
  }
  return 0;
}

async function lookUp({ what, words }: CompleteOptions, deps: Deps): Promise<readonly (string | number)[]> {
  switch (what) {
    case 'ids': {
      const command = words[0] ?? '';
      const sessions = needsActiveOnly(command) ? (await deps.store.read({ kind: 'active' })).sessions : await recentSessions(deps);
      return candidateIds(command, sessions);
    }
    case 'tasks':
      return recentTasks(await recentSessions(deps));
    case 'jobs':
      return (await deps.store.jobs.read()).jobs.map((job) => job.id).sort((a, b) => a - b);
    default:
      return [];
  }
}

async function recentSessions(deps: Deps): Promise<Session[]> {
  const from = new Date(deps.now().getTime() - RECENT_DAYS * 86_400_000);
  const sessions: Session[] = [];
  await deps.store.scan({ kind: 'range', from, to: null }, () => {
    sessions.length = 0;
    return (batch) => void sessions.push(...batch);
  });
  return sessions;
}

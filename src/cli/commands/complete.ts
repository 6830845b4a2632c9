import { candidateSessions, describeCandidate, needsActiveOnly, recentTags, recentTasks } from '../../core/candidates.js';
import type { Session } from '../../core/session.js';
import type { Deps } from '../deps.js';
import type { Context } from '../context.js';

export interface CompleteOptions {
  /**
   * `ids` (then the command and the words on the line: `ids rm stint rm 3`; IDs among them are
   * not offered again), `described-ids` (the same, `ID<tab>task (status)` a line, for zsh and
   * fish), `tasks`, `tags` or `jobs`.
   */
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
    case 'ids':
    case 'described-ids': {
      const [command = '', ...line] = words;
      const typed = line.filter((word) => /^\d+$/.test(word)).map(Number);
      const sessions = needsActiveOnly(command) ? (await deps.store.read({ kind: 'active' })).sessions : await recentSessions(deps);
      const candidates = candidateSessions(command, sessions, typed);
      return what === 'ids' ? candidates.map((s) => s.id) : candidates.map((s) => `${s.id}\t${describeCandidate(s)}`);
    }
    case 'tasks':
      return recentTasks(await recentSessions(deps));
    case 'tags':
      return recentTags(await recentSessions(deps));
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

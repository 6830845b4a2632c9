import { earnedAt, type BadgeState } from '../core/badges.js';
import { dayName, dayNumber } from '../core/days.js';
import { emptyLedger, isSettled, settle, type Ledger, type Settled } from '../core/ledger.js';
import { emptyTally, isTally, mergeTally, sumTallies, tallyOf, type Tally } from '../core/tally.js';
import { historyStats, runningSecondsToday, type StatsWithLive } from '../core/progress.js';
import type { Session } from '../core/session.js';
import { localIso } from '../render/json.js';
import { ACTIVE, type Store } from '../store/store.js';

/** The cache name of the per-month tallies; bump the version when Tally or Ledger changes. */
const TALLY_DIGEST = 'tally-v1';

/** The whole history's tally (completed, partial and abandoned sessions), month tallies cached. */
export async function historyTally(store: Store): Promise<Tally> {
  return sumTallies(await store.digest(TALLY_DIGEST, tallyOf, isTally));
}

/** A history as a settled ledger (every month but the newest, cached) and the recent days' tally. */
export interface History {
  settled: Ledger;
  recent: Tally;
}

/**
 * The history split so that a summary only walks the recent days: the older months are folded
 * into a ledger once and cached; the newest month (and what older sessions carry into it) is
 * counted on each run. The cost of `stop`'s summary then does not grow with the history.
 */
export async function recentHistory(store: Store, goalSeconds: number): Promise<History> {
  const { settled, newest } = await store.digestSettled(TALLY_DIGEST, tallyOf, isTally, {
    key: `goal=${goalSeconds}`,
    fold: (months): Settled => {
      const last = months.at(-1)?.month as string;
      // Sessions of later months start at the UTC start of the month after the last one settled.
      const until = dayNumber(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 1));
      return settle(sumTallies(months.map((m) => m.value)), until, goalSeconds);
    },
    valid: isSettled,
  });
  const recent = mergeTally(emptyTally(), settled?.carry ?? emptyTally());
  for (const value of newest?.values ?? []) mergeTally(recent, value);
  return { settled: settled?.ledger ?? emptyLedger(goalSeconds), recent };
}

/**
 * recentHistory, or the whole history with nothing settled when the recent days are not enough:
 * `today` before the settled days (a clock set back), or a session in `touching` (just stopped)
 * that started in them.
 */
export async function historyFor(store: Store, goalSeconds: number, today: number, touching: readonly Session[] = []): Promise<History> {
  const history = await recentHistory(store, goalSeconds);
  const until = history.settled.next ?? -Infinity;
  if (today >= until && touching.every((s) => dayNumber(Date.parse(s.started_at)) >= until)) return history;
  return { settled: emptyLedger(goalSeconds), recent: await historyTally(store) };
}

/** `badges --json`'s entry for one badge (also the dashboard's and the API's). */
export interface BadgeJson {
  id: string;
  name: string;
  description: string;
  earned: boolean;
  earned_at: string | null;
  progress: number;
}

/** Badge states as JSON, with the exact moment each was earned: the sessions of each earned day replayed (a few small reads). */
export async function badgesJson(store: Store, states: readonly BadgeState[], tally: Tally, goalSeconds: number): Promise<BadgeJson[]> {
  const json: BadgeJson[] = [];
  for (const state of states) {
    let at: string | null = null;
    if (state.earnedDay !== null) {
      const [y, m, d] = dayName(state.earnedDay).split('-').map(Number) as [number, number, number];
      const range = { kind: 'range' as const, from: new Date(y, m - 1, d), to: new Date(y, m - 1, d + 1) };
      at = earnedAt(state, tally, (await store.read(range)).sessions, goalSeconds);
    }
    const { id, name, description } = state.badge;
    json.push({ id, name, description, earned: state.earnedDay !== null, earned_at: at && localIso(at), progress: state.progress });
  }
  return json;
}

/** `stint stats --json` (and the server's stats): the history's summary and today's live part. */
export async function statsSummary(store: Store, now: Date): Promise<StatsWithLive> {
  const today = dayNumber(now.getTime());
  const [{ settled, recent }, active] = await Promise.all([
    store.config.read().then((settings) => historyFor(store, settings.daily_goal_seconds, today)),
    store.read(ACTIVE),
  ]);
  return { ...historyStats(settled, recent, today), today_running_seconds: runningSecondsToday(active.sessions, now) };
}

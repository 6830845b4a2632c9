import { justEarned } from '../../core/badges.js';
import { dayNumber } from '../../core/days.js';
import { invalidInput } from '../../core/errors.js';
import { historyStats, runningSecondsToday } from '../../core/progress.js';
import { progressLine } from '../../render/progress-text.js';
import {
  activeSessions,
  compareByStart,
  findSession,
  soleSessionFor,
  stopSession,
  type Outcome,
  type Session,
  type TrackerData,
} from '../../core/session.js';
import { sessionJson, sessionListJson } from '../../render/json.js';
import { stoppedLine } from '../../render/session-text.js';
import { ACTIVE, type Scope } from '../../store/store.js';
import { timeOption } from '../at.js';
import type { Context } from '../context.js';
import { historyFor } from '../history.js';

export interface StopOptions {
  id?: number | undefined;
  all?: boolean | undefined;
  at?: string | undefined;
  as?: Outcome | undefined;
}

export async function stop(options: StopOptions, ctx: Context): Promise<number> {
  if (options.id !== undefined && options.all) {
    throw invalidInput('Invalid usage', 'Give a session ID or --all, not both');
  }
  const now = ctx.deps.now();
  const at = await timeOption(options.at, now);
  const outcome = options.as ?? 'completed';
  const scope: Scope = options.id === undefined ? ACTIVE : { kind: 'ids', ids: [options.id] };
  // The sessions still running or paused once these are stopped, as committed: the summary line
  // counts them without reading the store's root again (startup, README "Performance").
  let left: Session[] = [];
  const stopped = await ctx.deps.store.update(
    scope,
    (data): Session[] => {
      const ended = stopping(data);
      left = activeSessions(data);
      return ended;
    },
    (ended) => `stop ${ended.map((s) => `#${s.id} ${s.task}`).join(', ')}`,
  );

  if (ctx.json) {
    const [only] = stopped;
    ctx.printJson(options.all || !only ? sessionListJson(stopped, stopped.length, now) : sessionJson(only, now));
  } else if (stopped.length === 0) {
    ctx.print('Nothing to stop: no session is running or paused.\n');
  } else {
    for (const session of stopped) ctx.print(stoppedLine(session, now, ctx.palette));
    await printProgress(stopped, left, now, ctx);
  }
  return 0;

  function stopping(data: TrackerData): Session[] {
    // `--all` with nothing to stop has reached its goal: it succeeds, changing nothing.
    if (options.all)
      return activeSessions(data)
        .sort(compareByStart)
        .map((session) => stopSession(session, at, outcome, now));
    const target = options.id === undefined ? soleSessionFor(data, 'stop') : findSession(data, options.id);
    return [stopSession(target, at, outcome, now)];
  }
}

/**
 * Today against the goal, the streak and any badge these stops just earned. The stop is already
 * stored: if the summary cannot be made, that is a warning, not a failure of the command.
 */
async function printProgress(stopped: readonly Session[], left: readonly Session[], now: Date, ctx: Context): Promise<void> {
  try {
    const { store } = ctx.deps;
    const today = dayNumber(now.getTime());
    const { settled, recent } = await historyFor(store, (await store.config.read()).daily_goal_seconds, today, stopped);
    const earned = justEarned(settled, recent, stopped, today);
    // Sessions left running or paused: the same live part `stats` shows, so the two agree.
    const running = runningSecondsToday(left, now);
    ctx.print(progressLine({ ...historyStats(settled, recent, today), today_running_seconds: running }, earned, ctx.palette));
  } catch (error) {
    ctx.warn(`no summary: ${(error as Error).message}`);
  }
}

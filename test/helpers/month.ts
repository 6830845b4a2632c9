import type { Session } from '../../src/core/session.js';
import { makeSession } from './factories.js';

const TASKS: [task: string, tags: string[]][] = [
  ['api-client', ['work', 'code']],
  ['code-review', ['work', 'code']],
  ['design-doc', ['work', 'writing']],
  ['standup', ['work', 'meeting']],
  ['email', ['admin']],
  ['spanish', ['learning']],
  ['guitar', ['music']],
];

/** A small seeded generator, so the "realistic" month is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * A working month before `until` (UTC): 2–5 sessions on weekdays between 08:00 and 18:00 UTC,
 * a little at weekends, some focus sessions, some cut short; and lighter months before it, so
 * the year's heatmap has a past. IDs count from 1.
 */
export function realisticHistory(until: string, days = 120): Session[] {
  const next = random(17);
  const end = Date.parse(until);
  const firstDay = Math.floor(end / 86_400_000) - days;
  const sessions: Session[] = [];
  for (let d = firstDay; d <= Math.floor(end / 86_400_000); d += 1) {
    const weekday = new Date(d * 86_400_000).getUTCDay();
    const recent = d >= Math.floor(end / 86_400_000) - 30;
    const weekend = weekday === 0 || weekday === 6;
    const count = weekend ? (next() < 0.3 ? 1 : 0) : next() < (recent ? 0.95 : 0.6) ? 2 + Math.floor(next() * 4) : 0;
    let at = d * 86_400_000 + (8 + Math.floor(next() * 2)) * 3_600_000;
    for (let i = 0; i < count; i += 1) {
      const [task, tags] = TASKS[Math.floor(next() * (weekend ? TASKS.length : 5))] as [string, string[]];
      const focus = next() < 0.3;
      const minutes = focus ? 25 + Math.floor(next() * 3) * 25 : 20 + Math.floor(next() * 100);
      const outcome = next() < 0.08 ? 'abandoned' : next() < 0.1 ? 'partial' : 'completed';
      const stop = at + minutes * 60_000;
      if (stop >= end) break;
      sessions.push(
        makeSession({
          id: sessions.length + 1,
          uid: `month-${sessions.length + 1}`,
          task,
          tags,
          started_at: iso(at),
          stopped_at: iso(stop),
          status: outcome,
          planned_seconds: focus ? minutes * 60 : null,
          updated_at: iso(stop),
        }),
      );
      at = stop + (10 + Math.floor(next() * 50)) * 60_000;
    }
  }
  return sessions;
}

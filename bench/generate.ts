/**
 * Writes a history of finished sessions through the store, as years of use would:
 * `node dist/bench-generate.js <dir> <count> [sessions-per-day]`.
 * Sessions end before the given day so a benchmark's "now" finds them all in the past.
 */
import { startSession, stopSession, type TrackerData } from '../src/core/session.js';
import { createFileStore } from '../src/store/file-store.js';
import { ALL } from '../src/store/store.js';

const TASKS = ['coding', 'review', 'meetings', 'writing', 'reading', 'planning', 'support', 'email'];

export function generate(data: TrackerData, count: number, perDay: number, endDay: Date): void {
  const days = Math.ceil(count / perDay);
  const firstDay = endDay.getTime() - days * 86_400_000;
  for (let i = 0; i < count; i += 1) {
    const day = firstDay + Math.floor(i / perDay) * 86_400_000;
    // Spread through a working day from 07:00 UTC, 20–50 minutes each.
    const start = day + 7 * 3_600_000 + (i % perDay) * 45 * 60_000;
    const session = startSession(data, { task: TASKS[i % TASKS.length] as string, uid: `bench-${i}` }, new Date(start));
    stopSession(session, new Date(start + (20 + (i % 31)) * 60_000), i % 10 === 0 ? 'partial' : 'completed');
  }
}

async function main(): Promise<void> {
  const [dir, countText, perDayText] = process.argv.slice(2);
  if (!dir || !countText) throw new Error('usage: bench-generate <dir> <count> [per-day]');
  const count = Number(countText);
  const perDay = Number(perDayText ?? 15);
  const endDay = new Date(process.env.STINT_NOW ?? Date.now());
  endDay.setUTCHours(0, 0, 0, 0);
  const started = performance.now();
  await createFileStore(dir).update(ALL, (data) => generate(data, count, perDay, endDay));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stderr.write(`generated ${count} sessions in ${dir} in ${seconds} s\n`);
}

void main();

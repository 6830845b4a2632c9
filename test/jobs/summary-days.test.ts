import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Session } from '../../src/core/session.js';
import { summary } from '../../src/jobs/summary.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { makeJob, runContext, tempPlaces } from './helpers.js';

// A summary job's last complete day, week or month is made of whole local dates, also where a
// date starts at 01:00 (America/Santiago skips 00:00 on 2026-09-06, Asuncion did on 2023-10-01).
const original = process.env.TZ;
let places: ReturnType<typeof tempPlaces>;
beforeEach(() => {
  places = tempPlaces();
});
afterEach(() => {
  places.cleanup();
  process.env.TZ = original;
});

const session = (id: number, task: string, started: string, stopped: string) =>
  makeSession({ id, task, started_at: started, stopped_at: stopped });

async function report(zone: string, sessions: Session[], config: Record<string, string>, now: string, weekStart?: 0) {
  process.env.TZ = zone;
  const store = createMemoryStore(makeData(sessions));
  if (weekStart !== undefined) {
    await store.config.update((settings) => {
      settings.week_start = weekStart;
    });
  }
  const target = join(places.root, 'r.json');
  await summary.run(makeJob('summary', { target, ...config }), runContext(store, places, new Date(now)));
  return JSON.parse(readFileSync(target, 'utf8'));
}

const santiago = [
  session(1, 'first-hour', '2026-09-06T04:00:00Z', '2026-09-06T05:00:00Z'), // 01:00-02:00 on the 6th
  session(2, 'next-day', '2026-09-07T03:30:00Z', '2026-09-07T04:30:00Z'), // 00:30-01:30 on the 7th
  session(3, 'after-week', '2026-09-13T03:30:00Z', '2026-09-13T04:30:00Z'), // 00:30-01:30 on Sunday the 13th
];

test('day: at 02:00 on the 7th, yesterday is the 6th from 01:00 to the 7th at 00:00', async () => {
  const out = await report('America/Santiago', santiago, { period: 'day' }, '2026-09-07T05:00:00Z');
  expect([out.from, out.to, out.total_seconds, out.rows]).toEqual([
    '2026-09-06',
    '2026-09-06',
    3600,
    [{ name: 'first-hour', seconds: 3600, sessions: 1 }],
  ]);
});

test('week from Sunday: the 6th to the 12th, nothing of the 13th', async () => {
  const out = await report('America/Santiago', santiago, { period: 'week' }, '2026-09-14T15:00:00Z', 0);
  expect([out.from, out.to, out.total_seconds]).toEqual(['2026-09-06', '2026-09-12', 7200]);
});

test('month: October 2023 in Asuncion, nothing of November 1st', async () => {
  const sessions = [
    session(1, 'first', '2023-10-01T04:00:00Z', '2023-10-01T05:00:00Z'), // 01:00-02:00 on October 1st
    session(2, 'november', '2023-11-01T03:30:00Z', '2023-11-01T04:30:00Z'), // 00:30-01:30 on November 1st
  ];
  const out = await report('America/Asuncion', sessions, { period: 'month' }, '2023-11-02T15:00:00Z');
  expect([out.from, out.to, out.total_seconds]).toEqual(['2023-10-01', '2023-10-31', 3600]);
});

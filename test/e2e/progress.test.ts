import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeSession } from '../helpers/factories.js';
import { seedStore } from '../helpers/seed.js';
import { seedWith, stintIn } from '../helpers/in-home.js';
import { snapshotDir, stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((h) => {
  home = h;
});

const ended = (id: number, start: string, end: string, overrides = {}) =>
  makeSession({ id, uid: `e2e-${id}`, started_at: start, stopped_at: end, ...overrides });
const stats = async (now: string, env: Record<string, string> = {}) => {
  const result = await stint(['stats', '--json'], { home, now, env });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

test('a streak across the spring DST change, through the bin', async () => {
  // 23:30 Paris time on 27–31 March 2026; the clocks went forward on the 29th.
  await seedStore(home, [
    ended(1, '2026-03-27T22:00:00Z', '2026-03-27T22:30:00Z'),
    ended(2, '2026-03-28T22:00:00Z', '2026-03-28T22:30:00Z'),
    ended(3, '2026-03-29T21:00:00Z', '2026-03-29T21:30:00Z'),
    ended(4, '2026-03-30T21:00:00Z', '2026-03-30T21:30:00Z'),
    ended(5, '2026-03-31T21:00:00Z', '2026-03-31T21:30:00Z', { status: 'partial' }),
  ]);
  expect(await stats('2026-03-31T21:45:00Z')).toMatchObject({
    current_streak_days: 4,
    longest_streak_days: 4,
    completion_rate_percent: 80,
  });
  // The next day, still without a completed session: the streak ends with the 31st.
  expect(await stats('2026-04-01T21:45:00Z')).toMatchObject({ current_streak_days: 0, longest_streak_days: 4 });
});

test('days are the local days of the zone stint runs in, and each zone gets its own cache', async () => {
  // 23:30 UTC is already tomorrow in Paris and still today in New York.
  await seedStore(home, [
    ended(1, '2025-12-20T10:00:00Z', '2025-12-20T11:00:00Z'), // an older month, so the cache is written
    ended(2, '2026-01-10T23:00:00Z', '2026-01-10T23:30:00Z'),
    ended(3, '2026-01-11T11:00:00Z', '2026-01-11T12:00:00Z'),
    ended(4, '2026-01-12T23:00:00Z', '2026-01-12T23:30:00Z'),
  ]);
  const now = '2026-01-13T12:00:00Z';
  const newYork = { TZ: 'America/New_York' };
  // Paris: the 11th and the 13th. New York: the 10th, 11th and 12th.
  // The tally cache names the zone it was counted in (cache/ also holds the V8 code cache, so the
  // folder's presence proves nothing): a run in another zone counts again and keys it to its own.
  const zoneOfCache = () => JSON.parse(readFileSync(join(home, 'cache', 'tally-v1.json'), 'utf8')).zone;
  expect(await stats(now)).toMatchObject({ current_streak_days: 1, longest_streak_days: 1, today_seconds: 1800 });
  expect(zoneOfCache()).toBe('TZ=Europe/Paris');
  expect(await stats(now, newYork)).toMatchObject({ current_streak_days: 3, longest_streak_days: 3, today_seconds: 0 });
  expect(zoneOfCache()).toBe('TZ=America/New_York');
  expect(await stats(now)).toMatchObject({ current_streak_days: 1, longest_streak_days: 1 });
  expect(zoneOfCache()).toBe('TZ=Europe/Paris');
});

test('an edit or a delete in an old month shows at once, cache or not', async () => {
  await seedStore(home, [
    ended(1, '2025-11-03T09:00:00Z', '2025-11-03T10:00:00Z'),
    ended(2, '2025-12-03T09:00:00Z', '2025-12-03T10:00:00Z'),
    ended(3, '2026-01-03T09:00:00Z', '2026-01-03T10:00:00Z'),
  ]);
  const now = '2026-01-13T12:00:00Z';
  expect(await stats(now)).toMatchObject({ total_sessions: 3, total_seconds: 10_800 });
  // The changes in-process (the same commands on the same files); the stats that follow spawned.
  await seedWith(['edit', '1', '--stop', '2025-11-03T09:30:00Z'], { home, now });
  expect(await stats(now)).toMatchObject({ total_sessions: 3, total_seconds: 9_000 });
  await seedWith(['rm', '2'], { home, now });
  expect(await stats(now)).toMatchObject({ total_sessions: 2, total_seconds: 5_400 });
  await seedWith(['undo'], { home, now });
  expect(await stats(now)).toMatchObject({ total_sessions: 3, total_seconds: 9_000 });
});

test('stop prints the stats line; stop --json prints only the session', async () => {
  const now = '2026-01-15T09:00:00Z'; // 10:00 in Paris
  await seedWith(['start', 'coding', '--at', '09:00'], { home, now });
  const stop = await stint(['stop'], { home, now });
  expect(stop.stdout).toBe('Stopped coding (#1) after 1h, completed.\nToday 1h of 4h (25%) · streak 1 day · new badge: First step\n');
  await seedWith(['start', 'coding', '--at', '10:10'], { home, now: '2026-01-15T09:30:00Z' });
  const json = await stint(['stop', '--json'], { home, now: '2026-01-15T09:30:00Z' });
  expect(JSON.parse(json.stdout)).toMatchObject({ session_id: 2, status: 'completed' });
  expect(json.stdout.trim().split('\n')).toHaveLength(1);
});

test('badges --json through the bin: earned with the moment, locked with progress', async () => {
  await seedStore(home, [ended(1, '2026-01-10T08:00:00Z', '2026-01-10T09:40:00Z', { planned_seconds: 5400 })]);
  const { code, stdout } = await stint(['badges', '--json'], { home, now: '2026-01-13T12:00:00Z' });
  expect(code).toBe(0);
  const byId = Object.fromEntries(JSON.parse(stdout).badges.map((b: { id: string }) => [b.id, b]));
  expect(byId['focus-90']).toEqual({
    id: 'focus-90',
    name: 'Flow',
    description: 'Complete a focus session of 90 minutes or more.',
    earned: true,
    earned_at: '2026-01-10T10:40:00+01:00',
    progress: 1,
  });
  expect(byId['focus-10']).toMatchObject({ earned: false, earned_at: null, progress: 0.1 });
});

test('bad input to the new commands: exit 2, one line, the store untouched', async () => {
  await seedStore(home, [ended(1, '2026-01-10T08:00:00Z', '2026-01-10T09:00:00Z')]);
  const before = snapshotDir(home);
  // One of each command through the bin; the report's other refusals in-process on the same files.
  for (const [args, how] of [
    [['stats', '--week'], stint],
    [['badges', 'extra'], stint],
    [['report', '--by', 'week'], stint],
    [['report', '--round', '0m'], stintIn],
    [['report', '--csv', '--json'], stintIn],
  ] as const) {
    const result = await how([...args], { home, now: '2026-01-13T12:00:00Z' });
    expect(result.code, args.join(' ')).toBe(2);
    expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
  }
  expect(snapshotDir(home)).toEqual(before);
});

test('stopping a timer started in an earlier month counts it with the rest of the history', async () => {
  // Settled months (December, January), the newest (February), and a timer left running since January.
  await seedStore(home, [
    ended(1, '2025-12-30T09:00:00Z', '2025-12-30T10:00:00Z'),
    ended(2, '2026-01-30T09:00:00Z', '2026-01-30T10:00:00Z'),
    ended(3, '2026-02-01T08:00:00Z', '2026-02-01T08:30:00Z'),
  ]);
  const now = '2026-02-01T10:00:00Z';
  await stats(now); // the settled months are folded and cached
  await seedWith(['start', 'late', '--at', '2026-01-31T22:00:00Z'], { home, now });
  const stop = await stint(['stop'], { home, now });
  expect(stop.code).toBe(0);
  // Its 11 hours since midnight count today; it was completed today, so 31 January (no session
  // completed that day) still breaks the streak: just today.
  expect(stop.stdout.split('\n')[1]).toBe('Today 11h 30m of 4h (287%) · streak 1 day');
  expect(await stats(now)).toMatchObject({ current_streak_days: 1, longest_streak_days: 1, today_seconds: 41_400, total_sessions: 4 });
});

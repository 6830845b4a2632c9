import { expect, test } from 'vitest';
import { makeSession } from '../helpers/factories.js';
import { seedStore } from '../helpers/seed.js';
import { seedWith } from '../helpers/in-home.js';
import { stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

// Wednesday 2026-11-18 13:00 in Paris (TZ=Europe/Paris in spawnStint).
const now = '2026-11-18T12:00:00Z';

test('report --week --by day --json splits a session from 23:00 to 01:00 between its days', async () => {
  await seedStore(home, [
    // Sunday 23:00 to Monday 01:00: only Monday's hour is in the week.
    makeSession({ id: 1, uid: 'a', started_at: '2026-11-15T22:00:00Z', stopped_at: '2026-11-16T00:00:00Z' }),
    // Monday 23:00 to Tuesday 01:00; and one a month earlier, outside the week.
    makeSession({ id: 2, uid: 'b', started_at: '2026-11-16T22:00:00Z', stopped_at: '2026-11-17T00:00:00Z' }),
    makeSession({ id: 3, uid: 'c', started_at: '2026-10-16T22:00:00Z', stopped_at: '2026-10-17T00:00:00Z' }),
  ]);
  const result = await stint(['report', '--week', '--by', 'day', '--json'], { home, now });
  expect([result.code, result.stderr]).toEqual([0, '']);
  expect(JSON.parse(result.stdout)).toEqual({
    from: '2026-11-16',
    to: '2026-11-22',
    by: 'day',
    total_seconds: 3 * 3600,
    rows: [
      { name: '2026-11-16', seconds: 7200, sessions: 2 },
      { name: '2026-11-17', seconds: 3600, sessions: 1 },
      ...['18', '19', '20', '21', '22'].map((d) => ({ name: `2026-11-${d}`, seconds: 0, sessions: 0 })),
    ],
    overlaps: [],
  });
});

test('list --csv escapes a note holding a comma and a quote', async () => {
  const added = await stint(['add', 'meeting', '--from', '09:00', '--to', '10:00', '--note', 'said "hi", then left', '--tag', 'work'], {
    home,
    now,
  });
  expect(added.code).toBe(0);
  const result = await stint(['list', '--csv'], { home, now });
  expect([result.code, result.stderr]).toEqual([0, '']);
  expect(result.stdout).toBe(
    'session_id,task_name,started_at,stopped_at,duration_seconds,status,planned_seconds,paused_seconds,tags,note\n' +
      '1,meeting,2026-11-18T09:00:00+01:00,2026-11-18T10:00:00+01:00,3600,completed,,0,work,"said ""hi"", then left"\n',
  );
});

test('report --csv prints a header, and a header alone when nothing was tracked', async () => {
  expect((await stint(['report', '--csv'], { home, now })).stdout).toBe('name,seconds,sessions\n');
  await seedWith(['start', 'coding', '--at', '12:00'], { home, now });
  // Running for an hour, rounded up to two 45-minute increments.
  const result = await stint(['report', '--csv', '--round', '45m'], { home, now });
  expect([result.code, result.stdout]).toEqual([0, 'name,seconds,sessions\ncoding,5400,1\n']);
});

test('the week follows week_start, and --round is said in JSON and in the header', async () => {
  await seedStore(home, [
    makeSession({ id: 1, uid: 'a', task: 'coding', started_at: '2026-11-15T09:00:00Z', stopped_at: '2026-11-15T09:07:00Z' }), // Sunday, 7m
    makeSession({ id: 2, uid: 'b', task: 'coding', started_at: '2026-11-16T09:00:00Z', stopped_at: '2026-11-16T09:16:00Z' }), // Monday, 16m
    makeSession({ id: 3, uid: 'c', task: 'review', started_at: '2026-11-17T09:00:00Z', stopped_at: '2026-11-17T09:15:00Z' }), // Tuesday, 15m
  ]);
  const week = async (...extra: string[]) => JSON.parse((await stint(['report', '--week', '--json', ...extra], { home, now })).stdout);
  expect(await week()).toMatchObject({ from: '2026-11-16', to: '2026-11-22', total_seconds: 31 * 60 });
  expect(await week('--round', '15m')).toEqual({
    from: '2026-11-16',
    to: '2026-11-22',
    by: 'task',
    round_seconds: 900,
    total_seconds: 45 * 60, // 16m → 30m, 15m → 15m
    rows: [
      { name: 'coding', seconds: 1800, sessions: 1 },
      { name: 'review', seconds: 900, sessions: 1 },
    ],
    overlaps: [],
  });
  await seedWith(['config', 'set', 'week_start', 'sunday'], { home, now });
  expect(await week('--round', '15m')).toMatchObject({ from: '2026-11-15', to: '2026-11-21', total_seconds: 60 * 60 }); // + 7m → 15m
  const text = (await stint(['report', '--week', '--round', '15m'], { home, now })).stdout;
  expect(text.split('\n')[0]).toMatch(/rounded up to 15m per session/);
});

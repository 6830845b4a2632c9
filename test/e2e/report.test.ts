import { expect, test } from 'vitest';
import { makeSession } from '../helpers/factories.js';
import { seedStore } from '../helpers/seed.js';
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
  });
});

test('list --csv escapes a note holding a comma and a quote', async () => {
  const added = await stint(['add', 'meeting', '--from', '09:00', '--to', '10:00', '--note', 'said "hi", then left', '--tag', 'work'], { home, now });
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
  expect((await stint(['start', 'coding', '--at', '12:00'], { home, now })).code).toBe(0);
  // Running for an hour, rounded up to two 45-minute increments.
  const result = await stint(['report', '--csv', '--round', '45m'], { home, now });
  expect([result.code, result.stdout]).toEqual([0, 'name,seconds,sessions\ncoding,5400,1\n']);
});

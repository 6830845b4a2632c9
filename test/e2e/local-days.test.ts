import { expect, test } from 'vitest';
import { makeSession } from '../helpers/factories.js';
import { seedStore } from '../helpers/seed.js';
import { stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

// The built bin in America/Santiago, where 00:00 on 2026-09-06 is skipped: that date starts at
// 01:00 (-03) and lasts 23 hours; the next one starts at its midnight again.
const env = { TZ: 'America/Santiago' };
const now = '2026-09-10T15:00:00Z';
const seed = () =>
  seedStore(home, [
    makeSession({ id: 1, uid: 'a', task: 'first-hour', started_at: '2026-09-06T04:00:00Z', stopped_at: '2026-09-06T05:00:00Z' }), // 01:00-02:00 on the 6th
    makeSession({ id: 2, uid: 'b', task: 'next-day', started_at: '2026-09-07T03:30:00Z', stopped_at: '2026-09-07T04:30:00Z' }), // 00:30-01:30 on the 7th
  ]);

test('report --day on a day whose midnight is skipped counts its first hour and nothing of the next day', async () => {
  await seed();
  const result = await stint(['report', '--day', '2026-09-06', '--by', 'day', '--json'], { home, now, env });
  expect([result.code, result.stderr]).toEqual([0, '']);
  expect(JSON.parse(result.stdout)).toEqual({
    from: '2026-09-06',
    to: '2026-09-06',
    by: 'day',
    total_seconds: 3600,
    rows: [{ name: '2026-09-06', seconds: 3600, sessions: 1 }],
    overlaps: [],
  });
});

test('list --day and export --from/--to stop at the next date’s midnight', async () => {
  await seed();
  const listed = await stint(['list', '--day', '2026-09-07', '--json'], { home, now, env });
  expect(JSON.parse(listed.stdout).sessions.map((s: { task_name: string }) => s.task_name)).toEqual(['next-day']);
  const exported = await stint(['export', '--from', '2026-09-06', '--to', '2026-09-06', '--format', 'csv'], { home, now, env });
  expect([exported.code, exported.stderr]).toEqual([0, '']);
  const rows = exported.stdout.trim().split('\n');
  expect(rows).toHaveLength(2);
  expect(rows[1]).toContain('first-hour');
  expect(rows[1]).toContain('2026-09-06T01:00:00-03:00');
});

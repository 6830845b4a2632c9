import { describe, expect, test } from 'vitest';
import { dayAfter } from '../../src/core/days.js';
import type { Session } from '../../src/core/session.js';
import { makeData, localSession as session } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

// TZ=Europe/Paris. "Now" is Thursday 2026-01-15, 13:30 local.
const NOW = '2026-01-15T12:30:00Z';

function daily(first: string, count: number, minutes = 30, overrides: Partial<Session> = {}): Session[] {
  const out: Session[] = [];
  for (let i = 0, day = first; i < count; i += 1, day = dayAfter(day)) out.push(session(day, '09:00', minutes, overrides));
  return out;
}

const withIds = (sessions: Session[]) => sessions.map((s, i) => ({ ...s, id: i + 1 }));

describe('stats', () => {
  const mixed = withIds([
    ...daily('2026-01-12', 3, 60), // Mon–Wed completed, an hour each
    session('2026-01-15', '08:00', 30, { as: 'partial' }),
    session('2026-01-15', '09:00', 45),
    session('2026-01-15', '10:00', 15, { as: 'abandoned' }),
  ]);

  test('--json: exactly SPEC’s fields, over ended sessions', async () => {
    const { code, stdout } = await harness({ now: NOW, data: makeData(mixed) }).run('stats', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      total_sessions: 6,
      completed_sessions: 4,
      total_seconds: (180 + 30 + 45 + 15) * 60,
      average_duration_seconds: 2700,
      completion_rate_percent: 66.7,
      current_streak_days: 4,
      longest_streak_days: 4,
      today_seconds: 45 * 60,
      daily_goal_seconds: 4 * 3600,
      today_running_seconds: 0,
    });
  });

  test('today: completed time against the goal, and beside it what is still running or paused today', async () => {
    const active = [
      ...mixed,
      // Running since 23:00 yesterday: only the 13h30m since midnight are today's.
      { ...session('2026-01-14', '23:00', 0), id: 7, stopped_at: null, status: 'running' as const },
      // Paused after 15 minutes: the pause does not count.
      {
        ...session('2026-01-15', '12:00', 0),
        id: 8,
        stopped_at: null,
        status: 'paused' as const,
        pauses: [{ started_at: '2026-01-15T11:15:00Z', ended_at: null }],
      },
    ];
    const h = harness({ now: NOW, data: makeData(active) });
    const json = JSON.parse((await h.run('stats', '--json')).stdout);
    expect(json).toMatchObject({ today_seconds: 45 * 60, total_sessions: 6, today_running_seconds: 13.5 * 3600 + 15 * 60 });
    expect((await h.run('stats')).stdout).toContain('Today    45m of 4h · +13h 45m running  ████░░░░░░░░░░░░░░░░ 18%\n');
  });

  test('human: one aspect a line', async () => {
    const { stdout } = await harness({ now: NOW, data: makeData(mixed) }).run('stats');
    expect(stdout).toBe(
      [
        'Sessions 6 ended: 4 completed, 2 partial or abandoned (66.7% completed)',
        'Time     4h 30m in all, 45m on average',
        'Streak   4 days (longest 4 days)',
        'Today    45m of 4h  ████░░░░░░░░░░░░░░░░ 18%',
        '',
      ].join('\n'),
    );
  });

  test('today against the goal is floored exactly: 87 of 300 minutes is 29%, not 28%', async () => {
    const h = harness({ now: NOW, data: makeData(withIds([session('2026-01-15', '09:00', 87)])) });
    await h.run('config', 'set', 'daily_goal', '5h');
    expect((await h.run('stats')).stdout).toMatch(/^Today {4}1h 27m of 5h .* 29%$/m);
  });

  test('the daily goal comes from the settings', async () => {
    const h = harness({ now: NOW, data: makeData(mixed) });
    await h.run('config', 'set', 'daily_goal', '90m');
    expect(JSON.parse((await h.run('stats', '--json')).stdout).daily_goal_seconds).toBe(5400);
  });

  test('no history: zeros, and no write', async () => {
    const h = harness({ now: NOW });
    expect(JSON.parse((await h.run('stats', '--json')).stdout)).toMatchObject({
      total_sessions: 0,
      completion_rate_percent: 0,
      average_duration_seconds: 0,
    });
    expect(h.store.writes).toBe(0);
  });
});

describe('badges', () => {
  test('--json: every badge with id, name, description, earned, earned_at and progress', async () => {
    const data = makeData(withIds(daily('2026-01-10', 3)));
    const { stdout } = await harness({ now: NOW, data }).run('badges', '--json');
    const { badges } = JSON.parse(stdout);
    expect(badges.length).toBeGreaterThanOrEqual(8);
    for (const b of badges) expect(Object.keys(b)).toEqual(['id', 'name', 'description', 'earned', 'earned_at', 'progress']);
    const byId = Object.fromEntries(badges.map((b: { id: string }) => [b.id, b]));
    // The first completed session: 2026-01-10 09:30 local.
    expect(byId['first-session']).toMatchObject({ earned: true, earned_at: '2026-01-10T09:30:00+01:00', progress: 1 });
    expect(byId['streak-3']).toMatchObject({ earned: true, earned_at: '2026-01-12T09:30:00+01:00', progress: 1 });
    // 10–12 January, then nothing on the 13th and 14th: the run is over.
    expect(byId['streak-7']).toMatchObject({ earned: false, earned_at: null, progress: 0 });
    expect(byId['sessions-100']).toMatchObject({ earned: false, earned_at: null, progress: 0.03 });
  });

  test('human: earned with their day, locked with their progress', async () => {
    const { stdout } = await harness({ now: NOW, data: makeData(withIds(daily('2026-01-13', 3))) }).run('badges');
    // The day earned as every time for people is written (issue 15): no ISO date in human output.
    expect(stdout).toMatch(/^Earned \(2 of 9\)\n {2}✓ First step .* Tue 13 Jan\n {2}✓ On a roll .* today\nLocked\n/);
    expect(stdout).toMatch(/· Full week .* ████░░░░░░ 42%\n/);
  });

  test('human and JSON agree on progress, floored exactly: 29 of 100 hours is 0.29 and 29%', async () => {
    const h = harness({ now: NOW, data: makeData(withIds([session('2026-01-13', '00:00', 29 * 60)])) });
    const { badges } = JSON.parse((await h.run('badges', '--json')).stdout);
    expect(badges.find((b: { id: string }) => b.id === 'hours-100').progress).toBe(0.29);
    expect((await h.run('badges')).stdout).toMatch(/· Centurion .* 29%\n/);
  });

  test('deleting the session that earned a badge locks it again; undo brings it back', async () => {
    const h = harness({ now: NOW, data: makeData(withIds(daily('2026-01-13', 3))) });
    const earned = async () =>
      JSON.parse((await h.run('badges', '--json')).stdout).badges.find((b: { id: string }) => b.id === 'streak-3').earned;
    expect(await earned()).toBe(true);
    expect((await h.run('rm', '3')).code).toBe(0);
    expect(await earned()).toBe(false);
    await h.run('undo');
    expect(await earned()).toBe(true);
  });
});

describe('the line after stop', () => {
  test('today against the goal, the streak, and the badge just earned — once', async () => {
    const h = harness({ now: '2026-01-15T08:00:00Z', data: makeData(withIds(daily('2026-01-13', 2))) });
    await h.run('start', 'coding');
    h.setNow('2026-01-15T09:00:00Z');
    expect((await h.run('stop')).stdout).toBe(
      'Stopped coding (#3) after 1h, completed.\nToday 1h of 4h (25%) · streak 3 days · new badge: On a roll\n',
    );
    await h.run('start', 'coding');
    h.setNow('2026-01-15T09:30:00Z');
    expect((await h.run('stop')).stdout).toBe('Stopped coding (#4) after 30m, completed.\nToday 1h 30m of 4h (37%) · streak 3 days\n');
  });

  test('an abandoned session moves neither today nor the streak', async () => {
    const h = harness({ now: '2026-01-15T08:00:00Z', data: makeData(withIds(daily('2026-01-14', 1))) });
    await h.run('start', 'coding');
    h.setNow('2026-01-15T09:00:00Z');
    expect((await h.run('abandon')).stdout).toBe('Stopped coding (#2) after 1h, abandoned.\nToday 0s of 4h (0%) · streak 1 day\n');
  });

  test('a session left running or paused shows beside today, as in stats', async () => {
    const h = harness({ now: '2026-01-15T08:00:00Z' });
    await h.run('start', 'coding');
    h.setNow('2026-01-15T08:30:00Z');
    await h.run('start', 'mail');
    h.setNow('2026-01-15T09:00:00Z');
    expect((await h.run('stop', '1')).stdout.split('\n')[1]).toBe(
      'Today 1h of 4h (25%) · +30m running · streak 1 day · new badge: First step',
    );
    h.setNow('2026-01-15T09:15:00Z');
    expect((await h.run('stats')).stdout).toContain('Today    1h of 4h · +45m running');
  });

  test("the running part comes from the stop's own commit: no read of the sessions after it", async () => {
    const h = harness({ now: '2026-01-15T08:00:00Z' });
    await h.run('start', 'coding');
    h.setNow('2026-01-15T08:30:00Z');
    await h.run('start', 'mail');
    h.setNow('2026-01-15T09:00:00Z');
    // Startup (README "Performance"): stop reads the store's root once, for its commit.
    const read = h.store.read.bind(h.store);
    let reads = 0;
    h.store.read = (scope) => {
      reads += 1;
      return read(scope);
    };
    expect((await h.run('stop', '1')).stdout).toContain('· +30m running ·');
    expect(reads).toBe(0);
  });

  test('several badges at once, after stop --all', async () => {
    const h = harness({ now: '2026-01-15T08:00:00Z' });
    await h.run('start', 'deep', '--for', '90m');
    await h.run('start', 'mail');
    h.setNow('2026-01-15T09:40:00Z');
    const { stdout } = await h.run('stop', '--all');
    expect(stdout.split('\n').slice(2)).toEqual(['Today 3h 20m of 4h (83%) · streak 1 day · new badges: First step, Flow', '']);
  });

  test('--json prints only the session, as SPEC says', async () => {
    const h = harness({ now: '2026-01-15T08:00:00Z' });
    await h.run('start', 'coding');
    const { stdout } = await h.run('stop', '--json');
    expect(Object.keys(JSON.parse(stdout))).toContain('session_id');
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });
});

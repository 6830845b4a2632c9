import { describe, expect, test } from 'vitest';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

describe('config', () => {
  test('list shows the defaults; set and get change and read one', async () => {
    const h = harness();
    expect((await h.run('config', 'list')).stdout).toMatch(/^forgotten_after {2}12h .*\ndaily_goal {7}4h .*\nweek_start {7}monday/);
    expect((await h.run('config', 'set', 'forgotten_after', '10h')).stdout).toBe('10h\n');
    expect((await h.run('config', 'get', 'forgotten_after')).stdout).toBe('10h\n');
    expect(JSON.parse((await h.run('config', 'set', 'week_start', 'Sunday', '--json')).stdout)).toEqual({
      key: 'week_start',
      value: 'sunday',
      week_start: 0,
    });
    expect(JSON.parse((await h.run('config', 'get', 'daily_goal', '--json')).stdout)).toEqual({
      key: 'daily_goal',
      value: '4h',
      daily_goal_seconds: 14_400,
    });
  });

  test.each([
    ['sun', 'sunday', 0],
    ['SAT', 'saturday', 6],
    ['Monday', 'monday', 1],
  ])('week_start %s is taken as times take weekdays: %s', async (typed, shown, day) => {
    const h = harness();
    expect(JSON.parse((await h.run('config', 'set', 'week_start', typed, '--json')).stdout)).toEqual({
      key: 'week_start',
      value: shown,
      week_start: day,
    });
  });

  test.each([
    [['set', 'colour', 'red'], /Unknown setting: 'colour' is not a setting/],
    [['set', 'forgotten_after', '12'], /Invalid duration/],
    [['set', 'forgotten_after', '30s'], /Invalid duration/],
    [['set', 'forgotten_after', '8d'], /^stint: Invalid duration: '8d' is out of range 60 s–7 d\n$/],
    [['set', 'daily_goal', '1,5h'], /^stint: Invalid duration: '1,5h' has a decimal comma/],
    [['set', 'daily_goal', '6h please'], /^stint: Invalid duration: '6h please' has text left over: 'please'\n$/],
    [['set', 'daily_goal', '30m6h'], /has h after m: write the largest unit first/],
    [['set', 'week_start', 'someday'], /not a day of the week/],
    [['set', 'week_start', 'su'], /not a day of the week/],
    [['set', 'week_start', 'sunday '], /not a day of the week/],
    [['get', 'nothing'], /Unknown setting/],
  ])('refuses %j with exit 2, settings unchanged', async (args, why) => {
    const h = harness();
    const result = await h.run('config', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(why);
    expect(JSON.parse((await h.run('config', 'list', '--json')).stdout).settings.map((s: { value: string }) => s.value)).toEqual([
      '12h',
      '4h',
      'monday',
    ]);
  });

  test('forgotten_after sets when status and list warn', async () => {
    const data = makeData([makeSession({ id: 1, started_at: '2026-01-15T08:00:00Z', stopped_at: null, status: 'running' })]);
    const h = harness({ now: '2026-01-15T11:00:00Z', data });
    expect((await h.run('status')).stderr).toBe('');
    await h.run('config', 'set', 'forgotten_after', '2h');
    expect((await h.run('status')).stderr).toMatch(/Session 1 \(coding\) has been running for 3h; was it forgotten\?/);
    expect((await h.run('list')).stderr).toMatch(/has been running for 3h/);
  });

  test('week_start moves where --week begins', async () => {
    const data = makeData([makeSession({ id: 1, started_at: '2026-01-11T10:00:00Z', stopped_at: '2026-01-11T11:00:00Z' })]); // a Sunday
    const h = harness({ now: '2026-01-15T11:00:00Z', data });
    expect(JSON.parse((await h.run('list', '--week', '--json')).stdout).total).toBe(0);
    await h.run('config', 'set', 'week_start', 'sunday');
    expect(JSON.parse((await h.run('list', '--week', '--json')).stdout).total).toBe(1);
  });
});

import { afterEach, describe, expect, test } from 'vitest';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

// Periods in zones where a day does not start at 00:00 or lasts other than 24 hours. Node
// re-reads the zone when TZ is assigned; the vitest config's Europe/Paris is put back after each.
const original = process.env.TZ;
afterEach(() => {
  process.env.TZ = original;
});

const session = (id: number, task: string, started: string, stopped: string) =>
  makeSession({ id, task, started_at: started, stopped_at: stopped });

describe('America/Santiago, where 2026-09-06 starts at 01:00 (00:00 is skipped)', () => {
  const history = makeData([
    session(1, 'eve', '2026-09-06T02:00:00Z', '2026-09-06T03:00:00Z'), // 22:00-23:00 on the 5th (-04)
    session(2, 'first-hour', '2026-09-06T04:00:00Z', '2026-09-06T05:00:00Z'), // 01:00-02:00 on the 6th (-03)
    session(3, 'next-day', '2026-09-07T03:30:00Z', '2026-09-07T04:30:00Z'), // 00:30-01:30 on the 7th
    session(4, 'after-week', '2026-09-13T03:30:00Z', '2026-09-13T04:30:00Z'), // 00:30-01:30 on Sunday the 13th
  ]);
  const santiago = (now = '2026-09-10T15:00:00Z') => {
    process.env.TZ = 'America/Santiago';
    return harness({ now, data: history });
  };
  const json = async (h: ReturnType<typeof harness>, ...argv: string[]) => {
    const { code, stdout, stderr } = await h.run(...argv, '--json');
    expect([code, stderr]).toEqual([0, '']);
    return JSON.parse(stdout);
  };

  test.each([[['--day', '2026-09-06']], [['--from', '2026-09-06', '--to', '2026-09-06']]])(
    'report %j counts the 6th alone: its first hour, and nothing of the 7th',
    async (period) => {
      const out = await json(santiago(), 'report', ...period);
      expect(out).toMatchObject({ from: '2026-09-06', to: '2026-09-06', total_seconds: 3600 });
      expect(out.rows).toEqual([{ name: 'first-hour', seconds: 3600, sessions: 1 }]);
    },
  );

  test('report --day (today) at 00:30 on the 7th holds the 7th from its midnight', async () => {
    const out = await json(santiago('2026-09-07T05:00:00Z'), 'report');
    expect(out).toMatchObject({ from: '2026-09-07', to: '2026-09-07', total_seconds: 3600 });
  });

  test('report --week from Sunday runs from the 6th to the 12th, by day', async () => {
    const h = santiago();
    await h.run('config', 'set', 'week_start', 'sunday');
    const out = await json(h, 'report', '--week', '--by', 'day');
    expect([out.from, out.to, out.total_seconds]).toEqual(['2026-09-06', '2026-09-12', 7200]);
    expect(out.rows.slice(0, 2)).toEqual([
      { name: '2026-09-06', seconds: 3600, sessions: 1 },
      { name: '2026-09-07', seconds: 3600, sessions: 1 },
    ]);
  });

  test('list --day and export --from/--to hold the sessions of the 6th only', async () => {
    const h = santiago();
    const listed = await json(h, 'list', '--day', '2026-09-06');
    expect(listed.sessions.map((s: { task_name: string }) => s.task_name)).toEqual(['first-hour']);
    const exported = JSON.parse((await h.run('export', '--from', '2026-09-06', '--to', '2026-09-06')).stdout);
    expect(exported.sessions.map((s: { task_name: string }) => s.task_name)).toEqual(['first-hour']);
    const both = JSON.parse((await h.run('export', '--from', '2026-09-05', '--to', '2026-09-06')).stdout);
    expect(both.sessions.map((s: { task_name: string }) => s.task_name)).toEqual(['eve', 'first-hour']);
  });
});

describe('America/Asuncion, where 2023-10-01 started at 01:00', () => {
  test('report --month for October 2023 ends at midnight of November 1st', async () => {
    process.env.TZ = 'America/Asuncion';
    const h = harness({
      now: '2023-10-20T15:00:00Z',
      data: makeData([
        session(1, 'first', '2023-10-01T04:00:00Z', '2023-10-01T05:00:00Z'), // 01:00-02:00 on the 1st
        session(2, 'november', '2023-11-01T03:30:00Z', '2023-11-01T04:30:00Z'), // 00:30-01:30 on November 1st
      ]),
    });
    const out = JSON.parse((await h.run('report', '--month', '--json')).stdout);
    expect(out).toMatchObject({ from: '2023-10-01', to: '2023-10-31', total_seconds: 3600 });
    expect(out.rows).toEqual([{ name: 'first', seconds: 3600, sessions: 1 }]);
  });
});

describe('America/Havana, where 2026-11-01 has its midnight twice', () => {
  test('the day runs from the first midnight to the next date: 25 hours', async () => {
    process.env.TZ = 'America/Havana';
    const h = harness({
      now: '2026-11-03T15:00:00Z',
      data: makeData([
        session(1, 'late', '2026-11-01T03:30:00Z', '2026-11-01T04:30:00Z'), // 23:30 on Oct 31 to the first 00:30
        session(2, 'night', '2026-11-01T04:30:00Z', '2026-11-01T06:00:00Z'), // first 00:30 to 01:00 (-05)
        session(3, 'next', '2026-11-02T04:30:00Z', '2026-11-02T05:30:00Z'), // 23:30 on the 1st to 00:30 on the 2nd
      ]),
    });
    const out = JSON.parse((await h.run('report', '--day', '2026-11-01', '--json')).stdout);
    expect(out).toMatchObject({ from: '2026-11-01', to: '2026-11-01', total_seconds: 1800 + 5400 + 1800 });
  });
});

describe('Pacific/Apia, which skipped 2011-12-30 whole (23:59 on the 29th, then 00:00 on the 31st)', () => {
  const apia = () => {
    process.env.TZ = 'Pacific/Apia';
    // 10:00-12:00 on the 31st (+14).
    return harness({ now: '2012-01-05T00:00:00Z', data: makeData([session(1, 'coding', '2011-12-30T20:00:00Z', '2011-12-30T22:00:00Z')]) });
  };

  test.each([[['--day', '2011-12-30']], [['--from', '2011-12-30', '--to', '2011-12-30']]])(
    'report %j is that date, empty: not the 31st',
    async (period) => {
      const { code, stdout, stderr } = await apia().run('report', ...period, '--json');
      expect([code, stderr]).toEqual([0, '']);
      expect(JSON.parse(stdout)).toMatchObject({ from: '2011-12-30', to: '2011-12-30', total_seconds: 0, rows: [] });
    },
  );

  test('list --day 2011-12-30 lists nothing; the 31st has the session; by day the 30th is a row of 0', async () => {
    const h = apia();
    const listed = JSON.parse((await h.run('list', '--day', '2011-12-30', '--json')).stdout);
    expect(listed).toEqual({ sessions: [], total: 0 });
    expect(JSON.parse((await h.run('list', '--day', '2011-12-31', '--json')).stdout).total).toBe(1);
    const out = JSON.parse((await h.run('report', '--from', '2011-12-29', '--to', '2011-12-31', '--by', 'day', '--json')).stdout);
    expect(out.rows).toEqual([
      { name: '2011-12-29', seconds: 0, sessions: 0 },
      { name: '2011-12-30', seconds: 0, sessions: 0 },
      { name: '2011-12-31', seconds: 7200, sessions: 1 },
    ]);
  });
});

describe('Asia/Kolkata (+05:30) and Australia/Lord_Howe (30-minute DST)', () => {
  test('a Kolkata day starts at 18:30Z', async () => {
    process.env.TZ = 'Asia/Kolkata';
    const h = harness({
      now: '2026-01-16T12:00:00Z',
      data: makeData([session(1, 'straddle', '2026-01-15T18:00:00Z', '2026-01-15T19:00:00Z')]), // 23:30-00:30
    });
    const out = JSON.parse((await h.run('report', '--from', '2026-01-15', '--to', '2026-01-16', '--by', 'day', '--json')).stdout);
    expect(out.rows).toEqual([
      { name: '2026-01-15', seconds: 1800, sessions: 1 },
      { name: '2026-01-16', seconds: 1800, sessions: 1 },
    ]);
  });

  test('Lord Howe 2026-10-04 has 23.5 hours', async () => {
    process.env.TZ = 'Australia/Lord_Howe';
    const h = harness({
      now: '2026-10-06T00:00:00Z',
      data: makeData([session(1, 'all', '2026-10-03T12:00:00Z', '2026-10-04T14:00:00Z')]), // 22:30 on the 3rd to 01:00 on the 5th
    });
    const out = JSON.parse((await h.run('report', '--from', '2026-10-03', '--to', '2026-10-05', '--by', 'day', '--json')).stdout);
    expect(out.rows.map((r: { seconds: number }) => r.seconds)).toEqual([5400, 23.5 * 3600, 3600]);
  });
});

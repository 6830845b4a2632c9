import { describe, expect, test } from 'vitest';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

// Thursday 2026-01-15 14:30 in Paris; the week runs from Monday the 12th.
const NOW = '2026-01-15T13:30:00Z';
const history = makeData([
  makeSession({ id: 1, task: 'coding', started_at: '2026-01-12T08:00:00Z', stopped_at: '2026-01-12T10:00:00Z', tags: ['work'] }),
  // 23:00 on the 13th to 01:00 on the 14th, local.
  makeSession({ id: 2, task: 'reading', started_at: '2026-01-13T22:00:00Z', stopped_at: '2026-01-14T00:00:00Z' }),
  makeSession({ id: 3, task: 'coding', started_at: '2026-01-15T12:30:00Z', stopped_at: null, status: 'running', tags: ['work', 'stint'] }),
  makeSession({
    id: 4,
    task: 'review',
    started_at: '2026-01-15T08:00:00Z',
    stopped_at: '2026-01-15T08:07:00Z',
    note: 'said "hi", then left',
  }),
]);
const stint = (...argv: string[]) => harness({ now: NOW, data: history }).run(...argv);

describe('report', () => {
  test('--json has exactly from, to, by, total_seconds, rows and overlaps', async () => {
    const { code, stdout } = await stint('report', '--week', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toStrictEqual({
      from: '2026-01-12',
      to: '2026-01-18',
      by: 'task',
      total_seconds: 7200 + 7200 + 3600 + 420,
      rows: [
        { name: 'coding', seconds: 10_800, sessions: 2 },
        { name: 'reading', seconds: 7200, sessions: 1 },
        { name: 'review', seconds: 420, sessions: 1 },
      ],
      overlaps: [],
    });
  });

  test('with no period the report is for today', async () => {
    const out = JSON.parse((await stint('report', '--json')).stdout);
    expect([out.from, out.to, out.total_seconds]).toEqual(['2026-01-15', '2026-01-15', 3600 + 420]);
  });

  test('--by day splits a session crossing midnight; --round adds round_seconds', async () => {
    const out = JSON.parse((await stint('report', '--week', '--by', 'day', '--round', '15m', '--json')).stdout);
    expect(out.round_seconds).toBe(900);
    expect(out.rows.slice(0, 4)).toEqual([
      { name: '2026-01-12', seconds: 7200, sessions: 1 },
      { name: '2026-01-13', seconds: 3600, sessions: 1 },
      { name: '2026-01-14', seconds: 3600, sessions: 1 },
      { name: '2026-01-15', seconds: 3600 + 900, sessions: 2 },
    ]);
    expect(out.rows).toHaveLength(7);
    expect(out.total_seconds).toBe(7200 + 7200 + 3600 + 900);
  });

  test('week_start sunday moves the week', async () => {
    const h = harness({ now: NOW, data: history });
    expect((await h.run('config', 'set', 'week_start', 'sunday')).code).toBe(0);
    const out = JSON.parse((await h.run('report', '--week', '--json')).stdout);
    expect([out.from, out.to]).toEqual(['2026-01-11', '2026-01-17']);
  });

  test('--csv prints the rows under a header', async () => {
    const { code, stdout } = await stint('report', '--week', '--by', 'tag', '--csv');
    expect(code).toBe(0);
    expect(stdout).toBe('name,seconds,sessions\nwork,10800,2\n(untagged),7620,2\nstint,3600,1\n');
  });

  test('human output: a header, a bar per row, and a total', async () => {
    const { code, stdout } = await stint('report', '--week', '--round', '15m');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'Report 2026-01-12 → 2026-01-18, by task, rounded up to 15m per session',
      'coding       3h  ██████████████████████████████  2 sessions',
      'reading      2h  ████████████████████            1 session',
      'review      15m  ██▌                             1 session',
      'Total    5h 15m                                  4 sessions',
      '',
    ]);
  });

  test('by day, days show their weekday, and days without time are dimmed dashes', async () => {
    const lines = (await stint('report', '--week', '--by', 'day')).stdout.split('\n');
    expect(lines[1]).toMatch(/^2026-01-12 Mon {2}\s*2h {2}█{30} {2}1 session$/);
    expect(lines[7]).toBe('2026-01-18 Sun      -');
    expect(lines[8]).toMatch(/^Total {11}5h 7m {34}4 sessions$/);
  });

  test('a period without time says so', async () => {
    expect((await stint('report', '--day', '2026-01-01')).stdout).toBe('Nothing tracked on 2026-01-01.\n');
    expect((await stint('report', '--from', '2026-01-01', '--to', '2026-01-03')).stdout).toBe(
      'Nothing tracked from 2026-01-01 to 2026-01-03.\n',
    );
  });

  test.each([
    [['--csv', '--json'], /Choose one of --csv or --json/],
    [['--round', '10s'], /Invalid duration: '10s' is out of range 60 s–24 h/],
    [['--round', '1,5h'], /Invalid duration: '1,5h' has a decimal comma/],
    [['--round', '15m garbage'], /Invalid duration: '15m garbage' has text left over: 'garbage'/],
    [['--round', '25h'], /Invalid duration/],
    [['--round', 'soon'], /Invalid duration/],
    [['--by', 'week'], /argument 'week' is invalid. Allowed choices are task, tag, day/],
    [['--week', '--month'], /Choose one of --day, --week, --month/],
  ])('refuses %j with exit 2, leaving the store untouched', async (args, message) => {
    const h = harness({ now: NOW, data: history });
    const before = h.store.text;
    const result = await h.run('report', ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect([h.store.text, h.store.writes]).toEqual([before, 0]);
  });
});

describe('list --csv', () => {
  test('the JSON view’s fields as columns, a note with a comma and a quote escaped', async () => {
    const { code, stdout } = await stint('list', '--csv', '--task', 'review');
    expect(code).toBe(0);
    expect(stdout).toBe(
      'session_id,task_name,started_at,stopped_at,duration_seconds,status,planned_seconds,paused_seconds,tags,note\n' +
        '4,review,2026-01-15T09:00:00+01:00,2026-01-15T09:07:00+01:00,420,completed,,0,,"said ""hi"", then left"\n',
    );
  });

  test('with --limit, and every session otherwise; tags joined with ;', async () => {
    const all = (await stint('list', '--csv')).stdout.trimEnd().split('\n');
    expect(all).toHaveLength(5);
    expect(all[4]).toMatch(/^3,coding,.*,running,,0,work;stint,$/);
    const last = (await stint('list', '--csv', '--limit', '1')).stdout.trimEnd().split('\n');
    expect(last).toEqual([all[0], all[4]]);
  });

  test('--csv with --json is exit 2', async () => {
    const result = await stint('list', '--csv', '--json');
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(JSON.parse(result.stderr)).toEqual({ error: 'Invalid usage', message: 'Choose one of --csv or --json' });
  });
});

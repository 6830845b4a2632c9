import { describe, expect, test } from 'vitest';
import { localSession, makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';
import {
  badgesView,
  jobHistoryView,
  reportView,
  sessionsView,
  statsView,
  statusView,
  strictQuery,
  type Query,
} from '../../src/server/stint-data.js';
import type { Store } from '../../src/store/store.js';

const NOW = '2026-01-15T16:30:00Z';

/** A fortnight of finished sessions, one paused focus session and one running timer. */
function world() {
  const sessions = [];
  for (let d = 1; d <= 14; d += 1) {
    const day = `2026-01-${String(d).padStart(2, '0')}`;
    sessions.push(localSession(day, '09:00', 50 + d, { task: d % 2 ? 'coding' : 'writing', tags: d % 3 ? ['work'] : [] }));
    if (d % 4 === 0) sessions.push(localSession(day, '14:00', 25, { task: 'email', as: 'abandoned' }));
  }
  const ids = sessions.length;
  sessions.push(
    makeSession({ id: ids + 1, task: 'review', started_at: '2026-01-15T14:00:00Z', stopped_at: null, status: 'running' }),
    makeSession({
      id: ids + 2,
      task: 'focus',
      planned_seconds: 1500,
      started_at: '2026-01-15T15:00:00Z',
      stopped_at: null,
      status: 'paused',
      pauses: [{ started_at: '2026-01-15T15:10:00Z', ended_at: null }],
    }),
  );
  return harness({ now: NOW, data: makeData(sessions) });
}

const q = (text: string): Query => strictQuery(new URLSearchParams(text), ['from', 'to', 'period', 'task', 'tag', 'status', 'limit', 'by']);

/** Each view is what the CLI prints with --json for the same store and clock: one rule, two doors. */
const SAME_AS_CLI: [string, (store: Store, now: Date) => Promise<unknown>, string[]][] = [
  ['status', statusView, ['status', '--json']],
  ['stats', statsView, ['stats', '--json']],
  ['badges', badgesView, ['badges', '--json']],
  ['sessions', (s, n) => sessionsView(s, n, {}), ['list', '--json']],
  [
    'sessions by task, tag, status, limit',
    (s, n) => sessionsView(s, n, q('task=coding&tag=work&status=completed&limit=3')),
    ['list', '--task', 'coding', '--tag', 'work', '--status', 'completed', '--limit', '3', '--json'],
  ],
  [
    'sessions from/to',
    (s, n) => sessionsView(s, n, q('from=2026-01-03&to=2026-01-05')),
    ['list', '--from', '2026-01-03', '--to', '2026-01-05', '--json'],
  ],
  ['sessions this week', (s, n) => sessionsView(s, n, q('period=week')), ['list', '--week', '--json']],
  ['report today', (s, n) => reportView(s, n, {}), ['report', '--json']],
  ['report of the month by day', (s, n) => reportView(s, n, q('period=month&by=day')), ['report', '--month', '--by', 'day', '--json']],
  [
    'report from/to by tag',
    (s, n) => reportView(s, n, q('from=2026-01-02&to=2026-01-09&by=tag')),
    ['report', '--from', '2026-01-02', '--to', '2026-01-09', '--by', 'tag', '--json'],
  ],
];

describe("stint's own API as data", () => {
  test.each(SAME_AS_CLI)('%s is what the CLI prints with --json', async (_name, view, argv) => {
    const h = world();
    const cli = await h.run(...argv);
    expect(cli.code).toBe(0);
    expect(await view(h.store, new Date(NOW))).toEqual(JSON.parse(cli.stdout));
  });

  test('a job history is `jobs history --json`', async () => {
    const h = world();
    expect(
      (await h.run('jobs', 'add', 'weekly', '--type', 'summary', '--cron', '@daily', '--config', 'target=/home/tester/week.md')).code,
    ).toBe(0);
    await h.run('jobs', 'run', '1'); // succeeded or failed, the run is recorded
    const cli = await h.run('jobs', 'history', '1', '--json');
    expect(JSON.parse(cli.stdout).executions).toHaveLength(1);
    expect(await jobHistoryView(h.store, 1, {})).toEqual(JSON.parse(cli.stdout));
    await expect(jobHistoryView(h.store, 9, {})).rejects.toMatchObject({ code: 'not_found' });
  });

  test.each([
    ['an unknown parameter', 'colour=red'],
    ['a parameter twice', 'task=a&task=b'],
  ])('a query with %s is refused', (_name, text) => {
    expect(() => strictQuery(new URLSearchParams(text), ['task'])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  test.each([
    ['status=done', 'status must be one of'],
    ['limit=0', 'limit must be'],
    ['limit=1e3', 'limit must be'],
    ['limit=10001', 'limit must be'],
    ['period=year', 'period must be one of'],
    ['period=week&from=2026-01-01', 'period or from/to'],
    ['from=', 'from must not be empty'],
    ['from=2026-01-10&to=2026-01-02', 'must not be after'],
    ['from=someday', ''],
  ])('sessions?%s is refused as invalid input', async (text, message) => {
    const h = world();
    await expect(sessionsView(h.store, new Date(NOW), q(text))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(message),
    });
  });

  test('report?by=week is refused', async () => {
    await expect(reportView(world().store, new Date(NOW), q('by=week'))).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

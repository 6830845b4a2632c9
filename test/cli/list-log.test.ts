import { describe, expect, test } from 'vitest';
import type { Deps } from '../../src/cli/deps.js';
import { pagerCommand } from '../../src/cli/pager.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

// Paris (vitest.config.ts): UTC+1 in winter. Now is Thursday 15 Jan 2026, 14:30 local.
const NOW = '2026-01-15T13:30:00Z';
const history = makeData([
  makeSession({ id: 1, task: 'coding', tags: ['work', 'api'], started_at: '2026-01-05T08:00:00Z', stopped_at: '2026-01-05T09:00:00Z' }),
  makeSession({ id: 2, task: 'coding', tags: ['work', 'api'], started_at: '2026-01-13T08:00:00Z', stopped_at: '2026-01-13T09:15:00Z' }),
  makeSession({
    id: 3,
    task: '写作',
    tags: ['ブログ'],
    note: 'draft of part two',
    started_at: '2026-01-13T22:10:00Z',
    stopped_at: '2026-01-14T00:20:00Z',
  }),
  makeSession({
    id: 4,
    task: 'email',
    started_at: '2026-01-14T09:00:00Z',
    stopped_at: '2026-01-14T09:20:30Z',
    status: 'abandoned',
    planned_seconds: 1500,
  }),
  makeSession({ id: 5, task: 'reading', started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running' }),
  makeSession({
    id: 6,
    task: 'coding',
    tags: ['work'],
    note: 'pair with Ana',
    started_at: '2026-01-15T12:30:00Z',
    stopped_at: null,
    status: 'paused',
    pauses: [{ started_at: '2026-01-15T13:00:00Z', ended_at: null }],
  }),
]);

const onTerminal = (extra: { env?: Record<string, string>; rows?: number; page?: Deps['page'] } = {}) =>
  harness({
    now: NOW,
    data: history,
    isTTY: true,
    env: { NO_COLOR: '1', ...extra.env },
    terminal: { isTTY: true, rows: extra.rows ?? 100, columns: 120, write: () => undefined, onKey: () => () => undefined },
    ...(extra.page ? { page: extra.page } : {}),
  });

describe('list as a log (on a terminal)', () => {
  test('days under headings with totals, a night past midnight marked, live spans, the last week by default', async () => {
    const { code, stdout, stderr } = await onTerminal().run('list');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n')).toEqual([
      'Tue 13 Jan               3h 25m',
      '  #2  09:00 – 10:15      1h 15m  coding   work, api',
      '  #3  23:10 – 01:20 +1d  2h 10m  写作     ブログ     ✎',
      '',
      'Yesterday, Wed 14 Jan       20m',
      '  #4  10:00 – 10:20         20m  email               abandoned focus 25m',
      '',
      'Today, Thu 15 Jan            2h',
      '  #5  13:00 – now        1h 30m  reading             running',
      '  #6  13:30 – now           30m  coding   work       paused ✎',
      '',
      'Total, 5 sessions        5h 45m',
      'The last 7 days; earlier ones: stint list --to 2026-01-08, or any filter (--month, --from d, --task t …).',
      '',
    ]);
  });

  test('--notes prints each note in full under its session; a filter lifts the default week', async () => {
    const { stdout } = await onTerminal().run('list', '--notes', '--task', 'coding');
    expect(stdout.split('\n')).toEqual([
      'Mon 5 Jan                1h',
      '  #1  09:00 – 10:00      1h  coding  work, api',
      '',
      'Tue 13 Jan           1h 15m',
      '  #2  09:00 – 10:15  1h 15m  coding  work, api',
      '',
      'Today, Thu 15 Jan       30m',
      '  #6  13:30 – now       30m  coding  work       paused ✎',
      '      pair with Ana',
      '',
      'Total, 3 sessions    2h 45m',
      '',
    ]);
  });

  test('a session still running since an earlier day has the midnight marker too', async () => {
    const h = onTerminal();
    expect((await h.run('start', 'night', '--at', '2026-01-14T22:00:00Z')).code).toBe(0);
    const { stdout } = await h.run('list', '--task', 'night');
    expect(stdout.split('\n').slice(0, 2)).toEqual(['Yesterday, Wed 14 Jan  15h 30m', '  #7  23:00 – now +1d  15h 30m  night  running']);
  });

  test('--notes indents every line of a note of several lines', async () => {
    const h = onTerminal();
    const added = await h.run(
      'add',
      'memo',
      '--from',
      '2026-01-15T09:00:00Z',
      '--to',
      '2026-01-15T09:30:00Z',
      '--note',
      'first\nsecond\nthird',
    );
    expect(added.code).toBe(0);
    const { stdout } = await h.run('list', '--notes', '--task', 'memo');
    expect(stdout.split('\n').slice(1, 5)).toEqual(['  #7  10:00 – 10:30  30m  memo  ✎', '      first', '      second', '      third']);
  });

  test('with no tag among the rows, no empty tags column', async () => {
    const { stdout } = await onTerminal().run('list', '--task', 'email');
    expect(stdout.split('\n')[1]).toBe('  #4  10:00 – 10:20  20m  email  abandoned focus 25m');
  });

  test('an empty week says so and how to look further back', async () => {
    const ended = makeData(history.sessions.filter((s) => s.stopped_at !== null));
    const h = harness({ now: '2026-03-01T12:00:00Z', data: ended, isTTY: true, env: { NO_COLOR: '1' } });
    expect((await h.run('list')).stdout).toBe(
      'No sessions in the last 7 days.\nThe last 7 days; earlier ones: stint list --to 2026-02-22, or any filter (--month, --from d, --task t …).\n',
    );
  });

  test('piped, --json and --csv keep their content: every session, the table', async () => {
    const piped = await harness({ now: NOW, data: history }).run('list');
    expect(piped.stdout.split('\n')[0]).toBe('ID  Task     Started           Stopped           Duration  Status');
    expect(piped.stdout.split('\n')).toHaveLength(8);
    const json = JSON.parse((await onTerminal().run('list', '--json')).stdout);
    expect(json.total).toBe(6);
    expect((await onTerminal().run('list', '--csv')).stdout.split('\n')).toHaveLength(8);
  });
});

describe('the pager', () => {
  const recorder = (starts = true) => {
    const calls: { command: string; text: string }[] = [];
    const page: Deps['page'] = (command, text) => {
      calls.push({ command, text });
      return starts;
    };
    return { calls, page };
  };

  test.each([
    [{}, 'less -FRX'],
    [{ PAGER: 'more' }, 'more'],
    [{ PAGER: 'more', STINT_PAGER: 'most -s' }, 'most -s'],
    [{ PAGER: 'more', STINT_PAGER: '' }, null],
    [{ PAGER: '' }, null],
    [{ PAGER: 'cat' }, null],
    [{ STINT_PAGER: ' cat ' }, null],
  ])('pagerCommand(%o) = %s', (env, command) => expect(pagerCommand(env)).toBe(command));

  test('output taller than the screen goes through the pager, and nothing is printed besides', async () => {
    const { calls, page } = recorder();
    const direct = await onTerminal().run('list');
    const { code, stdout } = await onTerminal({ rows: 5, page, env: { PAGER: 'fake-pager --x' } }).run('list');
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
    expect(calls).toEqual([{ command: 'fake-pager --x', text: direct.stdout }]);
  });

  test.each([
    ['it fits the screen', { rows: 100 }, []],
    ['--no-pager', { rows: 5, argv: ['--no-pager'] }, []],
    ['PAGER=cat', { rows: 5, env: { PAGER: 'cat' } }, []],
    ['--json', { rows: 5, argv: ['--json'] }, []],
  ])('no pager when %s', async (_why, { rows, env, argv }: { rows: number; env?: Record<string, string>; argv?: string[] }, expected) => {
    const { calls, page } = recorder();
    const { stdout } = await onTerminal({ rows, page, ...(env ? { env: { NO_COLOR: '1', ...env } } : {}) }).run('list', ...(argv ?? []));
    expect(calls).toEqual(expected);
    expect(stdout).not.toBe('');
  });

  test('piped output is never paged', async () => {
    const { calls, page } = recorder();
    const h = harness({
      now: NOW,
      data: history,
      page,
      terminal: { isTTY: false, rows: 2, columns: 80, write: () => undefined, onKey: () => () => undefined },
    });
    expect((await h.run('list')).stdout).toContain('ID  Task');
    expect(calls).toEqual([]);
  });

  test('a pager that cannot start leaves the output printed', async () => {
    const { calls, page } = recorder(false);
    const direct = await onTerminal().run('list');
    const { code, stdout } = await onTerminal({ rows: 5, page }).run('list');
    expect(calls).toHaveLength(1);
    expect({ code, stdout }).toEqual({ code: 0, stdout: direct.stdout });
  });
});

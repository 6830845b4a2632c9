import { describe, expect, test, vi } from 'vitest';
import type { Deps } from '../../src/cli/deps.js';
import { run } from '../../src/cli/main.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { ALL } from '../../src/store/store.js';
import { harness } from '../helpers/in-process.js';
import { memoryFiles } from '../helpers/memory-files.js';

const history = makeData([
  makeSession({ id: 1, task: 'coding', started_at: '2026-01-15T08:00:00Z', stopped_at: '2026-01-15T09:15:00Z' }),
  makeSession({ id: 2, task: 'reading', started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running' }),
  makeSession({
    id: 3,
    task: 'coding',
    started_at: '2026-01-15T12:30:00Z',
    stopped_at: null,
    status: 'paused',
    pauses: [{ started_at: '2026-01-15T13:00:00Z', ended_at: null }],
  }),
]);
const NOW = '2026-01-15T13:30:00Z';

describe('list', () => {
  // Issue 15: a column never mixes spans and clocks, so active sessions get live spans too.
  test('a table, oldest first, with live durations for active sessions', async () => {
    const { code, stdout } = await harness({ now: NOW, data: history }).run('list');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'ID  Task     Started           Stopped  Duration  Status',
      ' 1  coding   2026-01-15 09:00  10:15      1h 15m  completed',
      ' 2  reading  2026-01-15 13:00  -          1h 30m  running',
      ' 3  coding   2026-01-15 13:30  -             30m  paused',
      '',
    ]);
  });

  test.each([
    [['--status', 'running'], [2], 1],
    [['--status', 'completed'], [1], 1],
    [['--task', 'coding'], [1, 3], 2],
    [['--task', 'coding', '--limit', '1'], [3], 2],
    [[], [1, 2, 3], 3],
  ])('--json %j', async (args, ids, total) => {
    const { stdout } = await harness({ now: NOW, data: history }).run('ls', ...args, '--json');
    const out = JSON.parse(stdout);
    expect(out.sessions.map((s: { session_id: number }) => s.session_id)).toEqual(ids);
    expect(out.total).toBe(total);
  });

  test('durations in --json are live', async () => {
    const { stdout } = await harness({ now: NOW, data: history }).run('list', '--status', 'running', '--json');
    expect(JSON.parse(stdout).sessions[0].duration_seconds).toBe(5400);
  });

  test.each([
    [['--status', 'done'], /argument 'done' is invalid. Allowed choices are running, paused, completed, partial, abandoned/],
    [['--limit', '0'], /Invalid limit: '0' is not a positive whole number/],
    [['--limit', 'x'], /Invalid limit/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    // Filters no session could match: said, not answered with an empty list.
    [['--task', 'ab'], /Invalid task name: Task name must be between 3 and 20 characters/],
    [['--task', 'deep work'], /Invalid task name/],
    [['--tag', ''], /Invalid tag/],
    [['--tag', 'x'.repeat(100_000)], /Invalid tag/],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await harness({ data: history }).run('list', ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('a tag pasted by mistake is named cut, on one short line', async () => {
    const result = await harness({ data: history }).run('list', '--tag', 'x'.repeat(100_000));
    expect(result.stderr).toBe(`stint: Invalid tag: '${'x'.repeat(40)}…' is not a tag (1–30 letters, digits, '-' or '_')\n`);
  });

  test('says so when there is nothing to list', async () => {
    expect((await harness().run('list')).stdout).toBe('No sessions yet. Start one with: stint start <task>\n');
    expect((await harness({ data: history }).run('list', '--task', 'nothing')).stdout).toBe('No sessions match.\n');
  });
});

describe('show', () => {
  test('one session with its pauses', async () => {
    const { stdout } = await harness({ now: NOW, data: history }).run('show', '3');
    expect(stdout).toContain('#3 coding');
    expect(stdout).toContain('Paused   30m');
    expect(stdout).toMatch(/Started {2}13:30\n[\s\S]*Pauses\n {2}14:00 → now {2}30m\n$/);
  });

  test('--json is the session view plus uid and pauses', async () => {
    const out = JSON.parse((await harness({ now: NOW, data: history }).run('show', '3', '--json')).stdout);
    expect(out).toMatchObject({ session_id: 3, status: 'paused', duration_seconds: 1800, paused_seconds: 1800 });
    expect(out.pauses).toEqual([{ started_at: '2026-01-15T14:00:00+01:00', ended_at: null, duration_seconds: 1800 }]);
  });

  test('unknown → exit 3', async () => {
    expect(await harness({ data: history }).run('show', '9', '--json')).toEqual({
      code: 3,
      stdout: '',
      stderr: '{"error":"Session not found","message":"No session with ID 9"}\n',
    });
  });
});

describe('rm', () => {
  test('deletes one with the spec JSON', async () => {
    const h = harness({ data: history });
    expect(JSON.parse((await h.run('rm', '1', '--json')).stdout)).toEqual({
      message: 'Session deleted successfully',
      session_id: 1,
      task_name: 'coding',
    });
    expect((await h.store.read(ALL)).sessions.map((s) => s.id)).toEqual([2, 3]);
  });

  test('deletes several, or none if one is unknown', async () => {
    const h = harness({ data: history });
    const before = h.store.text;
    expect((await h.run('rm', '1', '9')).code).toBe(3);
    expect(h.store.text).toBe(before);
    const out = JSON.parse((await h.run('rm', '1', '2', '--json')).stdout);
    expect(out).toEqual({
      message: 'Sessions deleted successfully',
      sessions: [
        { session_id: 1, task_name: 'coding' },
        { session_id: 2, task_name: 'reading' },
      ],
      total: 2,
    });
  });

  test('IDs are never reused after rm', async () => {
    const h = harness({ data: history });
    await h.run('rm', '3');
    expect(JSON.parse((await h.run('start', 'writing', '--json')).stdout).session_id).toBe(4);
  });
});

describe('status', () => {
  test('idle: a hint, and --short prints nothing', async () => {
    const h = harness();
    expect((await h.run('status')).stdout).toBe('Nothing running. Start a timer with: stint start <task>\n');
    expect(await h.run('status', '--short')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('active sessions with live clocks', async () => {
    const h = harness({ now: NOW, data: history });
    // A paused session says since when (issue 15), not just `paused`.
    expect((await h.run('status')).stdout).toBe('▶ #2 reading  1:30:00  since 13:00\n⏸ #3 coding   0:30:00  paused since 14:00\n');
    expect((await h.run('status', '--short')).stdout).toBe('coding 0:30:00 (paused) +1\n');
    const out = JSON.parse((await h.run('status', '--json')).stdout);
    expect(out.total).toBe(2);
    expect(out.sessions.map((s: { duration_seconds: number }) => s.duration_seconds)).toEqual([5400, 1800]);
    expect(out.warnings).toEqual([]);
  });

  test('aligned by display width (CJK, emoji), a start on another day named', async () => {
    const data = makeData([
      makeSession({ id: 7, task: '写作', tags: ['ブログ'], started_at: '2026-01-14T16:29:00Z', stopped_at: null, status: 'running' }),
      makeSession({ id: 12, task: 'café ☕', started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running' }),
      makeSession({ id: 13, task: 'x', started_at: '2026-01-10T12:00:00Z', stopped_at: null, status: 'running' }),
    ]);
    const { stdout } = await harness({ now: NOW, data }).run('status');
    expect(stdout.split('\n')).toEqual([
      '▶ #13 x        121:30:00  since Sat 10 Jan 13:00',
      '▶ #7  写作      21:01:00  since yesterday 17:29',
      '▶ #12 café ☕    1:30:00  since 13:00',
      '',
    ]);
  });

  test('`stint` alone shows the status', async () => {
    expect((await harness({ now: NOW, data: history }).run()).stdout).toContain('#2 reading');
  });

  test('warns about a timer running more than 12 hours', async () => {
    const h = harness({ now: '2026-01-16T01:00:00Z', data: history });
    const { stdout, stderr } = await h.run('status');
    expect(stdout).toContain('#2 reading');
    expect(stderr).toBe('stint: warning: Session 2 (reading) has been running for 13h; was it forgotten? Stop it with: stint stop 2\n');
    const out = JSON.parse((await h.run('status', '--json')).stdout);
    expect(out.warnings).toEqual([{ session_id: 2, message: expect.stringContaining('13h') }]);
  });
});

describe('list warns about forgotten timers in every format', () => {
  test.each([[['list']], [['list', '--csv']], [['list', '--csv', '--limit', '5']]])('%j', async (argv) => {
    const { stderr } = await harness({ now: '2026-01-16T01:00:00Z', data: history }).run(...argv);
    expect(stderr).toBe('stint: warning: Session 2 (reading) has been running for 13h; was it forgotten? Stop it with: stint stop 2\n');
  });
});

describe('the program', () => {
  test('a mistyped command suggests the right one on one line', async () => {
    expect(await harness().run('lsit')).toEqual({
      code: 2,
      stdout: '',
      stderr: "stint: Invalid usage: unknown command 'lsit' (Did you mean list?)\n",
    });
  });

  test('--version and --help succeed on stdout', async () => {
    const h = harness();
    expect(await h.run('--version')).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const help = await h.run('start', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:\n  stint start coding');
  });

  test('colour only on a TTY and never with NO_COLOR or in JSON', async () => {
    const ansi = /\u001b\[/;
    expect((await harness({ data: history, isTTY: true }).run('list')).stdout).toMatch(ansi);
    expect((await harness({ data: history, isTTY: false }).run('list')).stdout).not.toMatch(ansi);
    expect((await harness({ data: history, isTTY: true, env: { NO_COLOR: '1' } }).run('list')).stdout).not.toMatch(ansi);
    expect((await harness({ data: history, isTTY: true }).run('list', '--json')).stdout).not.toMatch(ansi);
  });

  test('an unexpected failure is exit 1 and reported as a bug', async () => {
    const store = createMemoryStore();
    store.scan = () => Promise.reject(new TypeError('boom'));
    const out: string[] = [];
    const deps: Deps = {
      store,
      now: () => new Date(NOW),
      stdout: () => undefined,
      stderr: (t) => void out.push(t),
      isTTY: false,
      env: {},
      newUid: () => 'u',
      files: memoryFiles(),
      home: '/home/tester',
      accountHome: () => '/home/tester',
      dataDir: '/home/tester/.stint',
      onStop: () => () => undefined,
      page: () => false,
      terminal: { isTTY: false, rows: 24, columns: 80, write: () => undefined, onKey: () => () => undefined },
      exec: async () => ({ code: 0, stdout: '', stderr: '' }),
      hostName: () => 'testhost',
    };
    expect(await run(['list'], deps)).toBe(1);
    expect(out.join('')).toBe(
      'stint: Internal error: boom (this is a bug in stint; please report it at https://github.com/stint-cli/stint/issues)\n',
    );
  });
});

describe('list periods', () => {
  const spread = makeData([
    makeSession({ id: 1, started_at: '2026-01-01T10:00:00Z', stopped_at: '2026-01-01T11:00:00Z' }),
    makeSession({ id: 2, started_at: '2026-01-12T22:30:00Z', stopped_at: '2026-01-13T00:30:00Z' }), // crosses local midnight (Paris)
    makeSession({ id: 3, started_at: '2026-01-15T08:00:00Z', stopped_at: '2026-01-15T09:00:00Z' }),
    makeSession({ id: 4, started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running' }),
    makeSession({ id: 5, started_at: '2025-12-20T10:00:00Z', stopped_at: '2025-12-20T11:00:00Z' }),
  ]);
  const ids = async (...args: string[]) =>
    (
      JSON.parse((await harness({ now: NOW, data: spread }).run('list', ...args, '--json')).stdout).sessions as { session_id: number }[]
    ).map((s) => s.session_id);

  test.each([
    [['--day'], [3, 4]],
    [['--day', '2026-01-13'], [2]],
    [['--week'], [2, 3, 4]],
    [['--month'], [1, 2, 3, 4]],
    [
      ['--from', '2026-01-13'],
      [2, 3, 4],
    ],
    [
      ['--to', '2026-01-01'],
      [5, 1],
    ],
    [['--from', '2026-01-13', '--to', '2026-01-13', '--status', 'completed'], [2]],
    // The same time words as --at, naming the day they fall on.
    [['--day', '2 days ago'], [2]],
    [
      ['--from', '3 days ago'],
      [2, 3, 4],
    ],
    [
      ['--to', 'yesterday'],
      [5, 1, 2],
    ],
    [['--day', 'tomorrow'], []],
  ])('%j', async (args, expected) => {
    expect(await ids(...args)).toEqual(expected);
  });

  test.each([
    [['--week', '--month'], /Choose one of/],
    [['--from', 'soon'], /Invalid date: 'soon'/],
    [['--day', '2026-02-29'], /^stint: Invalid date: '2026-02-29' is not a date: February 2026 has 28 days\n$/],
    [['--to', 'friday next'], /has text left over: 'next'/],
    [['--from', '2026-01-14', '--to', '2026-01-13'], /must not be after/],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await harness({ now: NOW, data: spread }).run('list', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('long tables', () => {
  test('rows past one block keep the same columns and one header', async () => {
    const many = makeData(
      Array.from({ length: 130 }, (_, i) =>
        makeSession({
          id: i + 1,
          task: i === 120 ? 'a-much-longer-task' : 'code',
          started_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString().replace('.000Z', 'Z'),
          stopped_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000 + 60_000).toISOString().replace('.000Z', 'Z'),
        }),
      ),
    );
    const lines = (await harness({ now: NOW, data: many }).run('list')).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(131);
    expect(lines.filter((line) => line.includes('Started'))).toHaveLength(1);
    // The date column starts at the same place on every line, set by the widest ID and task.
    const column = lines[0]?.indexOf('Started');
    expect(column).toBe('ID  '.length + 1 + 'a-much-longer-task  '.length);
    for (const line of lines.slice(1)) expect(line.indexOf('2026-')).toBe(column);
  });
});

describe('movingClock', () => {
  test('starts at the given now and moves with real time, in whole seconds', async () => {
    const { movingClock } = await import('../../src/cli/deps.js');
    // Real time is the fake timers' clock: the test need not wait the second out.
    vi.useFakeTimers({ now: Date.parse('2026-11-30T08:00:00.500Z') });
    try {
      const clock = movingClock(() => new Date('2026-01-15T13:30:00Z'));
      expect(clock().toISOString()).toBe('2026-01-15T13:30:00.000Z');
      vi.advanceTimersByTime(1100);
      expect(clock().toISOString()).toBe('2026-01-15T13:30:01.000Z');
    } finally {
      vi.useRealTimers();
    }
  });
});

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SCREEN } from '../../src/render/watch-text.js';
import type { TrackerData } from '../../src/core/session.js';
import { fakeTerminal, type FakeTerminal } from '../helpers/fake-terminal.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness, type Harness } from '../helpers/in-process.js';
import { history } from '../helpers/seed.js';

const NOW = '2026-01-15T13:29:58Z'; // 14:29:58 in Paris
const data = makeData([
  makeSession({ id: 1, task: 'reading', started_at: '2026-01-15T08:00:00Z', stopped_at: '2026-01-15T09:00:00Z' }),
  // A 25-minute focus session 2 seconds short of its plan.
  makeSession({ id: 2, task: 'writing', started_at: '2026-01-15T13:05:00Z', stopped_at: null, status: 'running', planned_seconds: 1500 }),
]);

interface Watching {
  h: Harness;
  term: FakeTerminal;
  running: ReturnType<Harness['run']>;
}

/** A watch running in a fake terminal, plain (no colour) so its screens can be compared. */
function startWatch(argv: string[], options: { data?: TrackerData; rows?: number; columns?: number } = {}): Watching {
  const term = fakeTerminal({ rows: options.rows ?? 20, columns: options.columns ?? 100 });
  const h = harness({ now: NOW, data: options.data ?? data, isTTY: true, env: { NO_COLOR: '1' }, terminal: term });
  return { h, term, running: h.run(...argv) };
}

/** Waits for `count` frames; fails at once if the watch ends first. */
async function frames(w: Watching, count: number): Promise<string[][]> {
  const ended = w.running.then((result) => {
    throw new Error(`the watch ended: ${JSON.stringify(result)}`);
  });
  await Promise.race([w.term.frames(count), ended]);
  return w.term.screens();
}

/** Lets the loop sleep until its next second, then waits for the frame it draws. */
async function nextFrame(w: Watching): Promise<string[]> {
  const drawn = w.term.screens().length;
  await vi.advanceTimersToNextTimerAsync();
  return (await frames(w, drawn + 1))[drawn] as string[];
}

const bells = (term: FakeTerminal) => term.output.split(SCREEN.bell).length - 1;

beforeEach(() => {
  // Only the loop's timers and the clock: the system time moves only when the test says so.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2030-06-01T00:00:00.400Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('--watch outside a terminal', () => {
  test.each([['status'], ['list'], ['ls', '--day']])('%s --watch is exit 2 and draws nothing', async (...args) => {
    const term = { ...fakeTerminal(), isTTY: false };
    const h = harness({ now: NOW, data, terminal: term });
    const read = vi.spyOn(h.store, 'read');
    const scan = vi.spyOn(h.store, 'scan');
    const command = args[0] === 'status' ? 'status' : 'list';
    expect(await h.run(...args, '--watch')).toEqual({
      code: 2,
      stdout: '',
      stderr: `stint: Not a terminal: --watch needs a terminal; use stint ${command} without --watch in scripts\n`,
    });
    expect(term.output).toBe('');
    expect(read).not.toHaveBeenCalled();
    expect(scan).not.toHaveBeenCalled();
  });

  test.each([
    [['status', '--watch', '--json'], '--json'],
    [['status', '--watch', '--short'], '--short'],
    [['list', '--watch', '--json'], '--json'],
    [['list', '--watch', '--csv'], '--csv'],
  ])('%j is invalid usage, even in a terminal', async (argv, flag) => {
    const term = fakeTerminal();
    const result = await harness({ now: NOW, data, terminal: term }).run(...argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--watch cannot be combined with ${flag}`);
    expect(term.output).toBe('');
  });
});

describe('status --watch', () => {
  test('redraws in place each second with the clock moving, rings once at the plan, and q restores the terminal', async () => {
    const w = startWatch(['status', '--watch']);
    const [first] = await frames(w, 1);
    expect(w.term.output.startsWith(SCREEN.enter)).toBe(true);
    expect(w.term.raw).toBe(true);
    expect(first).toEqual([
      'stint status  14:29:58  q or Ctrl-C to quit',
      '',
      '▶ #2 writing  0:24:58  since 14:05  focus 25m: 2s left',
      '   [███████████████████░] 24:58 / 25:00',
    ]);
    expect(bells(w.term)).toBe(0);

    expect((await nextFrame(w)).slice(0, 3)).toEqual([
      'stint status  14:29:59  q or Ctrl-C to quit',
      '',
      '▶ #2 writing  0:24:59  since 14:05  focus 25m: 1s left',
    ]);
    expect(bells(w.term)).toBe(0);

    // The plan is reached: the bell, once, with the frame that first sees it.
    expect((await nextFrame(w))[3]).toBe('   [████████████████████] 25:00 / 25:00');
    expect(bells(w.term)).toBe(1);
    expect((await nextFrame(w))[3]).toBe('   [████████████████████] 25:01 / 25:00  +00:01 over');
    await nextFrame(w);
    expect(bells(w.term)).toBe(1);

    w.term.press('q');
    expect(await w.running).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(w.term.raw).toBe(false);
    expect(w.term.output.endsWith(SCREEN.leave)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  test.each([
    ['Ctrl-C', '\u0003'],
    ['Q', 'Q'],
    ['Ctrl-D', '\u0004'],
  ])('%s ends it too, with exit 0', async (_name, key) => {
    const w = startWatch(['status', '--watch']);
    await frames(w, 1);
    w.term.press('x'); // other keys do nothing
    await nextFrame(w);
    w.term.press(key);
    expect((await w.running).code).toBe(0);
    expect(w.term.raw).toBe(false);
    expect(w.term.output.endsWith(SCREEN.leave)).toBe(true);
  });

  test('sees sessions started elsewhere: the store is read again for every frame', async () => {
    const w = startWatch(['status', '--watch']);
    await frames(w, 1);
    await w.h.store.update({ kind: 'active' }, (d) => {
      d.sessions.push(makeSession({ id: 3, task: 'review', started_at: '2026-01-15T13:29:00Z', stopped_at: null, status: 'running' }));
      d.next_id = 4;
    });
    expect(await nextFrame(w)).toContain('▶ #3 review   0:00:59  since 14:29');
    w.term.press('q');
    expect((await w.running).code).toBe(0);
  });

  test('an error in the middle of the loop still restores the terminal', async () => {
    const w = startWatch(['status', '--watch']);
    await frames(w, 1);
    w.h.store.read = () => Promise.reject(new Error('disk gone'));
    await vi.advanceTimersToNextTimerAsync();
    const result = await w.running;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('disk gone');
    expect(w.term.raw).toBe(false);
    expect(w.term.output.endsWith(SCREEN.leave)).toBe(true);
  });
});

describe('a narrow terminal', () => {
  test('status --watch cuts each line to the width instead of wrapping it', async () => {
    const w = startWatch(['status', '--watch'], { columns: 24 });
    const [screen] = await frames(w, 1);
    expect(screen).toEqual(['stint status  14:29:58 …', '', '▶ #2 writing  0:24:58  …', '   [███████████████████…']);
    w.term.press('q');
    expect((await w.running).code).toBe(0);
  });
});

describe('list --watch', () => {
  // Issue 15: the live view shows list's log (times one way), every duration a ticking clock.
  test('the same log as list, with its filters, live clocks and focus bars', async () => {
    const w = startWatch(['list', '--watch', '--status', 'running']);
    const [first] = await frames(w, 1);
    expect(first).toEqual([
      'stint list  14:29:58  q or Ctrl-C to quit',
      '',
      'Today, Thu 15 Jan  0:24:58',
      '  #2  14:05 – now  0:24:58  writing  running focus 25m',
      '',
      'Total, 1 session   0:24:58',
      '',
      '#2 writing  [███████████████████░] 24:58 / 25:00',
    ]);
    expect((await nextFrame(w))[3]).toBe('  #2  14:05 – now  0:24:59  writing  running focus 25m');
    await nextFrame(w);
    expect(bells(w.term)).toBe(1);
    w.term.press('q');
    expect((await w.running).code).toBe(0);
    expect(w.term.raw).toBe(false);
  });

  test('a log taller than the screen keeps the newest rows and its total', async () => {
    const w = startWatch(['list', '--watch'], { data: makeData(history(30, '2026-01-13T00:00:00Z')), rows: 8 });
    const [screen] = await frames(w, 1);
    expect(screen).toHaveLength(8);
    expect(screen?.slice(0, 3)).toEqual(['stint list  14:29:58  q or Ctrl-C to quit', '', '… 30 more above']);
    expect(screen?.[5]).toMatch(/^ {2}#30 /);
    expect(screen?.[7]).toMatch(/^Total, 30 sessions +15:00:00$/);
    w.term.press('q');
    expect((await w.running).code).toBe(0);
  });
});

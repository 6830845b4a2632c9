import { describe, expect, test } from 'vitest';
import { ALL } from '../../src/store/store.js';
import { harness } from '../helpers/in-process.js';

const json = (out: { stdout: string }) => JSON.parse(out.stdout);

describe('pause and resume', () => {
  test('pause, resume, then stop: paused time excluded and shown', async () => {
    const h = harness({ now: '2026-01-15T09:00:00Z' });
    await h.run('start', 'coding');
    h.setNow('2026-01-15T09:30:00Z');
    expect((await h.run('pause')).stdout).toBe('Paused coding (#1) at 10:30.\n');
    h.setNow('2026-01-15T09:45:00Z');
    expect(json(await h.run('resume', '1', '--json'))).toMatchObject({ status: 'running', paused_seconds: 900 });
    h.setNow('2026-01-15T10:00:00Z');
    expect(json(await h.run('stop', '--json'))).toMatchObject({ status: 'completed', duration_seconds: 3600 - 900, paused_seconds: 900 });
    const shown = json(await h.run('show', '1', '--json'));
    expect(shown.pauses).toEqual([
      { started_at: '2026-01-15T10:30:00+01:00', ended_at: '2026-01-15T10:45:00+01:00', duration_seconds: 900 },
    ]);
  });

  test.each([
    [['pause', 'pause'], 4, 'stint: No running session: There is no running session to pause\n'],
    [['pause', 'pause 1'], 4, 'stint: Session already paused: Session 1 is already paused\n'],
    [['resume'], 4, 'stint: Session not paused: Session 1 is not paused\n'],
    [['stop', 'resume 1'], 4, 'stint: Session already stopped: Session 1 was already stopped\n'],
    [['pause 9'], 3, 'stint: Session not found: No session with ID 9\n'],
  ])('%j → exit %i, store unchanged', async (steps, code, stderr) => {
    const h = harness();
    await h.run('start', 'coding');
    const last = steps.pop() as string;
    for (const step of steps) await h.run(...step.split(' '));
    const before = h.store.text;
    const argv = last === 'resume' ? ['resume', '1'] : last.split(' ');
    expect(await h.run(...argv)).toEqual({ code, stdout: '', stderr });
    expect(h.store.text).toBe(before);
  });
});

describe('outcomes', () => {
  test.each([
    [['stop', '--as', 'partial'], 'partial'],
    [['stop', '--as', 'abandoned'], 'abandoned'],
    [['abandon'], 'abandoned'],
    [['stop'], 'completed'],
  ])('%j ends as %s', async (argv, status) => {
    const h = harness();
    await h.run('start', 'coding');
    expect(json(await h.run(...argv, '--json')).status).toBe(status);
  });

  test('an unknown outcome is exit 2', async () => {
    const h = harness();
    await h.run('start', 'coding');
    const result = await h.run('stop', '--as', 'done');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/argument 'done' is invalid\. Allowed choices are completed, partial, abandoned/);
  });
});

describe('focus sessions', () => {
  test('--for plans it; status shows the time left, then the overtime; it never ends by itself', async () => {
    const h = harness({ now: '2026-01-15T09:00:00Z' });
    expect((await h.run('start', 'deep-work', '--for', '25m')).stdout).toBe('Started deep-work (#1) at 10:00, focus for 25m.\n');
    h.setNow('2026-01-15T09:10:00Z');
    expect((await h.run('status')).stdout).toBe('▶ #1 deep-work  0:10:00  since 10:00  focus 25m: 15m left\n');
    expect((await h.run('status', '--short')).stdout).toBe('deep-work 0:10:00 (15m left)\n');
    h.setNow('2026-01-15T09:30:00Z');
    expect((await h.run('status')).stdout).toContain('focus 25m: 5m over');
    expect(json(await h.run('status', '--json')).focus).toEqual({
      session_id: 1,
      planned_seconds: 1500,
      remaining_seconds: 0,
      overtime_seconds: 300,
    });
    expect((await h.store.read(ALL)).sessions[0]?.status).toBe('running');
  });

  test('a second focus session while the first is paused is exit 4 naming it; plain timers still start', async () => {
    const h = harness();
    await h.run('start', 'deep-work', '--for', '45m');
    await h.run('pause');
    const before = h.store.text;
    expect(await h.run('start', 'other', '--for', '25m')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'stint: Focus session active: Focus session 1 (deep-work) is paused; stop or abandon it first\n',
    });
    expect(h.store.text).toBe(before);
    expect((await h.run('start', 'email')).code).toBe(0);
  });

  test.each([['10s'], ['25h'], ['25'], ['later']])('--for %s is exit 2', async (value) => {
    const result = await harness().run('start', 'deep-work', '--for', value);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid duration/);
  });
});

describe('--at', () => {
  test('start and stop back-dated', async () => {
    const h = harness({ now: '2026-01-15T13:30:00Z' });
    expect(json(await h.run('start', 'coding', '--at', '09:00', '--json')).started_at).toBe('2026-01-15T09:00:00+01:00');
    expect(json(await h.run('stop', '--at', '15m ago', '--json'))).toMatchObject({
      stopped_at: '2026-01-15T14:15:00+01:00',
      duration_seconds: 5 * 3600 + 15 * 60,
    });
  });

  test('an end "yesterday 17:00" before a start today is exit 2, store unchanged', async () => {
    const h = harness({ now: '2026-01-15T13:30:00Z' });
    await h.run('start', 'coding', '--at', '09:00');
    const before = h.store.text;
    const result = await h.run('stop', '--at', 'yesterday 17:00');
    expect(result.code).toBe(2);
    // In local time with its offset, as the user typed it and as --json writes times (was UTC: 08:00:00Z).
    expect(result.stderr).toMatch(/^stint: Invalid time: Session 1 cannot stop before 2026-01-15T09:00:00\+01:00\n$/);
    expect(h.store.text).toBe(before);
  });

  test('a time in the future is exit 2', async () => {
    const result = await harness({ now: '2026-01-15T13:30:00Z' }).run('start', 'coding', '--at', '18:00');
    expect(result).toEqual({ code: 2, stdout: '', stderr: "stint: Invalid time: '18:00' is in the future\n" });
  });
});

describe('--switch, tags and notes', () => {
  test('--switch stops every running session at the new start; paused ones stay', async () => {
    const h = harness({ now: '2026-01-15T09:00:00Z' });
    await h.run('start', 'coding');
    await h.run('start', 'email');
    await h.run('start', 'reading');
    await h.run('pause', '3');
    h.setNow('2026-01-15T10:00:00Z');
    const out = await h.run('start', 'review', '--switch', '--at', '10:30');
    expect(out.stdout).toBe(
      'Stopped coding (#1) after 30m, completed.\nStopped email (#2) after 30m, completed.\nStarted review (#4) at 10:30.\n',
    );
    const sessions = (await h.store.read(ALL)).sessions;
    expect(sessions.map((s) => [s.id, s.status, s.stopped_at])).toEqual([
      [1, 'completed', '2026-01-15T09:30:00Z'],
      [2, 'completed', '2026-01-15T09:30:00Z'],
      [3, 'paused', null],
      [4, 'running', null],
    ]);
  });

  test('tags and a note are stored, shown and filterable', async () => {
    const h = harness();
    await h.run('start', 'coding', '--tag', 'work', '--tag', 'stint', '--note', 'the "store", again');
    await h.run('start', 'reading', '--tag', 'home');
    expect(json(await h.run('show', '1', '--json'))).toMatchObject({ tags: ['work', 'stint'], note: 'the "store", again' });
    expect((await h.run('show', '1')).stdout).toMatch(/Tags {5}work, stint\nNote {5}the "store", again\n/);
    expect(json(await h.run('list', '--tag', 'work', '--json')).sessions.map((s: { session_id: number }) => s.session_id)).toEqual([1]);
    expect((await h.run('start', 'x-task', '--tag', 'two words')).code).toBe(2);
  });
});

describe('updated_at', () => {
  test('is when the record changed, even for a back-dated start, stop or pause', async () => {
    const h = harness({ now: '2026-01-15T13:30:00Z' });
    await h.run('start', 'coding', '--at', '09:00');
    const stamp = async () => (await h.store.read(ALL)).sessions[0]?.updated_at;
    expect(await stamp()).toBe('2026-01-15T13:30:00Z');
    h.setNow('2026-01-15T13:40:00Z');
    await h.run('pause', '--at', '10:00');
    expect(await stamp()).toBe('2026-01-15T13:40:00Z');
    h.setNow('2026-01-15T13:50:00Z');
    await h.run('stop', '--at', '11:00');
    expect(await stamp()).toBe('2026-01-15T13:50:00Z');
  });
});

import { describe, expect, test } from 'vitest';
import { clockFromEnv } from '../../src/cli/deps.js';
import { ALL } from '../../src/store/store.js';
import { harness } from '../helpers/in-process.js';

describe('start', () => {
  test('prints the session and stores it with the next ID', async () => {
    const h = harness({ now: '2026-01-15T13:30:00Z' });
    const human = await h.run('start', 'coding');
    expect(human).toEqual({ code: 0, stdout: 'Started coding (#1) at 14:30.\n', stderr: '' });
    const json = await h.run('start', 'reading', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      session_id: 2,
      task_name: 'reading',
      status: 'running',
      started_at: '2026-01-15T14:30:00+01:00',
    });
    expect((await h.store.read(ALL)).sessions.map((s) => s.task)).toEqual(['coding', 'reading']);
  });

  test.each([
    ['ab', 'Task name must be between 3 and 20 characters'],
    ['x'.repeat(21), 'Task name must be between 3 and 20 characters'],
    ['deep work', "Task name may contain only letters, digits, '-' and '_'"],
    ['coding!', "Task name may contain only letters, digits, '-' and '_'"],
  ])('refuses %j with exit 2 and writes nothing', async (name, message) => {
    const h = harness();
    await h.run('start', 'coding');
    const before = h.store.text;
    const writes = h.store.writes;
    expect(await h.run('start', name)).toEqual({ code: 2, stdout: '', stderr: `stint: Invalid task name: ${message}\n` });
    const json = await h.run('start', name, '--json');
    expect(json.code).toBe(2);
    expect(json.stdout).toBe('');
    expect(JSON.parse(json.stderr)).toEqual({ error: 'Invalid task name', message });
    expect(h.store.text).toBe(before);
    expect(h.store.writes).toBe(writes);
  });

  test('a missing task name is a usage error', async () => {
    const result = await harness().run('start');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("stint: Invalid usage: missing required argument 'task'\n");
  });
});

test.each([
  ['start', 'coding', '--note'],
  ['add', 'coding', '--from', '9:00', '--to', '10:00', '--note'],
])('%s with a note holding a terminal escape or a carriage return: exit 2, nothing stored', async (...argv) => {
  const h = harness();
  await h.run('start', 'reading');
  const before = h.store.text;
  for (const note of ['\u001b[2Jcleared', 'shown\rhidden']) {
    const out = await h.run(...argv, note);
    expect([out.code, out.stdout]).toEqual([2, '']);
    expect(out.stderr).toMatch(
      /^stint: Invalid note: A note may not hold control characters other than line breaks and tabs \(found U\+00(1B|0D)\)\n$/,
    );
  }
  expect(h.store.text).toBe(before);
});

describe('stop', () => {
  test('stops the one running session with its duration', async () => {
    const h = harness({ now: '2026-01-15T13:30:00Z' });
    await h.run('start', 'coding');
    h.setNow('2026-01-15T14:45:00Z');
    // Then SPEC's stats line: today against the goal (4h by default), the streak, new badges.
    expect((await h.run('stop')).stdout).toBe(
      'Stopped coding (#1) after 1h 15m, completed.\nToday 1h 15m of 4h (31%) · streak 1 day · new badge: First step\n',
    );
    const [session] = (await h.store.read(ALL)).sessions;
    expect(session).toMatchObject({ status: 'completed', stopped_at: '2026-01-15T14:45:00Z' });
  });

  test('--json prints just the session', async () => {
    const h = harness({ now: '2026-01-15T13:30:00Z' });
    await h.run('start', 'coding');
    h.setNow('2026-01-15T14:45:00Z');
    const out = JSON.parse((await h.run('stop', '1', '--json')).stdout);
    expect(out).toMatchObject({ session_id: 1, status: 'completed', duration_seconds: 4500, stopped_at: '2026-01-15T15:45:00+01:00' });
  });

  test('stopping twice is exit 4 with the exact error, store unchanged', async () => {
    const h = harness();
    await h.run('start', 'coding');
    await h.run('stop', '1');
    const before = h.store.text;
    expect(await h.run('stop', '1')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'stint: Session already stopped: Session 1 was already stopped\n',
    });
    expect(JSON.parse((await h.run('stop', '1', '--json')).stderr)).toEqual({
      error: 'Session already stopped',
      message: 'Session 1 was already stopped',
    });
    expect(h.store.text).toBe(before);
  });

  test('an unknown ID is exit 3; a malformed one exit 2', async () => {
    const h = harness();
    expect(await h.run('stop', '7')).toEqual({ code: 3, stdout: '', stderr: 'stint: Session not found: No session with ID 7\n' });
    const bad = await h.run('stop', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("stint: Invalid session ID: 'abc' is not a session ID (a positive whole number)\n");
  });

  test('without an ID: none running → 4, several → 4 naming them', async () => {
    const h = harness();
    expect((await h.run('stop')).code).toBe(4);
    await h.run('start', 'coding');
    await h.run('start', 'reading');
    const several = await h.run('stop');
    expect(several.code).toBe(4);
    expect(several.stderr).toBe('stint: Several sessions running: Sessions 1 (coding), 2 (reading) are running; give an ID or use --all\n');
  });

  test('--all stops every active session; --json gives the list shape', async () => {
    const h = harness();
    await h.run('start', 'coding');
    await h.run('start', 'reading');
    const out = JSON.parse((await h.run('stop', '--all', '--json')).stdout);
    expect(out.total).toBe(2);
    expect(out.sessions.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed']);
    expect((await h.run('stop', '1', '--all')).code).toBe(2);
  });

  // SPEC: `--all` with nothing to stop has nothing left to do, so it succeeds (it was exit 4).
  test('--all with nothing to stop: exit 0, a one-line notice, and no write (nothing for undo)', async () => {
    const h = harness();
    await h.run('start', 'coding');
    await h.run('stop');
    const { text, writes } = h.store;
    expect(await h.run('stop', '--all')).toEqual({ code: 0, stdout: 'Nothing to stop: no session is running or paused.\n', stderr: '' });
    expect(await h.run('stop', '--all', '--json')).toEqual({ code: 0, stdout: '{"sessions":[],"total":0}\n', stderr: '' });
    expect(h.store.text).toBe(text);
    expect(h.store.writes).toBe(writes);
    expect((await h.run('undo')).stdout).toMatch(/^Undid stop #1 coding/);
  });
});

describe('the clock', () => {
  test('STINT_NOW fixes now to whole seconds; a bad value is exit 2', async () => {
    expect(clockFromEnv({ STINT_NOW: '2026-01-15T14:30:00.750+01:00' })().toISOString()).toBe('2026-01-15T13:30:00.000Z');
    expect(clockFromEnv({}, () => new Date('2026-03-01T00:00:00.999Z'))().toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(() => clockFromEnv({ STINT_NOW: 'soon' })()).toThrow(
      expect.objectContaining({ code: 'invalid_input', title: 'Invalid STINT_NOW' }),
    );
    // The same strict ISO reader as typed times: nothing left over, every field checked.
    expect(clockFromEnv({ STINT_NOW: '2026-01-15T10:00' })().toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(() => clockFromEnv({ STINT_NOW: '2026-01-15T10:00:00Zjunk' })()).toThrow(
      expect.objectContaining({ title: 'Invalid STINT_NOW', message: "'2026-01-15T10:00:00Zjunk' has text left over: 'junk'" }),
    );
    expect(() => clockFromEnv({ STINT_NOW: '2026-02-30T10:00:00Z' })()).toThrow(/February 2026 has 28 days/);
  });
});

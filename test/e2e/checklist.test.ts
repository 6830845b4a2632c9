import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { snapshotDir, stint, tempHome } from '../helpers/spawn.js';

// The checklist, in order, through the built bin as a shell would run it.
describe('the core checklist, end to end', () => {
  let home: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ home, cleanup } = tempHome());
  });
  afterAll(() => cleanup());
  const at =
    (now: string) =>
    (...args: string[]) =>
      stint(args, { home, now });
  const store = () => snapshotDir(home);

  test('start two sessions', async () => {
    const first = await at('2026-01-15T13:30:00Z')('start', 'coding', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      session_id: 1,
      task_name: 'coding',
      started_at: '2026-01-15T14:30:00+01:00',
      status: 'running',
    });
    const second = await at('2026-01-15T13:45:00Z')('start', 'review');
    expect(second).toMatchObject({ code: 0, stdout: 'Started review (#2) at 14:45.\n', stderr: '' });
  });

  test('stop the first: the duration is right', async () => {
    const result = await at('2026-01-15T14:45:00Z')('stop', '1', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      session_id: 1,
      status: 'completed',
      duration_seconds: 4500,
      stopped_at: '2026-01-15T15:45:00+01:00',
    });
  });

  test('stop it again: exit 4 and the exact error', async () => {
    const before = store();
    expect(await at('2026-01-15T14:46:00Z')('stop', '1')).toMatchObject({
      code: 4,
      stdout: '',
      stderr: 'stint: Session already stopped: Session 1 was already stopped\n',
    });
    expect(store()).toEqual(before);
  });

  test('list all, --status running (live), --status completed', async () => {
    const now = at('2026-01-15T15:45:00Z');
    const all = JSON.parse((await now('list', '--json')).stdout);
    expect(all.total).toBe(2);
    const running = JSON.parse((await now('list', '--status', 'running', '--json')).stdout);
    expect(running.sessions).toEqual([expect.objectContaining({ session_id: 2, status: 'running', duration_seconds: 7200 })]);
    const later = JSON.parse((await at('2026-01-15T16:45:00Z')('ls', '--status', 'running', '--json')).stdout);
    expect(later.sessions[0].duration_seconds).toBe(10_800);
    const completed = JSON.parse((await now('list', '--status', 'completed', '--json')).stdout);
    expect(completed.sessions.map((s: { session_id: number }) => s.session_id)).toEqual([1]);
    const table = await now('list');
    expect(table.stdout).toMatch(/^ID\s+Task\s+Started\s+Stopped\s+Duration\s+Status$/m);
    // Live, as a span like the completed rows (issue 15: a column never mixes spans and clocks).
    expect(table.stdout).toMatch(/^ 2\s+review\s+2026-01-15 14:45\s+-\s+2h\s+running$/m);
  });

  test('show one', async () => {
    const result = await at('2026-01-15T15:45:00Z')('show', '1', '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({ session_id: 1, task_name: 'coding', duration_seconds: 4500, pauses: [] });
  });

  test('rm one', async () => {
    const result = await at('2026-01-15T15:45:00Z')('rm', '1', '--json');
    expect(JSON.parse(result.stdout)).toEqual({ message: 'Session deleted successfully', session_id: 1, task_name: 'coding' });
    expect((await at('2026-01-15T15:45:00Z')('show', '1')).code).toBe(3);
  });

  test.each([
    ['too short', 'ab', 'Task name must be between 3 and 20 characters'],
    ['too long', 'a-very-long-task-name-x', 'Task name must be between 3 and 20 characters'],
    ['spaces', 'deep work', "Task name may contain only letters, digits, '-' and '_'"],
    ['punctuation', 'fix:bug', "Task name may contain only letters, digits, '-' and '_'"],
  ])('invalid name (%s) → exit 2, store byte-identical', async (_why, name, message) => {
    const before = store();
    const human = await at('2026-01-15T15:50:00Z')('start', name);
    expect(human).toMatchObject({ code: 2, stdout: '', stderr: `stint: Invalid task name: ${message}\n` });
    const json = await at('2026-01-15T15:50:00Z')('start', name, '--json');
    expect(json).toMatchObject({ code: 2, stdout: '' });
    expect(JSON.parse(json.stderr)).toEqual({ error: 'Invalid task name', message });
    expect(store()).toEqual(before);
  });

  test('nothing was written outside STINT_HOME', () => {
    expect(existsSync(join(home, 'no-home-writes-here'))).toBe(false);
  });
});

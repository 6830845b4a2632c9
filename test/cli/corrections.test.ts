import { describe, expect, test } from 'vitest';
import { ALL } from '../../src/store/store.js';
import { harness } from '../helpers/in-process.js';

const json = (out: { stdout: string }) => JSON.parse(out.stdout);
const NOW = '2026-01-15T13:30:00Z'; // 14:30 in Paris

describe('add', () => {
  test('records a finished session with tags and a note', async () => {
    const h = harness({ now: NOW });
    const out = await h.run(
      'add',
      'meeting',
      '--from',
      'yesterday 14:00',
      '--to',
      'yesterday 15:30',
      '--tag',
      'work',
      '--note',
      'planning',
    );
    expect(out.stdout).toBe('Added meeting (#1), yesterday 14:00–15:30, 1h 30m.\n');
    expect((await h.store.read(ALL)).sessions[0]).toMatchObject({
      status: 'completed',
      tags: ['work'],
      note: 'planning',
      updated_at: '2026-01-15T13:30:00Z',
    });
  });

  test.each([
    [['--from', '13:00', '--to', '12:00'], /must be after the start/],
    [['--from', '14:00', '--to', '14:00'], /must be after the start/],
    [['--from', '14:00', '--to', '16:00'], /in the future/],
    [['--from', '14:00'], /required option '--to <time>' not specified/],
    [['--from', 'yesterday 25:00', '--to', '12:00'], /^stint: Invalid time: 'yesterday 25:00' is not a time: there is no hour 25\n$/],
    [['--from', '9:00', '--to', '10:00 junk'], /^stint: Invalid time: '10:00 junk' has text left over: 'junk'\n$/],
    [['--from', '9.30', '--to', '10:00'], /^stint: Invalid time: '9.30' is not a time: write 9:30, with a colon\n$/],
    [['--from', 'yesterday 17', '--to', '12:00'], /^stint: Invalid time: 'yesterday 17' is not a time: write 17:00 or 5pm\n$/],
    [
      ['--from', '20260114 10:00', '--to', '12:00'],
      /^stint: Invalid time: '20260114 10:00' is not a time stint reads: before a time of day, write the date as 2026-01-14 \('2026-01-14 10:00'\)\n$/,
    ],
  ])('refuses %j with exit 2', async (args, why) => {
    const h = harness({ now: NOW });
    const result = await h.run('add', 'meeting', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(why);
    expect(h.store.text).toBeNull();
  });
});

describe('edit', () => {
  test('changes task, start, stop, note and tags', async () => {
    const h = harness({ now: NOW });
    await h.run('add', 'meeting', '--from', '09:00', '--to', '10:00', '--tag', 'old');
    const out = json(
      await h.run(
        'edit',
        '1',
        '--task',
        'review',
        '--start',
        '08:45',
        '--stop',
        '10:15',
        '--note',
        'moved',
        '--tag',
        'a',
        '--tag',
        'b',
        '--json',
      ),
    );
    expect(out).toMatchObject({
      task_name: 'review',
      started_at: '2026-01-15T08:45:00+01:00',
      stopped_at: '2026-01-15T10:15:00+01:00',
      duration_seconds: 5400,
      note: 'moved',
      tags: ['a', 'b'],
    });
    expect(json(await h.run('edit', '1', '--note', '', '--json')).note).toBeNull();
    // --tag "" is no tag: removing them all has its own flag.
    expect(json(await h.run('edit', '1', '--clear-tags', '--json')).tags).toEqual([]);
  });

  test.each([
    [
      ['--stop', '08:00'],
      2,
      /^stint: Invalid time: Session 1: stop 2026-01-15T08:00:00\+01:00 is before start 2026-01-15T09:00:00\+01:00\n$/,
    ],
    [
      ['--start', '11:00'],
      2,
      /^stint: Invalid time: Session 1: stop 2026-01-15T10:00:00\+01:00 is before start 2026-01-15T11:00:00\+01:00\n$/,
    ],
    [['--start', '15:00'], 2, /in the future/],
    [['--start', '2026-01-15T08:00:00Zjunk'], 2, /has text left over: 'junk'/],
    [['--stop', '10:60'], 2, /there is no minute 60/],
    [['--task', 'x'], 2, /Invalid task name/],
    [[], 2, /Nothing to change/],
    [['--tag', 'a', '--clear-tags'], 2, /^stint: Invalid usage: Choose one of --tag or --clear-tags\n$/],
  ])('refuses %j (exit %i), store unchanged', async (args, code, why) => {
    const h = harness({ now: NOW });
    await h.run('add', 'meeting', '--from', '09:00', '--to', '10:00');
    const before = h.store.text;
    const result = await h.run('edit', '1', ...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(why);
    expect(h.store.text).toBe(before);
  });

  test('a pause must stay inside the session; a running session ends with stop, not edit', async () => {
    const h = harness({ now: '2026-01-15T09:00:00Z' });
    await h.run('start', 'coding');
    h.setNow('2026-01-15T09:30:00Z');
    await h.run('pause');
    h.setNow('2026-01-15T09:40:00Z');
    await h.run('resume');
    expect((await h.run('edit', '1', '--start', '10:35')).stderr).toMatch(
      /Session 1: pause 1 at 2026-01-15T10:30:00\+01:00 is outside the session/,
    );
    expect((await h.run('edit', '1', '--stop', '10:38')).stderr).toMatch(/is running; end it with stop 1 --at …\n$/);
    expect((await h.run('edit', '9', '--task', 'other')).code).toBe(3);
  });
});

describe('continue', () => {
  test('starts the last stopped session again, with its tags and note', async () => {
    const h = harness({ now: NOW });
    await h.run('add', 'writing', '--from', '08:00', '--to', '09:00', '--tag', 'book', '--note', 'chapter 3');
    await h.run('add', 'email', '--from', '07:00', '--to', '07:30');
    expect(json(await h.run('continue', '--json'))).toMatchObject({
      session_id: 3,
      task_name: 'writing',
      tags: ['book'],
      note: 'chapter 3',
      status: 'running',
    });
    expect(json(await h.run('continue', '2', '--json'))).toMatchObject({ session_id: 4, task_name: 'email' });
  });

  test('a running or paused session is not continued: exit 4 naming it, nothing stored', async () => {
    const h = harness({ now: NOW });
    await h.run('start', 'coding', '--at', '13:00');
    await h.run('start', 'reading', '--at', '13:10');
    await h.run('pause', '2');
    const { text } = h.store;
    expect(await h.run('continue', '1')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'stint: Session already running: Session 1 (coding) is running; there is nothing to continue\n',
    });
    expect(await h.run('continue', '2')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'stint: Session already paused: Session 2 (reading) is paused; there is nothing to continue\n',
    });
    expect((await h.run('continue', '9')).code).toBe(3);
    expect(h.store.text).toBe(text);
  });

  test('continuing the last stopped session twice does not run its task twice', async () => {
    const h = harness({ now: NOW });
    await h.run('add', 'writing', '--from', '08:00', '--to', '09:00', '--tag', 'book');
    expect((await h.run('continue')).code).toBe(0);
    const { text } = h.store;
    expect(await h.run('continue')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'stint: Session already running: writing is already running as session 2; there is nothing to continue\n',
    });
    expect(h.store.text).toBe(text);
    // The same task with other tags is another piece of work: allowed.
    await h.run('add', 'writing', '--from', '09:00', '--to', '09:30');
    expect(json(await h.run('continue', '--json'))).toMatchObject({ session_id: 4, task_name: 'writing', tags: [] });
  });

  test('continuing a stopped session by its ID while its task runs again is refused too, as without the ID', async () => {
    const h = harness({ now: NOW });
    await h.run('add', 'writing', '--from', '08:00', '--to', '09:00', '--tag', 'book');
    expect((await h.run('continue')).code).toBe(0);
    const { text } = h.store;
    expect(await h.run('continue', '1')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'stint: Session already running: writing is already running as session 2; there is nothing to continue\n',
    });
    expect(h.store.text).toBe(text);
  });

  test('nothing stopped yet → exit 3', async () => {
    const result = await harness().run('continue');
    expect(result).toEqual({ code: 3, stdout: '', stderr: 'stint: Session not found: There is no stopped session to continue\n' });
  });
});

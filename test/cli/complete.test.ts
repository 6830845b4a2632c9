import { describe, expect, test } from 'vitest';
import type { Session, Status } from '../../src/core/session.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

const NOW = '2026-01-15T13:30:00Z';
const minutes = (n: number) => new Date(Date.parse('2026-01-15T08:00:00Z') + n * 60_000).toISOString().replace('.000Z', 'Z');

/** A session started `n` minutes after 08:00 (so a higher n is more recent). */
const session = (id: number, n: number, status: Status, task = 'coding'): Session =>
  makeSession({
    id,
    task,
    status,
    started_at: minutes(n),
    stopped_at: status === 'running' || status === 'paused' ? null : minutes(n + 5),
  });

// Deliberately not in start order: 5 started before 4.
const data = makeData([
  session(1, 0, 'completed', 'coding'),
  session(2, 10, 'running', 'reading'),
  session(3, 20, 'paused', 'writing'),
  session(4, 40, 'running', 'coding'),
  session(5, 30, 'abandoned', 'review'),
]);

const lines = (stdout: string) => stdout.split('\n').filter((line) => line !== '');

describe('stint __complete ids <command>', () => {
  test.each([
    ['stop', ['4', '3', '2']],
    ['abandon', ['4', '3', '2']],
    ['pause', ['4', '2']],
    ['resume', ['3']],
    ['show', ['4', '5', '3', '2', '1']],
    ['edit', ['4', '5', '3', '2', '1']],
    ['rm', ['4', '5', '3', '2', '1']],
    // Only stopped sessions: continue refuses running and paused ones (exit 4), and 1 too, since
    // its task and tags (coding, none) run again as 4.
    ['continue', ['5']],
  ])('%s: the sessions it can act on, newest first', async (command, ids) => {
    const h = harness({ now: NOW, data });
    const { code, stdout, stderr } = await h.run('__complete', 'ids', command);
    expect({ code, ids: lines(stdout), stderr }).toEqual({ code: 0, ids, stderr: '' });
    expect(h.store.writes).toBe(0);
  });

  test('continue offers exactly the IDs continue takes', async () => {
    const history = makeData([
      session(1, 0, 'completed', 'coding'),
      session(2, 10, 'partial', 'reading'),
      session(3, 20, 'paused', 'writing'),
      session(4, 40, 'running', 'review'),
      session(5, 30, 'abandoned', 'writing'),
      { ...session(6, 50, 'completed', 'review'), tags: ['x'] }, // review runs again, but untagged
    ]);
    const h = harness({ now: NOW, data: history });
    for (const what of ['ids', 'described-ids']) {
      const { stdout } = await h.run('__complete', what, 'continue');
      expect(lines(stdout)).toEqual(
        what === 'ids' ? ['6', '2', '1'] : ['6\treview (completed)', '2\treading (partial)', '1\tcoding (completed)'],
      );
    }
    const accepted: string[] = [];
    for (const id of ['1', '2', '3', '4', '5', '6']) {
      const probe = harness({ now: NOW, data: history });
      if ((await probe.run('continue', id)).code === 0) accepted.push(id);
    }
    expect(accepted).toEqual(['1', '2', '6']);
  });

  test('nothing to stop: no output, exit 0', async () => {
    const { code, stdout } = await harness({ now: NOW, data: makeData([session(1, 0, 'completed')]) }).run('__complete', 'ids', 'stop');
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
  });

  test('show offers the 50 most recent sessions only', async () => {
    const many = makeData(Array.from({ length: 60 }, (_, i) => session(i + 1, i * 6, 'completed')));
    const { stdout } = await harness({ now: '2026-01-16T12:00:00Z', data: many }).run('__complete', 'ids', 'show');
    const ids = lines(stdout).map(Number);
    expect(ids).toHaveLength(50);
    expect(ids.slice(0, 2)).toEqual([60, 59]);
    expect(ids.at(-1)).toBe(11);
  });
});

describe('stint __complete ids with the words on the line', () => {
  test.each([
    [
      ['ids', 'rm', 'stint', 'rm', '4', '1'],
      ['5', '3', '2'],
    ],
    [
      ['ids', 'stop', '4'],
      ['3', '2'],
    ],
    [
      ['described-ids', 'rm', '5'],
      ['4\tcoding (running)', '3\twriting (paused)', '2\treading (running)', '1\tcoding (completed)'],
    ],
    [['described-ids', 'resume'], ['3\twriting (paused)']],
  ])('%j → %j: an ID already typed is not offered again', async (args, expected) => {
    const { code, stdout } = await harness({ now: NOW, data }).run('__complete', ...args);
    expect({ code, values: lines(stdout) }).toEqual({ code: 0, values: expected });
  });
});

describe('stint __complete tags', () => {
  test('distinct tags, the most recently used first', async () => {
    const tagged = makeData([
      makeSession({ id: 1, tags: ['old', 'shared'], started_at: minutes(0), stopped_at: minutes(5) }),
      makeSession({ id: 2, tags: ['new', 'shared'], started_at: minutes(30), stopped_at: minutes(35) }),
      makeSession({ id: 3, tags: [], started_at: minutes(60), stopped_at: minutes(65) }),
    ]);
    const { code, stdout } = await harness({ now: NOW, data: tagged }).run('__complete', 'tags');
    expect({ code, tags: lines(stdout) }).toEqual({ code: 0, tags: ['new', 'shared', 'old'] });
  });
});

describe('stint __complete tasks', () => {
  test('distinct task names, the most recently used first', async () => {
    const { code, stdout } = await harness({ now: NOW, data }).run('__complete', 'tasks');
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['coding', 'review', 'writing', 'reading']);
  });

  test('an empty store offers nothing', async () => {
    const { code, stdout, stderr } = await harness({ now: NOW }).run('__complete', 'tasks');
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('stint __complete jobs', () => {
  test('the job IDs', async () => {
    const h = harness({ now: NOW });
    for (const name of ['nightly', 'weekly']) {
      expect((await h.run('jobs', 'add', name, '--type', 'backup', '--cron', '@daily', '--config', 'target=/tmp/backups')).code).toBe(0);
    }
    const { code, stdout } = await h.run('__complete', 'jobs');
    expect({ code, ids: lines(stdout) }).toEqual({ code: 0, ids: ['1', '2'] });
  });
});

describe('errors never reach the line being typed', () => {
  test.each([['ids', 'stop'], ['ids', 'show'], ['tasks'], ['jobs']])(
    'a store that cannot be read: __complete %s %s prints nothing, exit 0',
    async (...args) => {
      const h = harness({ now: NOW, data });
      const broken = async () => {
        throw new Error('stint.json: unexpected end of JSON');
      };
      Object.assign(h.store, { read: broken, scan: broken, readJobs: broken });
      const { code, stdout, stderr } = await h.run('__complete', ...args);
      expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    },
  );

  test('an unknown request prints nothing, exit 0', async () => {
    const { code, stdout, stderr } = await harness({ now: NOW, data }).run('__complete', 'colours');
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('stint completion <shell>', () => {
  test.each([
    ['bash', '# bash completion for stint'],
    ['zsh', '#compdef stint'],
    ['fish', '# fish completion for stint'],
  ])('%s: prints the script, touching no store', async (shell, start) => {
    const h = harness({ now: NOW, data });
    const { code, stdout, stderr } = await h.run('completion', shell);
    expect({ code, start: stdout.split('\n')[0]?.startsWith(start), stderr }).toEqual({ code: 0, start: true, stderr: '' });
    expect(h.store.writes).toBe(0);
  });

  test('--json wraps the script', async () => {
    const { code, stdout } = await harness({ now: NOW }).run('completion', 'fish', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ shell: 'fish', script: expect.stringContaining('complete -c stint') });
  });

  test('an unknown shell is a usage error', async () => {
    const { code, stderr } = await harness({ now: NOW }).run('completion', 'powershell');
    expect(code).toBe(2);
    expect(stderr).toMatch(/powershell/);
  });
});

import { describe, expect, test } from 'vitest';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

// The clock and the history: #1 coding 13:00–14:00 UTC, #2 review 13:00–14:00 (another task).
const NOW = '2026-01-15T18:00:00Z';
const history = () => makeData([makeSession({ id: 1, uid: 'one' }), makeSession({ id: 2, uid: 'two', task: 'review' })]);
const setup = () => {
  const h = harness({ now: NOW, data: history(), env: { TZ: 'UTC' } });
  return h;
};
const WARNING = /^stint: warning: #3 coding overlaps #1 \(\d\d:00–\d\d:00\) by 30m; reports count that time twice\n$/;

describe('overlapping sessions of one task', () => {
  test('add warns on stderr naming the other session, and stores the session all the same', async () => {
    const h = setup();
    const { code, stdout, stderr } = await h.run('add', 'coding', '--from', '2026-01-15T13:30:00Z', '--to', '2026-01-15T14:30:00Z');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Added coding \(#3\)/);
    expect(stderr).toMatch(WARNING);
    expect(JSON.parse((await h.run('list', '--json')).stdout).total).toBe(3);
  });

  test('add --json carries the warnings in the printed session; stderr stays empty', async () => {
    const h = setup();
    const { stdout, stderr } = await h.run('add', 'coding', '--from', '2026-01-15T13:30:00Z', '--to', '2026-01-15T14:30:00Z', '--json');
    expect(stderr).toBe('');
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ session_id: 3, task_name: 'coding', duration_seconds: 3600 });
    expect(printed.warnings).toEqual([
      expect.objectContaining({ kind: 'overlap', session_id: 3, other_session_id: 1, task_name: 'coding', overlap_seconds: 1800 }),
    ]);
  });

  test.each([
    ['touching', '2026-01-15T14:00:00Z', '2026-01-15T15:00:00Z', 'coding'],
    ['another task', '2026-01-15T13:30:00Z', '2026-01-15T14:30:00Z', 'writing'],
  ])('no warning when %s', async (_name, from, to, task) => {
    const h = setup();
    const { stderr, stdout } = await h.run('add', task, '--from', from, '--to', to, '--json');
    expect(stderr).toBe('');
    expect(JSON.parse(stdout).warnings).toEqual([]);
  });

  test('edit that moves a session onto another of its task warns; JSON keeps the detail fields and adds warnings', async () => {
    const h = setup();
    await h.run('add', 'coding', '--from', '2026-01-15T15:00:00Z', '--to', '2026-01-15T16:00:00Z');
    const moved = await h.run('edit', '3', '--start', '2026-01-15T13:30:00Z');
    expect(moved.code).toBe(0);
    expect(moved.stderr).toMatch(/^stint: warning: #3 coding overlaps #1 \(.*\) by 30m; reports count that time twice\n$/);
    const json = JSON.parse((await h.run('edit', '3', '--note', 'x', '--json')).stdout);
    expect(json).toMatchObject({ session_id: 3, uid: 'uid-1', pauses: [] });
    expect(json.warnings).toHaveLength(1);
  });

  test('import warns for each overlap it makes; JSON lists them', async () => {
    const h = setup();
    h.files.set('x.data', 'inc 20260115T133000Z - 20260115T150000Z # coding\ninc 20260115T160000Z - 20260115T170000Z # coding\n');
    const { code, stderr } = await h.run('import', 'x.data', '--dry-run');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^stint: warning: #3 coding overlaps #1 \(.*\) by 30m; reports count that time twice\n$/);
    const summary = JSON.parse((await h.run('import', 'x.data', '--json')).stdout);
    expect(summary).toMatchObject({
      imported: 2,
      warnings: [{ kind: 'overlap', session_id: 3, other_session_id: 1, overlap_seconds: 1800 }],
    });
    expect(summary).not.toHaveProperty('overlaps');
  });

  test('report says in its footer when the period holds overlaps; --json lists them', async () => {
    const h = setup();
    expect((await h.run('report')).stdout).not.toMatch(/Overlapping/);
    await h.run('add', 'coding', '--from', '2026-01-15T13:30:00Z', '--to', '2026-01-15T14:30:00Z');
    const text = (await h.run('report')).stdout;
    expect(text.trimEnd().split('\n').at(-1)).toBe('Overlapping sessions of one task, counted twice: #1 & #3 coding (30m).');
    expect(JSON.parse((await h.run('report', '--json')).stdout).overlaps).toEqual([
      { task_name: 'coding', session_ids: [1, 3], overlap_seconds: 1800 },
    ]);
    // Outside the period, nothing to say.
    expect(JSON.parse((await h.run('report', '--json', '--from', '2026-01-10', '--to', '2026-01-14')).stdout).overlaps).toEqual([]);
  });

  test('time a session spent paused overlaps nothing: no warning, and the report lists only real overlaps', async () => {
    const h = harness({ now: NOW, env: { TZ: 'UTC' } });
    await h.run('start', 'coding', '--at', '10:00');
    await h.run('pause', '--at', '10:30');
    await h.run('resume', '--at', '11:30');
    await h.run('stop', '--at', '12:00');
    const inPause = await h.run('add', 'coding', '--from', '10:45', '--to', '11:15', '--json');
    expect(JSON.parse(inPause.stdout).warnings).toEqual([]);
    // Across the pause: it shares 10:15–10:30 and 11:30–11:45 with #1, and 10:45–11:15 with #2.
    const across = await h.run('add', 'coding', '--from', '10:15', '--to', '11:45');
    expect(across.stderr).toBe(
      'stint: warning: #3 coding overlaps #1 (10:00–12:00) by 30m; reports count that time twice\n' +
        'stint: warning: #3 coding overlaps #2 (10:45–11:15) by 30m; reports count that time twice\n',
    );
    const report = JSON.parse((await h.run('report', '--day', '--json')).stdout);
    expect(report.total_seconds).toBe(3600 + 1800 + 5400);
    expect(report.overlaps).toEqual([
      { task_name: 'coding', session_ids: [1, 3], overlap_seconds: 1800 },
      { task_name: 'coding', session_ids: [3, 2], overlap_seconds: 1800 },
    ]);
  });
});

import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chooseTask } from '../../src/core/import/timewarrior.js';
import { harness } from '../helpers/in-process.js';

// Made by timew 1.x itself (`timew track … writing blog`, `'client work' 'say "hi"'`, an
// annotation with quotes, `a#b`) in a temporary TIMEWARRIORDB: its month files, tags.data, undo.data.
const DATA = resolve('test/fixtures/timewarrior/data');
const NOW = '2026-03-01T00:00:00Z';

describe('the task of a Timewarrior interval', () => {
  test.each([
    [['blog', 'writing'], [], 'blog'],
    [['blog', 'writing'], ['writing'], 'writing'],
    [['blog', 'writing'], ['review', 'writing', 'blog'], 'writing'],
    [['blog', 'writing'], ['review'], 'blog'],
    [['client work', 'code'], [], 'code'],
    [['client work', 'say "hi"'], [], 'client work'],
    [['client work', 'code'], ['client work'], 'client work'],
    [[], ['writing'], 'untagged'],
  ])('tags %j, --task-tags %j → %s', (tags, taskTags, task) => {
    expect(chooseTask(tags, taskTags)).toBe(task);
  });
});

describe('import of a Timewarrior data folder', () => {
  test('the folder gives its month files; tags.data and undo.data are skipped, each with a notice; one change', async () => {
    const h = harness({ now: NOW, realFiles: true });
    const { code, stdout, stderr } = await h.run('import', DATA);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(
      [
        `Skipped ${DATA}/tags.data: not a Timewarrior month file (YYYY-MM.data).`,
        `Skipped ${DATA}/undo.data: not a Timewarrior month file (YYYY-MM.data).`,
        'Imported 6 sessions (timewarrior) as #1–#6; 0 duplicates skipped, 5 names converted.',
        '  task "client work" → client-work',
        '  tag "client work" → client-work',
        '  tag "say \\"hi\\"" → say-hi',
        '  task "a#b" → a-b',
        '  tag "a#b" → a-b',
        'Tasks from Timewarrior tags:',
        '  blog writing → blog (2 intervals)',
        '  "client work" "say \\"hi\\"" → client-work (1 interval)',
        '  code → code (1 interval)',
        '  code review → code (1 interval)',
        '  "a#b" → a-b (1 interval)',
        'Timewarrior keeps tags sorted: --task-tags a,b,… names the tags to take as the task first.',
        '',
      ].join('\n'),
    );
    expect(h.store.writes).toBe(1);
    const shown = JSON.parse((await h.run('show', '5', '--json')).stdout);
    expect(shown).toMatchObject({ task_name: 'code', tags: ['code', 'review'], note: 'fix "the" bug' });
    await h.run('undo');
    expect(JSON.parse((await h.run('list', '--json')).stdout).total).toBe(0);
  });

  test('files named one by one (the glob *.data) are the same import; --task-tags steers the task; JSON lists the skipped files', async () => {
    const h = harness({ now: NOW, realFiles: true });
    const files = ['2026-01.data', '2026-02.data', 'tags.data', 'undo.data'].map((name) => `${DATA}/${name}`);
    const { code, stdout } = await h.run('import', ...files, '--task-tags', 'writing,review', '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ imported: 6, skipped: [], first_id: 1, last_id: 6 });
    expect(summary.skipped_files).toEqual([
      { file: files[2], reason: 'not a Timewarrior month file (YYYY-MM.data)' },
      { file: files[3], reason: 'not a Timewarrior month file (YYYY-MM.data)' },
    ]);
    expect(summary.task_mapping).toEqual([
      { tags: ['blog', 'writing'], task: 'writing', count: 2 },
      { tags: ['client work', 'say "hi"'], task: 'client-work', count: 1 },
      { tags: ['code'], task: 'code', count: 1 },
      { tags: ['code', 'review'], task: 'review', count: 1 },
      { tags: ['a#b'], task: 'a-b', count: 1 },
    ]);
  });

  test('a bad line in one month file imports nothing from any; an empty month file is still Timewarrior', async () => {
    const h = harness({ now: NOW });
    h.files.set('tw/2026-01.data', 'inc 20260105T090000Z - 20260105T100000Z # code\n');
    h.files.set('tw/2026-02.data', 'inc 20260205T090000Z - garbage # code\n');
    h.files.set('tw/2026-03.data', '');
    const bad = await h.run('import', 'tw');
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe(
      "stint: Invalid entry: 2026-02.data line 1: end is not a time like 20260101T090000Z: 'garbage'; nothing imported\n",
    );
    expect(h.store.writes).toBe(0);
    h.files.set('tw/2026-02.data', '');
    expect((await h.run('import', 'tw')).stdout).toMatch(/^Imported 1 session \(timewarrior\) as #1;/);
  });

  test.each([
    [
      ['import', 'tw/tags.data'],
      'stint: Nothing to import: No Timewarrior month file (YYYY-MM.data) or other file to read in tw/tags.data\n',
    ],
    [
      ['import', 'tw/2026-01.data', '--task-tags', 'a,,b'],
      "stint: Invalid task tags: 'a,,b' is not a comma-separated list of tags (--task-tags writing,code)\n",
    ],
    [['import', 'frames', '--task-tags', 'a'], 'stint: Invalid usage: --task-tags applies to Timewarrior data only\n'],
  ])('%j → exit 2, nothing stored', async (argv, stderr) => {
    const h = harness({ now: NOW });
    h.files.set('tw/tags.data', '{}');
    h.files.set('tw/2026-01.data', 'inc 20260105T090000Z - 20260105T100000Z # code\n');
    h.files.set('frames', '[]');
    expect(await h.run(...argv)).toEqual({ code: 2, stdout: '', stderr });
    expect(h.store.writes).toBe(0);
  });
});

test('a tag holding a control character is shown escaped in the summary, never sent to the terminal', async () => {
  const h = harness({ now: NOW });
  h.files.set('/in/2026-01.data', 'inc 20260114T090000Z - 20260114T103000Z # co\u001bding a\u202eb\n');
  const { code, stdout } = await h.run('import', '/in/2026-01.data', '--dry-run');
  expect(code).toBe(0);
  expect(stdout).not.toMatch(/[\p{Cc}\u202e](?<!\n)/u);
  expect(stdout).toContain('  "co\\u001bding" "a\\u202eb" → co-ding (1 interval)');
  expect(stdout).toContain('  tag "co\\u001bding" → co-ding');
});

test('a skipped file whose name holds a control character is named escaped, on one line', async () => {
  const h = harness({ now: NOW });
  h.files.set('/in/2026-01.data', 'inc 20260114T090000Z - 20260114T103000Z # code\n');
  h.files.set('/in/ta\u001b[2Jgs\n.data', '');
  const { code, stdout } = await h.run('import', '/in/2026-01.data', '/in/ta\u001b[2Jgs\n.data', '--dry-run');
  expect(code).toBe(0);
  expect(stdout.split('\n')[0]).toBe('Skipped /in/ta\\u001b[2Jgs\\n.data: not a Timewarrior month file (YYYY-MM.data).');
  expect(stdout).not.toMatch(/\u001b/);
});

describe('import of `timew export` (JSON)', () => {
  // Made by timew 1.4 itself: `timew export` of the fixture's month files.
  const EXPORT = resolve('test/fixtures/timewarrior/export.json');
  const sessions = async (h: ReturnType<typeof harness>) =>
    JSON.parse((await h.run('export')).stdout).sessions.map(({ session_id, ...s }: Record<string, unknown>) => s);

  test('is recognised without --format, and gives the sessions the month files give, which it then duplicates', async () => {
    const fromExport = harness({ now: NOW, realFiles: true });
    const imported = JSON.parse((await fromExport.run('import', EXPORT, '--json')).stdout);
    expect(imported).toMatchObject({ formats: ['timewarrior'], imported: 6, skipped: [] });
    const fromData = harness({ now: NOW, realFiles: true });
    await fromData.run('import', DATA);
    expect(await sessions(fromExport)).toEqual(await sessions(fromData));
    // An interval is its start and end, whichever way it came: the export adds nothing now.
    expect(JSON.parse((await fromData.run('import', EXPORT, '--json')).stdout)).toMatchObject({ imported: 0, duplicates: 6 });
  });

  test.each([
    ['{"start":"20260105T090000Z","end":"20260105T100000Z","tags":["code"],"colour":"red"}', "unknown field 'colour'"],
    ['{"end":"20260105T100000Z"}', 'missing start time'],
    ['{"start":1767603600}', 'start is not a time like 20260101T090000Z: 1767603600'],
    ['{"start":"2026-01-05T09:00:00Z"}', "start is not a time like 20260101T090000Z: '2026-01-05T09:00:00Z'"],
    ['{"start":"20260105T090000Z","end":"20260105T080000Z"}', 'end is before start'],
    ['{"start":"20260105T090000Z","tags":"code"}', 'tags are not a list of strings'],
    ['{"start":"20260105T090000Z","tags":[1]}', 'tags are not a list of strings'],
    ['{"start":"20260105T090000Z","annotation":7}', 'annotation is not a string'],
    ['{"id":0,"start":"20260105T090000Z"}', 'id is not a whole number from 1: 0'],
    ['["20260105T090000Z"]', 'expected an interval: {"start", "end", "tags", …}'],
  ])('an interval %s is refused: %s; nothing imported', async (interval, reason) => {
    const h = harness({ now: NOW });
    h.files.set('export.json', `[{"id":2,"start":"20260104T090000Z","end":"20260104T100000Z"},${interval}]`);
    expect(await h.run('import', 'export.json', '--format', 'timewarrior')).toEqual({
      code: 2,
      stdout: '',
      stderr: `stint: Invalid entry: interval 2: ${reason}; nothing imported\n`,
    });
    expect(h.store.writes).toBe(0);
  });

  test('an open interval is running; an annotation is the note; an empty one is none', async () => {
    const h = harness({ now: NOW });
    h.files.set(
      'export.json',
      '[{"id":2,"start":"20260104T090000Z","end":"20260104T100000Z","tags":["code"],"annotation":""},' +
        '{"id":1,"start":"20260228T090000Z","tags":["écriture","a b"],"annotation":"say \\"hi\\" # now"}]',
    );
    expect((await h.run('import', 'export.json')).code).toBe(0);
    const { sessions: list } = JSON.parse((await h.run('list', '--json')).stdout);
    expect(list).toMatchObject([
      { task_name: 'code', status: 'completed', note: null },
      { task_name: 'écriture', tags: ['écriture', 'a-b'], status: 'running', stopped_at: null, note: 'say "hi" # now' },
    ]);
  });
});

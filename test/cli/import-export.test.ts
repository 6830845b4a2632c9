import { describe, expect, test } from 'vitest';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

const frames = (count: number) =>
  JSON.stringify(
    Array.from({ length: count }, (_, i) => {
      const start = Date.parse('2025-06-01T08:00:00Z') / 1000 + i * 3600;
      return [start, start + 1800, i % 2 ? 'coding' : 'client work', `f${String(i).padStart(31, '0')}`, ['x'], start + 1800];
    }),
  );

describe('import', () => {
  test('a whole file is one change to the store: the lock is taken once', async () => {
    const h = harness({ now: '2026-01-15T12:00:00Z' });
    h.files.set('frames', frames(1000));
    const { code, stdout } = await h.run('import', 'frames');
    expect(code).toBe(0);
    expect(stdout).toBe(
      'Imported 1000 sessions (watson) as #1–#1000; 0 duplicates skipped, 1 name converted.\n  task "client work" → client-work (500 entries)\n',
    );
    expect(h.store.writes).toBe(1);
  });

  test('--dry-run and an import of nothing new write nothing; undo takes a whole import back', async () => {
    const h = harness({ now: '2026-01-15T12:00:00Z', data: makeData([makeSession({ id: 1, uid: 'mine' })]) });
    h.files.set('frames', frames(3));
    expect((await h.run('import', 'frames', '--dry-run')).code).toBe(0);
    expect(h.store.writes).toBe(0);
    await h.run('import', 'frames');
    expect((await h.run('list', '--json')).stdout).toContain('"total":4');
    await h.run('undo');
    expect((await h.run('list', '--json')).stdout).toContain('"total":1');
  });

  test.each([
    [['import', 'nowhere'], 3, 'stint: File not found: No file nowhere\n'],
    [['import', 'junk'], 2, 'stint: Unknown format: Cannot tell the format of junk; give --format stint, csv, watson or timewarrior\n'],
    [['import', 'junk', '--format', 'toggl'], 2, expect.stringMatching(/^stint: .*toggl/)],
  ])('%j → exit %i', async (argv, exit, stderr) => {
    const h = harness();
    h.files.set('junk', 'hello\n');
    const result = await h.run(...argv);
    expect([result.code, result.stderr, result.stdout]).toEqual([exit, stderr, '']);
  });

  test('a file that begins as JSON but does not parse says so, not that no format fits', async () => {
    const h = harness({ now: '2026-01-15T12:00:00Z' });
    h.files.set('cut', '[[1763625600, 1763629200, "coding", "a1", [], 1763629200');
    const result = await h.run('import', 'cut');
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^stint: Invalid file: Not JSON: .+\n$/);
    expect(h.store.writes).toBe(0);
  });

  test('valid JSON of no format stint knows is that, whatever else is wrong with it', async () => {
    const h = harness({ now: '2026-01-15T12:00:00Z' });
    h.files.set('other.json', '{"a": 1, "a": 2}');
    const result = await h.run('import', 'other.json');
    expect([result.code, result.stderr]).toEqual([
      2,
      'stint: Unknown format: Cannot tell the format of other.json; give --format stint, csv, watson or timewarrior\n',
    ]);
  });

  test('several files at once: a whole file refused is named', async () => {
    const h = harness({ now: '2026-01-15T12:00:00Z' });
    h.files.set('frames', frames(2));
    h.files.set('cut', '[[1763625600, 1763629200');
    for (const argv of [
      ['import', 'frames', 'cut'],
      ['import', 'frames', 'cut', '--format', 'watson'],
    ]) {
      const result = await h.run(...argv);
      expect([result.code, result.stdout]).toEqual([2, '']);
      expect(result.stderr).toMatch(/^stint: Invalid file: cut: Not JSON: .+\n$/);
    }
    expect(h.store.writes).toBe(0);
  });

  test('several files at once: one change, and entries named with their file', async () => {
    const h = harness({ now: '2026-01-15T12:00:00Z' });
    h.files.set('2026-01.data', 'inc 20260105T080000Z - 20260105T090000Z # writing\n');
    h.files.set('2026-02.data', 'inc 20260205T080000Z - bad\n');
    const { code, stderr } = await h.run('import', '2026-01.data', '2026-02.data');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^stint: Invalid entry: 2026-02\.data line 1: /);
    expect(h.store.writes).toBe(0);
  });
});

describe('export', () => {
  test('--format csv --json on stdout is refused (exit 2, nothing printed); with --output, --json describes the file', async () => {
    const h = harness({ now: '2026-01-15T12:00:00Z', data: makeData([makeSession({ id: 1 })]) });
    const refused = await h.run('export', '--format', 'csv', '--json');
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(JSON.parse(refused.stderr)).toEqual({
      error: 'Invalid usage',
      message: 'Choose one of --format csv or --json (with --output, --json describes the file written)',
    });
    const written = await h.run('export', '--format', 'csv', '--json', '--output', 'out.csv');
    expect([written.code, JSON.parse(written.stdout)]).toEqual([0, { exported: 1, format: 'csv', output: 'out.csv' }]);
  });

  test('--output writes the file and says so; --json says it as JSON', async () => {
    const h = harness({ now: '2026-01-15T12:00:00Z', data: makeData([makeSession({ id: 1 })]) });
    expect((await h.run('export', '--output', 'out.json')).stdout).toBe('Exported 1 session to out.json.\n');
    expect(JSON.parse(h.files.get('out.json') as string)).toMatchObject({
      version: 1,
      sessions: [{ session_id: 1, uid: expect.any(String) }],
    });
    expect(JSON.parse((await h.run('export', '--format', 'csv', '--output', 'out.csv', '--json')).stdout)).toEqual({
      exported: 1,
      format: 'csv',
      output: 'out.csv',
    });
  });

  test('an empty store exports an empty list', async () => {
    expect((await harness().run('export')).stdout).toBe('{"version":1,"sessions":[\n]}\n');
  });
});

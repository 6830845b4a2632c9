import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { StintError } from '../../src/core/errors.js';
import { summary } from '../../src/jobs/summary.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { localSession, makeData } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';
import { makeJob, runContext, tempPlaces } from './helpers.js';

// Wednesday 2026-11-25, 10:00 in Paris.
const NOW = '2026-11-25T09:00:00Z';
const history = makeData([
  localSession('2026-10-10', '09:00', 120),
  localSession('2026-11-15', '20:00', 60, { task: 'sunday' }),
  localSession('2026-11-16', '09:00', 60),
  localSession('2026-11-21', '10:00', 30, { task: 'reading' }),
  localSession('2026-11-22', '09:00', 45),
  localSession('2026-11-24', '14:00', 15, { task: 'review' }),
]);

let places: ReturnType<typeof tempPlaces>;
let store: MemoryStore;
beforeEach(() => {
  places = tempPlaces();
  store = createMemoryStore(history);
});
afterEach(() => places.cleanup());

async function write(config: Record<string, string>, now = NOW): Promise<{ result: string; text: string }> {
  const result = await summary.run(makeJob('summary', config), runContext(store, places, new Date(now)));
  return { result, text: readFileSync(config.target as string, 'utf8') };
}
const json = async (config: Record<string, string>, now = NOW) =>
  JSON.parse((await write({ target: join(places.root, 'r.json'), ...config }, now)).text);

describe('summary config', () => {
  test('expands ~ and writes the defaults out', () => {
    expect(summary.check({ target: '~/week.MD' }, places)).toEqual({ target: join(places.home, 'week.MD'), period: 'week', by: 'task' });
    expect(summary.check({ target: '/r.csv', period: 'month', by: 'day' }, places)).toEqual({
      target: '/r.csv',
      period: 'month',
      by: 'day',
    });
  });

  test.each([
    ['a missing target', { period: 'week' }, /needs 'target'/],
    ['a relative target', { target: 'week.md' }, /absolute/],
    ['an unknown extension', { target: '/x/week.txt' }, /\.md, \.markdown, \.csv or \.json/],
    ['no extension', { target: '/x/week' }, /\.md, \.markdown, \.csv or \.json/],
    ['a target in the data directory', { target: '~/.stint/state.json' }, /outside the data directory/],
    ['a bad period', { target: '/x/r.md', period: 'year' }, /'period' must be day, week, month/],
    ['a bad by', { target: '/x/r.md', by: 'project' }, /'by' must be task, tag, day/],
    ['an unknown key', { target: '/x/r.md', format: 'md' }, /no 'format' setting/],
  ])('refuses %s', (_name, config, message) => {
    try {
      summary.check(config, places);
    } catch (error) {
      expect(error).toBeInstanceOf(StintError);
      expect((error as StintError).code).toBe('invalid_input');
      expect((error as StintError).message).toMatch(message);
      return;
    }
    throw new Error('not refused');
  });
});

describe('the period reported is the last complete one', () => {
  test('week, starting Monday', async () => {
    const out = await json({});
    expect([out.from, out.to, out.total_seconds]).toEqual(['2026-11-16', '2026-11-22', (60 + 30 + 45) * 60]);
  });

  test('week, starting Sunday', async () => {
    await store.config.update((config) => {
      config.week_start = 0;
    });
    const out = await json({});
    expect([out.from, out.to, out.total_seconds]).toEqual(['2026-11-15', '2026-11-21', (60 + 60 + 30) * 60]);
  });

  test('day: yesterday', async () => {
    const out = await json({ period: 'day' });
    expect([out.from, out.to, out.rows]).toEqual(['2026-11-24', '2026-11-24', [{ name: 'review', seconds: 900, sessions: 1 }]]);
  });

  test('month: the previous calendar month, across the October clock change', async () => {
    const out = await json({ period: 'month', by: 'day' });
    expect([out.from, out.to, out.total_seconds, out.rows.length]).toEqual(['2026-10-01', '2026-10-31', 7200, 31]);
  });

  test('month: early on the 1st, the month just ended', async () => {
    const out = await json({ period: 'month' }, '2026-03-01T00:30:00Z');
    expect([out.from, out.to]).toEqual(['2026-02-01', '2026-02-28']);
  });
});

describe('formats', () => {
  test('markdown: a heading and a table with a total row', async () => {
    const target = join(places.root, 'week.md');
    const { result, text } = await write({ target });
    expect(result).toBe(`wrote the week report (2026-11-16 → 2026-11-22) to ${target}`);
    expect(text).toBe(
      [
        '# stint report 2026-11-16 → 2026-11-22',
        '',
        '| name | time | sessions |',
        '| --- | ---: | ---: |',
        '| coding | 1h 45m | 2 |',
        '| reading | 30m | 1 |',
        '| **Total** | **2h 15m** | **3** |',
        '',
      ].join('\n'),
    );
  });

  test('JSON: the same as report --json for that period', async () => {
    const { text } = await write({ target: join(places.root, 'week.json') });
    const cli = await harness({ now: NOW, data: history }).run('report', '--from', '2026-11-16', '--to', '2026-11-22', '--json');
    expect(cli.code).toBe(0);
    expect(text).toBe(cli.stdout);
  });

  test('CSV: the same as report --csv', async () => {
    const { text } = await write({ target: join(places.root, 'day.csv'), period: 'day' });
    expect(text).toBe('name,seconds,sessions\nreview,900,1\n');
  });
});

describe('writing', () => {
  test('replaces an existing file whole and leaves no temporary file', async () => {
    const target = join(places.root, 'week.md');
    writeFileSync(target, 'old report');
    await write({ target });
    expect(readFileSync(target, 'utf8')).toMatch(/^# stint report/);
    expect(readdirSync(places.root).sort()).toEqual(['home', 'week.md']);
  });

  test('a missing directory fails the run and creates nothing', async () => {
    const target = join(places.root, 'gone', 'week.md');
    await expect(summary.run(makeJob('summary', { target }), runContext(store, places, new Date(NOW)))).rejects.toThrow(
      /cannot write .*gone/,
    );
    expect(existsSync(join(places.root, 'gone'))).toBe(false);
  });

  test('a target reached through a symlink into the data directory is refused at run time', async () => {
    mkdirSync(places.dataDir);
    writeFileSync(join(places.dataDir, 'state.json'), '{"keep":"me"}');
    symlinkSync(places.dataDir, join(places.root, 'innocent'));
    const job = makeJob('summary', { target: join(places.root, 'innocent', 'state.json') });
    await expect(summary.run(job, runContext(store, places, new Date(NOW)))).rejects.toThrow(/leads into the data directory/);
    expect(readFileSync(join(places.dataDir, 'state.json'), 'utf8')).toBe('{"keep":"me"}');
  });
});

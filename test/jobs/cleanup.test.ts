import { existsSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { StintError } from '../../src/core/errors.js';
import { cleanup } from '../../src/jobs/cleanup.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { memoryFiles } from '../helpers/memory-files.js';
import { makeJob, runContext, tempPlaces } from './helpers.js';

const NOW = new Date('2026-11-22T03:15:00Z');
const DAY = 86_400_000;

let places: ReturnType<typeof tempPlaces>;
let logs: string;
beforeEach(() => {
  places = tempPlaces();
  logs = join(places.root, 'logs');
  mkdirSync(logs);
});
afterEach(() => places.cleanup());

/** A file (or directory) in `dir` last modified `daysOld` days before NOW. */
function aged(dir: string, name: string, daysOld: number, directory = false): void {
  if (directory) mkdirSync(join(dir, name));
  else writeFileSync(join(dir, name), 'x');
  const when = new Date(NOW.getTime() - daysOld * DAY);
  utimesSync(join(dir, name), when, when);
}

const check = (config: Record<string, string>) => cleanup.check(config, places);
const refusal = (config: Record<string, string>) => {
  try {
    check(config);
  } catch (error) {
    expect(error).toBeInstanceOf(StintError);
    expect((error as StintError).code).toBe('invalid_input');
    return (error as StintError).message;
  }
  throw new Error('not refused');
};

describe('cleanup config', () => {
  test('normalizes the path (~ expanded, resolved) and the days', () => {
    mkdirSync(join(places.home, 'tmp'));
    expect(check({ path: '~/tmp/../tmp/', pattern: '*.log', days: '07' })).toEqual({
      path: join(places.home, 'tmp'),
      pattern: '*.log',
      days: '7',
    });
  });

  test.each([
    ['/', { path: '/', pattern: '*', days: '1' }, /must not be \//],
    ['/ written oddly', { path: '/tmp/..', pattern: '*', days: '1' }, /must not be \//],
    ['the home itself', { path: '~', pattern: '*', days: '1' }, /home directory/],
    ['the home, written oddly', { path: '~/./', pattern: '*', days: '1' }, /home directory/],
    ['the data directory', { path: '~/.stint', pattern: '*', days: '1' }, /data directory/],
    ['inside the data directory', { path: '~/.stint/sessions', pattern: '*', days: '1' }, /data directory/],
    ['a relative path', { path: 'logs', pattern: '*', days: '1' }, /absolute/],
    ['a pattern with /', { path: '/var/log', pattern: 'sub/*.log', days: '1' }, /no '\/'/],
    ['a pattern with ..', { path: '/var/log', pattern: '..*', days: '1' }, /'\.\.'/],
    ['an empty pattern', { path: '/var/log', pattern: '', days: '1' }, /needs 'pattern'/],
    ['no path', { pattern: '*', days: '1' }, /needs 'path'/],
    ['no pattern', { path: '/var/log', days: '1' }, /needs 'pattern'/],
    ['no days', { path: '/var/log', pattern: '*' }, /needs 'days'/],
    ['negative days', { path: '/var/log', pattern: '*', days: '-1' }, /whole number/],
    ['fractional days', { path: '/var/log', pattern: '*', days: '1.5' }, /whole number/],
    ['words for days', { path: '/var/log', pattern: '*', days: 'week' }, /whole number/],
    ['an unknown key', { path: '/var/log', pattern: '*', days: '1', recursive: 'yes' }, /no 'recursive' setting/],
  ])('refuses %s', (_name, config, message) => {
    expect(refusal(config)).toMatch(message);
  });
});

describe('cleanup config, with links resolved when the job is added', () => {
  test.each([
    ['the home', () => places.home, /home directory/],
    ['the data directory', () => places.dataDir, /data directory/],
    ['a folder inside the data directory', () => join(places.dataDir, 'sessions'), /data directory/],
  ])('a link to %s is refused', (_name, target, message) => {
    mkdirSync(target(), { recursive: true });
    symlinkSync(target(), join(places.root, 'link'));
    expect(refusal({ path: join(places.root, 'link'), pattern: '*', days: '0' })).toMatch(message);
  });
});

describe('cleanup run', () => {
  const job = () => makeJob('cleanup', { path: logs, pattern: '*.log', days: '7' });

  test('deletes only matching regular files directly inside the path, older than the days', async () => {
    aged(logs, 'old.log', 10);
    aged(logs, 'older.log', 30);
    aged(logs, 'young.log', 6);
    aged(logs, 'old.txt', 30);
    aged(logs, '.hidden.log', 30);
    aged(logs, 'dir.log', 30, true);
    mkdirSync(join(logs, 'sub'));
    aged(join(logs, 'sub'), 'deep.log', 30);
    aged(places.root, 'outside.log', 30);
    symlinkSync(join(places.root, 'outside.log'), join(logs, 'link.log'));

    const result = await cleanup.run(job(), runContext(createMemoryStore(), places, NOW));

    expect(result).toBe('deleted 2 files: old.log, older.log');
    expect(readdirSync(logs).sort()).toEqual(['.hidden.log', 'dir.log', 'link.log', 'old.txt', 'sub', 'young.log']);
    expect(readdirSync(join(logs, 'sub'))).toEqual(['deep.log']);
    expect(existsSync(join(places.root, 'outside.log'))).toBe(true);
  });

  test('a file exactly `days` old is kept: only older ones go', async () => {
    aged(logs, 'edge.log', 7);
    expect(await cleanup.run(job(), runContext(createMemoryStore(), places, NOW))).toBe('nothing to delete');
    expect(readdirSync(logs)).toEqual(['edge.log']);
  });

  test('a dry run lists and deletes nothing', async () => {
    aged(logs, 'a.log', 8);
    aged(logs, 'b.log', 9);
    const result = await cleanup.run(job(), runContext(createMemoryStore(), places, NOW, true));
    expect(result).toBe('would delete 2 files: a.log, b.log');
    expect(readdirSync(logs).sort()).toEqual(['a.log', 'b.log']);
  });

  test('a long list is cut short with a count', async () => {
    for (let i = 10; i < 35; i += 1) aged(logs, `f${i}.log`, 8);
    const result = await cleanup.run(job(), runContext(createMemoryStore(), places, NOW, true));
    expect(result).toMatch(/^would delete 25 files: f10\.log, .*, f29\.log and 5 more$/);
  });

  test('a missing path fails the run', async () => {
    const gone = makeJob('cleanup', { path: join(places.root, 'gone'), pattern: '*', days: '0' });
    await expect(cleanup.run(gone, runContext(createMemoryStore(), places, NOW))).rejects.toThrow(/does not exist/);
  });

  test('a symlink to the data directory is refused at run time', async () => {
    mkdirSync(places.dataDir);
    aged(places.dataDir, 'state.json', 30);
    const link = join(places.root, 'innocent');
    symlinkSync(places.dataDir, link);
    const sneaky = makeJob('cleanup', { path: link, pattern: '*', days: '0' });
    await expect(cleanup.run(sneaky, runContext(createMemoryStore(), places, NOW))).rejects.toThrow(/data directory/);
    expect(existsSync(join(places.dataDir, 'state.json'))).toBe(true);
  });
});

describe('cleanup reaches files only through the seam', () => {
  test('a fake Files sees the sweep, and no disk is touched', async () => {
    const old = NOW.getTime() - 10 * DAY;
    const files = new Map([
      ['/fake/logs/a.log', 'x'],
      ['/fake/logs/b.log', 'x'],
      ['/fake/logs/keep.txt', 'x'],
    ]);
    const mtimes = new Map([
      ['/fake/logs/a.log', old],
      ['/fake/logs/b.log', NOW.getTime()],
      ['/fake/logs/keep.txt', old],
    ]);
    const ctx = runContext(
      createMemoryStore(),
      { home: '/fake/home', dataDir: '/fake/home/.stint' },
      NOW,
      false,
      memoryFiles(files, mtimes),
    );
    const result = await cleanup.run(makeJob('cleanup', { path: '/fake/logs', pattern: '*.log', days: '7' }), ctx);
    expect(result).toBe('deleted 1 file: a.log');
    expect([...files.keys()]).toEqual(['/fake/logs/b.log', '/fake/logs/keep.txt']);
  });
});

test('a file name holding a line break or an escape is listed escaped: the result is one line, printed to terminals', async () => {
  aged(logs, 'a\nb.log', 10);
  aged(logs, 'c\u001b[2J.log', 10);
  const job = makeJob('cleanup', { path: logs, pattern: '*.log', days: '7' });
  expect(await cleanup.run(job, runContext(createMemoryStore(), places, NOW))).toBe('deleted 2 files: a\\nb.log, c\\u001b[2J.log');
  expect(readdirSync(logs)).toEqual([]);
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { seedWith, stintIn } from '../helpers/in-home.js';
import { snapshotDir, stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

/**
 * Each command with how it runs: through the bin where the process is what is proven (the hot
 * path's commands, which the bin may serve without the full CLI), in-process on the same files
 * (`stintIn`: the same file store and error translation, no Node start-up) for the others.
 */
const commands: [args: string[], how: typeof stint][] = [
  [['status'], stint],
  [['status', '--short'], stint],
  [['start', 'coding'], stint],
  [['stop'], stint],
  [['list'], stintIn],
  [['show', '1'], stintIn],
  [['stop', '1'], stintIn],
  [['rm', '1'], stintIn],
];

describe.each([
  ['state.json', 'truncated', '{\n "version": 2,\n "revision": 3,\n "next_id": 2,\n "active": [\n  {\n   "id": 1,\n   "uid": "a'],
  ['state.json', 'from a newer stint', '{"version": 99, "revision": 1, "next_id": 1, "active": [], "months": {}}\n'],
  // Read on, the next write would drop the field without a word.
  [
    'state.json',
    'with a field stint does not know',
    '{"version": 3, "revision": 1, "next_id": 2, "active": [], "months": {}, "bogus": 1}\n',
  ],
])('a %s %s', (name, _kind, content) => {
  test.each(commands)('`stint %j` → exit 1 naming the file, store byte-identical', async (args, how) => {
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, name), content);
    const before = snapshotDir(home);
    const result = await how(args, { home, now: '2026-01-15T13:30:00Z' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(`^stint: Store unreadable: .*${name.replace('.', '\\.')}: .*; the file was left untouched\\n$`),
    );
    expect(snapshotDir(home)).toEqual(before);
    expect(existsSync(join(home, `${name}.bak`))).toBe(false);
  });
});

test('a broken month file stops the commands that need it and leaves everything as it was', async () => {
  const now = '2026-01-15T13:30:00Z';
  await seedWith(['start', 'coding'], { home, now });
  await seedWith(['stop'], { home, now: '2026-01-15T14:30:00Z' });
  await seedWith(['start', 'reading'], { home, now });
  const { file } = JSON.parse(readFileSync(join(home, 'state.json'), 'utf8')).months['2026-01'];
  const month = join(home, file);
  writeFileSync(month, '{"version":2,"month":"2026-01","sessions":[{"id":1');
  const before = snapshotDir(home);
  // The hot path does not read the history, so it keeps working.
  expect((await stint(['status', '--short'], { home, now })).stdout).toBe('reading 0:00:00\n');
  for (const args of [['list'], ['show', '1'], ['rm', '1']]) {
    const result = await stint(args, { home, now });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
  }
  expect(snapshotDir(home)).toEqual(before);
});

test('--json reports the unreadable store as JSON on stderr', async () => {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'state.json'), '{"version":');
  const result = await stint(['list', '--json'], { home });
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(JSON.parse(result.stderr)).toMatchObject({ error: 'Store unreadable', message: expect.stringContaining('not valid JSON') });
});

test('a broken config.json is reported with exit 1 and left as it was', async () => {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'config.json'), '{"version":1,"week_start":9}');
  const before = snapshotDir(home);
  for (const args of [['status'], ['config', 'set', 'daily_goal', '2h']]) {
    const result = await stint(args, { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/config\.json: .*"week_start" is not valid/);
  }
  expect(snapshotDir(home)).toEqual(before);
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { seedWith } from '../helpers/in-home.js';
import { snapshotDir, stint, tempHome, useTempHome, useWorkDir } from '../helpers/spawn.js';

let work = '';
let home = '';
useWorkDir('stint-roundtrip-', (dir) => (work = dir));
useTempHome((dir) => (home = dir));
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const NOW = '2026-02-01T12:00:00Z';
const run = (args: string[], at = home) => stint(args, { home: at, now: NOW });
const ok = async (args: string[], at = home) => {
  const result = await run(args, at);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result;
};
/** Setting up and reading back, in-process: the same commands on the same files. */
const seed = (args: string[], at = home) => seedWith(args, { home: at, now: NOW });

describe('export → import into an empty store → export', () => {
  test.each(['json', 'csv'])('gives the same bytes when IDs are not in time order (%s)', async (format) => {
    await seed(['add', 'writing', '--from', '2026-01-10 09:00', '--to', '2026-01-10 10:00']);
    await seed(['add', 'coding', '--from', '2026-01-12 09:00', '--to', '2026-01-12 10:00', '--tag', 'x']);
    await seed(['add', 'review', '--from', '2026-01-13 09:00', '--to', '2026-01-13 10:00']);
    await seed(['rm', '2']);
    // Added after the fact: the highest ID, the earliest start.
    await seed(['add', 'meeting', '--from', '2026-01-05 09:00', '--to', '2026-01-05 10:00', '--note', 'late entry']);
    const first = join(work, `first.${format}`);
    await ok(['export', '--format', format, '--output', first]);
    expect(readFileSync(first, 'utf8')).toMatch(
      format === 'json' ? /"session_id":4[\s\S]*"session_id":1[\s\S]*"session_id":3/ : /\n4,meeting[\s\S]*\n1,writing[\s\S]*\n3,review/,
    );

    const other = tempHome();
    cleanups.push(other.cleanup);
    const imported = JSON.parse((await ok(['import', first, '--json'], other.home)).stdout);
    expect(imported).toMatchObject({ imported: 3, first_id: 1, last_id: 4 });
    expect((await ok(['export', '--format', format], other.home)).stdout).toBe(readFileSync(first, 'utf8'));
    // next_id follows the highest: the next session is #5, in both stores alike.
    await seed(['add', 'coding', '--from', '2026-01-20 09:00', '--to', '2026-01-20 10:00', '--json'], other.home);
    expect(JSON.parse((await seed(['show', '5', '--json'], other.home)).stdout)).toMatchObject({ task_name: 'coding' });
  });
});

describe('Watson frames edited there', () => {
  test('a newer updated_at moves the session (here into another month) in place; undo moves it back', async () => {
    const frames = join(work, 'frames');
    const s = (iso: string) => Date.parse(iso) / 1000;
    writeFileSync(
      frames,
      JSON.stringify([[s('2026-01-31T22:00:00Z'), s('2026-01-31T23:00:00Z'), 'coding', 'f1', [], s('2026-01-31T23:00:00Z')]]),
    );
    await ok(['import', frames]);
    writeFileSync(
      frames,
      JSON.stringify([[s('2026-02-01T08:00:00Z'), s('2026-02-01T09:00:00Z'), 'writing', 'f1', ['moved'], s('2026-02-01T09:05:00Z')]]),
    );
    expect((await ok(['import', frames])).stdout).toBe(
      'Imported 0 sessions (watson); 1 updated, 0 duplicates skipped, 0 names converted.\n',
    );
    const [session] = JSON.parse((await seed(['list', '--json'])).stdout).sessions;
    expect(session).toMatchObject({ session_id: 1, task_name: 'writing', tags: ['moved'], started_at: '2026-02-01T09:00:00+01:00' });
    expect((await ok(['undo'])).stdout).toMatch(/import of 0 sessions, 1 updated/);
    expect(JSON.parse((await seed(['list', '--json'])).stdout).sessions).toMatchObject([
      { session_id: 1, task_name: 'coding', started_at: '2026-01-31T23:00:00+01:00' },
    ]);
  });
});

test('a future entry: exit 2, the store byte for byte as it was', async () => {
  await seed(['add', 'coding', '--from', '2026-01-10 09:00', '--to', '2026-01-10 10:00']);
  const before = snapshotDir(home);
  const file = join(work, '2026-02.data');
  writeFileSync(file, 'inc 20260201T080000Z - 20260201T090000Z # ok\ninc 20260201T110000Z - 20260201T130000Z # later\n');
  const result = await run(['import', file]);
  expect([result.code, result.stderr]).toEqual([
    2,
    'stint: Invalid entry: line 2: stop 2026-02-01T13:00:00Z is in the future; nothing imported\n',
  ]);
  expect(snapshotDir(home)).toEqual(before);
});

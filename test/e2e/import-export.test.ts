import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { makeSession } from '../helpers/factories.js';
import { seedStore } from '../helpers/seed.js';
import { seedWith } from '../helpers/in-home.js';
import { snapshotDir, stint, tempHome, useTempHome, useWorkDir } from '../helpers/spawn.js';

// Fixtures are written here by the tests themselves, in each tracker's own format.
let work = '';
let home = '';
useWorkDir('stint-import-', (dir) => (work = dir));
useTempHome((dir) => (home = dir));
/** Other temporary homes a test makes, removed after it. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const NOW = '2026-02-01T12:00:00Z';
const fixture = (name: string, text: string) => {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
};
const run = (args: string[], at = home) => stint(args, { home: at, now: NOW });
/** The sessions, read back in-process (the same command on the same files, no Node start-up). */
const listJson = async (at = home) => JSON.parse((await seedWith(['list', '--json'], { home: at, now: NOW })).stdout).sessions;

const TIMEWARRIOR = [
  'inc 20260105T080000Z - 20260105T093000Z # writing "thesis chapter two" urgent',
  'inc 20260106T080000Z - 20260106T083000Z # "deep work" client',
  'inc 20260107T080000Z - 20260107T090000Z',
  'inc 20260131T230000Z # writing',
  '',
].join('\n');

const watsonFrames = () => {
  const frame = (start: string, minutes: number, project: string, id: string, tags: string[]) => {
    const s = Date.parse(start) / 1000;
    return [s, s + minutes * 60, project, id, tags, s + minutes * 60];
  };
  return JSON.stringify([
    frame('2026-01-05T09:00:00Z', 50, 'écriture', 'a1f0c6f1e4a5487d9d7c1c1e0b1f0001', ['thèse']),
    frame('2026-01-05T10:00:00Z', 30, '日本語の仕事', 'a1f0c6f1e4a5487d9d7c1c1e0b1f0002', []),
    frame('2026-01-06T09:00:00Z', 45, 'a very long project name from watson', 'a1f0c6f1e4a5487d9d7c1c1e0b1f0003', ['client work']),
    frame('2026-01-06T10:00:00Z', 45, 'a very long project name from watson', 'a1f0c6f1e4a5487d9d7c1c1e0b1f0004', []),
  ]);
};

describe('Timewarrior', () => {
  test('intervals become sessions: an open one runs, quoted tags stay whole, the task is the first valid tag', async () => {
    const file = fixture('2026-01.data', TIMEWARRIOR);
    const result = await run(['import', file, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ formats: ['timewarrior'], imported: 4, duplicates: 0, first_id: 1, last_id: 4 });
    const sessions = await listJson();
    expect(sessions.map((s: { task_name: string; tags: string[]; status: string }) => [s.task_name, s.tags, s.status])).toEqual([
      ['writing', ['writing', 'thesis-chapter-two', 'urgent'], 'completed'],
      ['client', ['deep-work', 'client'], 'completed'],
      ['untagged', [], 'completed'],
      ['writing', ['writing'], 'running'],
    ]);
  });

  test('importing the same file twice adds nothing', async () => {
    const file = fixture('2026-01.data', TIMEWARRIOR);
    await seedWith(['import', file], { home, now: NOW });
    const again = await run(['import', file]);
    expect(again.stdout).toMatch(/^Imported 0 sessions \(timewarrior\); 4 duplicates skipped/);
    expect(await listJson()).toHaveLength(4);
  });

  test('a corrupt line rejects the whole file, the store byte for byte as it was', async () => {
    await seedStore(home, [makeSession({ id: 1, uid: 'mine' })]);
    const before = snapshotDir(home);
    const file = fixture('bad.data', `${TIMEWARRIOR}inc 20260108T080000Z - garbage # x\n`);
    const result = await run(['import', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stint: Invalid entry: line 5: .+; nothing imported\n$/);
    expect(snapshotDir(home)).toEqual(before);
    // …unless asked to import the rest.
    const skipping = await run(['import', file, '--skip-invalid']);
    expect(skipping.code).toBe(0);
    expect(skipping.stdout).toMatch(/Skipped 1 invalid entry:\n {2}line 5: /);
    expect(await listJson()).toHaveLength(5);
  });
});

describe('Watson', () => {
  test('frames with unicode and over-long project names; conversions listed; twice adds nothing', async () => {
    const file = fixture('frames', watsonFrames());
    const result = await run(['import', file, '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ formats: ['watson'], imported: 4, duplicates: 0 });
    expect(summary.converted).toEqual([
      { kind: 'task', from: 'a very long project name from watson', to: 'a-very-long-project', count: 2 },
      { kind: 'tag', from: 'client work', to: 'client-work', count: 1 },
    ]);
    expect((await listJson()).map((s: { task_name: string }) => s.task_name)).toEqual([
      'écriture',
      '日本語の仕事',
      'a-very-long-project',
      'a-very-long-project',
    ]);
    const again = JSON.parse((await run(['import', file, '--json'])).stdout);
    expect(again).toMatchObject({ imported: 0, duplicates: 4 });
  });

  test('--dry-run says what it would do and writes nothing', async () => {
    await seedStore(home, [makeSession({ id: 1, uid: 'mine' })]);
    const before = snapshotDir(home);
    const result = await run(['import', fixture('frames', watsonFrames()), '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Would import 4 sessions \(watson\) as #2–#5;[\s\S]*Nothing was written \(--dry-run\)\.\n$/);
    expect(snapshotDir(home)).toEqual(before);
  });

  test('a file that is not what --format says is refused whole', async () => {
    const result = await run(['import', fixture('frames', '[[1, 2, "x"]]'), '--format', 'watson']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stint: Invalid entry: frame 1: /);
  });
});

describe('stint’s own format', () => {
  const seeded = [
    makeSession({
      id: 1,
      uid: '0c6f6f0e-0000-4000-8000-000000000001',
      task: 'writing',
      started_at: '2026-01-10T08:00:00Z',
      stopped_at: '2026-01-10T10:00:00Z',
      pauses: [{ started_at: '2026-01-10T09:00:00Z', ended_at: '2026-01-10T09:10:00Z' }],
      tags: ['thesis', 'deep'],
      note: 'said "hi", then left\nnext line',
      updated_at: '2026-01-10T10:00:01Z',
    }),
    makeSession({
      id: 2,
      uid: '0c6f6f0e-0000-4000-8000-000000000002',
      task: 'focus',
      started_at: '2026-01-11T08:00:00Z',
      stopped_at: '2026-01-11T08:20:00Z',
      status: 'abandoned',
      planned_seconds: 1500,
      updated_at: '2026-01-11T08:20:00Z',
    }),
    makeSession({
      id: 3,
      uid: '0c6f6f0e-0000-4000-8000-000000000003',
      task: 'coding',
      started_at: '2026-02-01T09:00:00Z',
      stopped_at: null,
      status: 'paused',
      pauses: [{ started_at: '2026-02-01T10:00:00Z', ended_at: null }],
      updated_at: '2026-02-01T10:00:00Z',
    }),
  ];

  test.each(['json', 'csv'])('export → import into an empty store → export is identical (%s)', async (format) => {
    await seedStore(home, seeded);
    const first = join(work, `first.${format}`);
    expect((await run(['export', '--format', format, '--output', first])).stdout).toBe(`Exported 3 sessions to ${first}.\n`);
    const other = tempHome();
    cleanups.push(other.cleanup);
    const imported = await run(['import', first, '--json'], other.home);
    expect(JSON.parse(imported.stdout)).toMatchObject({ formats: [format === 'json' ? 'stint' : 'csv'], imported: 3, converted: [] });
    const second = await run(['export', '--format', format], other.home);
    expect(second.stdout).toBe(readFileSync(first, 'utf8'));
    // And the sessions themselves, uid and updated_at included, are as they were.
    expect(await listJson(other.home)).toEqual(await listJson());
    expect(JSON.parse((await run(['import', first, '--json'], other.home)).stdout)).toMatchObject({ imported: 0, duplicates: 3 });
  });

  test('export to stdout: the JSON has a version and every session with its uid; CSV tags joined with ;', async () => {
    await seedStore(home, seeded);
    const json = JSON.parse((await run(['export'])).stdout);
    expect(json.version).toBe(1);
    expect(json.sessions.map((s: { uid: string }) => s.uid)).toEqual(seeded.map((s) => s.uid));
    const csv = (await run(['export', '--format', 'csv', '--from', '2026-01-10', '--to', '2026-01-10'])).stdout;
    expect(csv.split('\n')[0]).toBe(
      'session_id,task_name,started_at,stopped_at,duration_seconds,status,planned_seconds,paused_seconds,tags,note,uid,pauses,updated_at',
    );
    expect(csv).toContain(',thesis;deep,"said ""hi"", then left\nnext line",');
    expect(csv.trim().split('\n')).toHaveLength(3); // the header and one session over two lines
  });
});

test('import - reads standard input, as a pipe from another tool would', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN } = await import('../helpers/spawn.js');
  const env = { PATH: process.env.PATH ?? '', TZ: 'Europe/Paris', STINT_HOME: home, STINT_NOW: NOW, HOME: work };
  const result = spawnSync(process.execPath, [BIN, 'import', '-', '--json'], { input: TIMEWARRIOR, env, encoding: 'utf8' });
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ formats: ['timewarrior'], imported: 4 });
});

test('export --output into a directory that does not exist: exit 2, nothing written', async () => {
  await seedStore(home, [makeSession({ id: 1, uid: 'one' })]);
  const result = await run(['export', '--output', join(work, 'missing', 'out.json')]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^stint: Cannot write file: .*missing\/out\.json: ENOENT/);
  expect(readdirSync(work)).toEqual([]);
});

test('export --output replaces an existing file whole', async () => {
  await seedStore(home, [makeSession({ id: 1, uid: 'one' })]);
  const out = join(work, 'out.json');
  writeFileSync(out, 'old content that is longer than nothing'.repeat(100));
  expect((await run(['export', '--output', out])).code).toBe(0);
  expect(JSON.parse(readFileSync(out, 'utf8')).sessions).toHaveLength(1);
  expect(readdirSync(work)).toEqual(['out.json']);
});

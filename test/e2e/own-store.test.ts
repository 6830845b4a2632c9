import { readdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { makeSession } from '../helpers/factories.js';
import { harnessOn } from '../helpers/in-process.js';
import { seedStore } from '../helpers/seed.js';
import { seedWith } from '../helpers/in-home.js';
import { snapshotDir, stint, useTempHome, useWorkDir } from '../helpers/spawn.js';

// No command of stint may write into its own data directory: export --output, summary and
// backup targets are refused there, with links resolved, and the store stays byte for byte.

const NOW = '2026-01-15T12:00:00Z';
let work = '';
let home = '';
useWorkDir('stint-own-', (dir) => (work = dir));
useTempHome((dir) => (home = dir));

const run = (...args: string[]) => stint(args, { home, now: NOW });
/** Setting up and reading back in-process: the same commands on the same files, no Node start-up. */
const seed = (...args: string[]) => seedWith(args, { home, now: NOW });

/** A store with every kind of file: the root, a month file, settings and a job. */
beforeEach(async () => {
  await seedStore(home, [makeSession({ id: 1, uid: 'one', started_at: '2026-01-05T08:00:00Z', stopped_at: '2026-01-05T09:00:00Z' })]);
  const store = createFileStore(home);
  await store.config.update((config) => {
    config.daily_goal_seconds = 7200;
  });
  // The job is added by the real command in-process, on this same store: a spawn per test would
  // only make the fixture slower.
  const added = await harnessOn(store, { now: NOW }).run(
    'jobs',
    'add',
    'weekly',
    '--type',
    'summary',
    '--cron',
    '0 8 * * 1',
    '--config',
    `target=${join(work, 'week.md')}`,
  );
  expect(added.code).toBe(0);
});

const monthFile = () => {
  const root = JSON.parse(readFileSync(join(home, 'state.json'), 'utf8'));
  return root.months['2026-01'].file as string;
};

describe('export --output into the data directory: exit 2, the store untouched', () => {
  test.each([
    ['state.json', () => join(home, 'state.json')],
    ['config.json', () => join(home, 'config.json')],
    ['jobs.json', () => join(home, 'jobs.json')],
    ['a month file', () => join(home, monthFile())],
    ['a new file in sessions/', () => join(home, 'sessions', 'mine.json')],
    ['the data directory itself', () => home],
    [
      'a path through a link to it',
      () => {
        symlinkSync(home, join(work, 'innocent'));
        return join(work, 'innocent', 'state.json');
      },
    ],
  ])('%s', async (_name, output) => {
    const path = output();
    const before = snapshotDir(home);
    const result = await run('export', '--output', path);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `stint: Invalid output: ${path} is in the data directory ${home}, where stint keeps its own files; choose a path outside it\n`,
    );
    expect(snapshotDir(home)).toEqual(before);
    // Still a store stint reads.
    await seed('list', '--json');
  });

  test('the data directory is a link: a path in the folder it points to is refused', async () => {
    const realDir = join(work, 'real-store');
    renameSync(home, realDir);
    symlinkSync(realDir, home);
    const before = snapshotDir(realDir);
    const result = await run('export', '--output', join(realDir, 'config.json'));
    expect(result.code).toBe(2);
    expect(snapshotDir(realDir)).toEqual(before);
  });

  test('a path outside it is written as before', async () => {
    expect((await run('export', '--output', join(work, 'out.json'))).code).toBe(0);
    expect(readdirSync(work)).toContain('out.json');
  });
});

describe('summary and backup jobs never target the data directory', () => {
  test.each([
    ['summary', 'week.md'],
    ['backup', 'backups'],
  ])('a %s job into it through a link: refused at add and edit (exit 2, nothing stored)', async (type, leaf) => {
    symlinkSync(home, join(work, 'innocent'));
    const target = `target=${join(work, 'innocent', leaf)}`;
    const before = snapshotDir(home);
    const added = await run('jobs', 'add', 'sneaky', '--type', type, '--cron', '@daily', '--config', target);
    expect(added.code).toBe(2);
    expect(added.stderr).toMatch(/^stint: Invalid config: 'target' .* leads into the data directory /);
    const edited = await run('jobs', 'edit', '1', '--type', type, '--config', target);
    expect(edited.code).toBe(2);
    expect(snapshotDir(home)).toEqual(before);
  });

  test('a link made after the job was added: the run fails and writes nothing into the store', async () => {
    // The report's folder, missing when the job was edited, later becomes a link into the data directory.
    const reports = join(work, 'reports');
    await seed('jobs', 'edit', '1', '--config', `target=${join(reports, 'week.md')}`);
    symlinkSync(home, reports);
    const files = () => Object.fromEntries(Object.entries(snapshotDir(home)).filter(([name]) => !name.startsWith('jobs.json')));
    const before = files();
    const result = await run('jobs', 'run', '1', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'failed', error: expect.stringMatching(/leads into the data directory/) });
    expect(files()).toEqual(before);
    expect(readdirSync(home)).not.toContain('week.md');
  });

  test('a backup target that does not exist yet is accepted, and created by the run', async () => {
    const target = join(work, 'new', 'backups');
    await seed('jobs', 'add', 'nightly', '--type', 'backup', '--cron', '@daily', '--config', `target=${target}`);
    const result = await run('jobs', 'run', '2', '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'completed' });
    expect(readdirSync(target)).toEqual(['stint-20260115-130000-j2']);
  });
});

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { StintError } from '../../src/core/errors.js';
import { backup } from '../../src/jobs/backup.js';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL, type Store } from '../../src/store/store.js';
import { makeSession } from '../helpers/factories.js';
import { makeJob, runContext, tempPlaces } from './helpers.js';

// 03:15:00 in Paris.
const NOW = new Date('2026-11-22T02:15:00Z');

let places: ReturnType<typeof tempPlaces>;
let target: string;
let store: Store;
beforeEach(async () => {
  places = tempPlaces();
  target = join(places.root, 'backups');
  mkdirSync(target);
  store = createFileStore(places.dataDir);
  // Two months of history: the backup must hold the root and every month file.
  const sessions = [
    makeSession({ id: 1, started_at: '2026-10-05T08:00:00Z', stopped_at: '2026-10-05T09:00:00Z' }),
    makeSession({ id: 2, task: 'reading', started_at: '2026-11-20T08:00:00Z', stopped_at: '2026-11-20T08:30:00Z' }),
  ];
  await store.update(ALL, (data) => {
    data.sessions.push(...sessions);
    data.next_id = 3;
  });
});
afterEach(() => places.cleanup());

const refusal = (config: Record<string, string>) => {
  try {
    backup.check(config, places);
  } catch (error) {
    expect(error).toBeInstanceOf(StintError);
    expect((error as StintError).code).toBe('invalid_input');
    return (error as StintError).message;
  }
  throw new Error('not refused');
};

describe('backup config', () => {
  test('expands ~ and keeps keep as a number', () => {
    expect(backup.check({ target: '~/backups/', keep: '02' }, places)).toEqual({ target: join(places.home, 'backups'), keep: '2' });
    expect(backup.check({ target: target }, places)).toEqual({ target });
  });

  test.each([
    ['a missing target', {}, /needs 'target'/],
    ['an empty target', { target: '' }, /needs 'target'/],
    ['a relative target', { target: 'backups' }, /absolute/],
    ['the data directory', { target: '~/.stint' }, /outside the data directory/],
    ['inside the data directory', { target: '~/.stint/backups' }, /outside the data directory/],
    ['keep=0', { target: '/backups', keep: '0' }, /at least 1/],
    ['keep=-1', { target: '/backups', keep: '-1' }, /at least 1/],
    ['keep=all', { target: '/backups', keep: 'all' }, /at least 1/],
    ['an unknown key', { target: '/backups', kep: '2' }, /no 'kep' setting/],
  ])('refuses %s', (_name, config, message) => {
    expect(refusal(config)).toMatch(message);
  });
});

describe('backup run', () => {
  const run = (config: Record<string, string>, now = NOW, id = 3) =>
    backup.run(makeJob('backup', config, id), runContext(store, places, now));

  test('copies the store into a folder named for the local time and the job, which reads back', async () => {
    const result = await run({ target });
    const copy = join(target, 'stint-20261122-031500-j3');
    expect(result).toMatch(new RegExp(`^backed up \\d+ files to ${copy}$`));
    expect(readdirSync(target)).toEqual(['stint-20261122-031500-j3']);
    expect(readdirSync(copy)).toContain('state.json');
    const months = readdirSync(join(places.dataDir, 'sessions')).sort();
    expect(months).toHaveLength(2);
    expect(readdirSync(join(copy, 'sessions')).sort()).toEqual(months);
    for (const month of months) {
      expect(readFileSync(join(copy, 'sessions', month), 'utf8')).toBe(readFileSync(join(places.dataDir, 'sessions', month), 'utf8'));
    }
    expect(await createFileStore(copy).read(ALL)).toEqual(await store.read(ALL));
  });

  test('a second run in the same second gets its own folder', async () => {
    await run({ target });
    await run({ target });
    expect(readdirSync(target).sort()).toEqual(['stint-20261122-031500-j3', 'stint-20261122-031500-j3-2']);
  });

  test("keep=2 keeps this job's two newest backups and touches nothing else", async () => {
    const others = ['stint-20200101-000000-j4', 'stint-20200101-000000-j30', 'stint-20200101-000000-j3.old'];
    for (const name of others) mkdirSync(join(target, name));
    // A file is not a backup, whatever its name.
    writeFileSync(join(target, 'stint-20200101-000000-j3'), 'mine');
    writeFileSync(join(target, 'notes.txt'), 'mine');

    expect(await run({ target, keep: '2' }, new Date('2026-11-20T02:15:00Z'))).not.toMatch(/removed/);
    await run({ target, keep: '2' }, new Date('2026-11-21T02:15:00Z'));
    expect(await run({ target, keep: '2' })).toMatch(/; removed 1 older backup$/);

    expect(readdirSync(target).sort()).toEqual(
      [...others, 'stint-20200101-000000-j3', 'notes.txt', 'stint-20261121-031500-j3', 'stint-20261122-031500-j3'].sort(),
    );
  });

  test('a same-second backup counts as newer than the first of that second', async () => {
    await run({ target, keep: '2' });
    await run({ target, keep: '2' });
    await run({ target, keep: '2' });
    expect(readdirSync(target).sort()).toEqual(['stint-20261122-031500-j3-2', 'stint-20261122-031500-j3-3']);
  });

  test('a target that does not exist yet is created (0700, parents too) by the first run', async () => {
    const gone = join(places.root, 'gone', 'backups');
    expect(await run({ target: gone })).toMatch(/^backed up \d+ files to /);
    expect(statSync(gone).mode & 0o777).toBe(0o700);
    expect(readdirSync(gone)).toEqual(['stint-20261122-031500-j3']);
  });

  test('a dry run does not create the target', async () => {
    const gone = join(places.root, 'gone');
    const result = await backup.run(makeJob('backup', { target: gone, keep: '1' }), runContext(store, places, NOW, true));
    expect(result).toBe(`would back up the store to ${join(gone, 'stint-20261122-031500-j3')}`);
    expect(existsSync(gone)).toBe(false);
  });

  test('a target inside the data directory is refused at run time too', async () => {
    await expect(run({ target: join(places.dataDir, 'b') })).rejects.toThrow(/outside the data directory/);
  });

  test('a target that is a symlink into the data directory is refused at run time', async () => {
    const link = join(places.root, 'innocent');
    symlinkSync(places.dataDir, link);
    const before = readdirSync(places.dataDir).sort();
    await expect(run({ target: link })).rejects.toThrow(/leads into the data directory/);
    expect(readdirSync(places.dataDir).sort()).toEqual(before);
  });
});

describe('what a backup holds, and when it fails', () => {
  const job = () => makeJob('backup', { target });

  test('every file of the store, settings and jobs included; not the lock, the cache or temporary files', async () => {
    await store.config.update((c) => {
      c.daily_goal_seconds = 7200;
    });
    await store.jobs.update((d) => {
      d.next_job_id = 4;
    });
    mkdirSync(join(places.dataDir, 'cache'));
    writeFileSync(join(places.dataDir, 'cache', 'tally-v1.json'), '{}');
    writeFileSync(join(places.dataDir, '.state.json.1.x.tmp'), 'half');
    await backup.run(job(), runContext(store, places, NOW));
    const [made] = readdirSync(target);
    const copied = readdirSync(join(target, made as string)).sort();
    expect(copied).toEqual(expect.arrayContaining(['config.json', 'jobs.json', 'sessions', 'state.json']));
    expect(copied).not.toContain('cache');
    expect(copied.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await createFileStore(join(target, made as string)).config.read()).daily_goal_seconds).toBe(7200);
  });

  test('a copy that does not read back as a store fails the run and leaves nothing behind', async () => {
    const root = JSON.parse(readFileSync(join(places.dataDir, 'state.json'), 'utf8'));
    writeFileSync(join(places.dataDir, root.months['2026-10'].file), '{"version": 2, "sessions": [');
    await expect(backup.run(job(), runContext(store, places, NOW))).rejects.toThrow(/2026-10.*not valid JSON/);
    expect(readdirSync(target)).toEqual([]);
  });

  test('no store to back up: a clear failure', async () => {
    const empty = tempPlaces();
    try {
      mkdirSync(join(empty.root, 'backups'));
      const run = backup.run(
        makeJob('backup', { target: join(empty.root, 'backups') }),
        runContext(createFileStore(empty.dataDir), empty, NOW),
      );
      await expect(run).rejects.toThrow(/there is no store to back up/);
    } finally {
      empty.cleanup();
    }
  });
});

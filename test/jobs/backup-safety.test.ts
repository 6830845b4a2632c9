import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { StintError } from '../../src/core/errors.js';
import { backup } from '../../src/jobs/backup.js';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL } from '../../src/store/store.js';
import { makeSession } from '../helpers/factories.js';
import { snapshotDir } from '../helpers/spawn.js';
import { makeJob, runContext, tempPlaces } from './helpers.js';

// 03:15:00 in Paris: this job's copies are named stint-20261122-031500-j3.
const NOW = new Date('2026-11-22T02:15:00Z');
const OLD = 'stint-20260101-000000-j3';

let places: ReturnType<typeof tempPlaces>;
let target: string;
beforeEach(() => {
  places = tempPlaces();
  target = join(places.root, 'backups');
  mkdirSync(target);
});
afterEach(() => places.cleanup());

async function seed(dataDir: string): Promise<void> {
  await createFileStore(dataDir).update(ALL, (data) => {
    data.sessions.push(makeSession({ id: 1, started_at: '2026-10-05T08:00:00Z', stopped_at: '2026-10-05T09:00:00Z' }));
    data.next_id = 2;
  });
}

const runIn = (dataDir: string, config: Record<string, string>, now = NOW) =>
  backup.run(makeJob('backup', config), runContext(createFileStore(dataDir), { home: places.home, dataDir }, now));

describe('a backup target is refused when it leads into the data directory', () => {
  test.each([
    ['a symlink to the data directory', () => symlinkSync(places.dataDir, join(places.root, 'link')), 'link'],
    ['a folder below such a link', () => symlinkSync(places.dataDir, join(places.root, 'link')), 'link/new/backups'],
    ['a link to a parent of the data directory', () => symlinkSync(places.home, join(places.root, 'up')), 'up/.stint/b'],
  ])('%s, at add and at run time', async (_name, makeLink, relative) => {
    await seed(places.dataDir);
    makeLink();
    const config = { target: join(places.root, relative) };
    expect(() => backup.check(config, places)).toThrow(StintError);
    expect(() => backup.check(config, places)).toThrow(/leads into the data directory/);
    const before = snapshotDir(places.dataDir);
    await expect(runIn(places.dataDir, config)).rejects.toThrow(/leads into the data directory/);
    expect(snapshotDir(places.dataDir)).toEqual(before);
  });

  test('a data directory that is itself a link: a target in the folder it points to', async () => {
    const realDir = join(places.root, 'real-store');
    mkdirSync(realDir);
    symlinkSync(realDir, places.dataDir);
    await seed(places.dataDir);
    const config = { target: join(realDir, 'backups') };
    expect(() => backup.check(config, places)).toThrow(/leads into the data directory/);
    await expect(runIn(places.dataDir, config)).rejects.toThrow(/leads into the data directory/);
    expect(readdirSync(realDir)).not.toContain('backups');
  });
});

describe('pruning removes only copies this job made, never a live store', () => {
  test('the live data directory under a backup-like name in the target is left whole', async () => {
    const live = join(target, OLD);
    await seed(live);
    const before = snapshotDir(live);
    const result = await runIn(live, { target, keep: '1' });
    expect(result).toMatch(new RegExp(`left ${OLD} \\(not marked as this job's copy\\)$`));
    expect(snapshotDir(live)).toEqual(before);
    expect(readdirSync(target).sort()).toEqual([OLD, 'stint-20261122-031500-j3']);
  });

  test("the live data directory carrying this job's mark (a restored copy) fails the run and removes nothing", async () => {
    await seed(places.dataDir);
    await runIn(places.dataDir, { target }, new Date('2025-12-31T23:00:00Z'));
    expect(readdirSync(target)).toEqual([OLD]);
    // The user restores that copy and points STINT_HOME at it where it lies.
    const live = join(target, OLD);
    const before = snapshotDir(live);
    await expect(runIn(live, { target, keep: '1' })).rejects.toThrow(
      new RegExp(`^backed up \\d+ files to .*, but refused to remove ${live}: it is or holds the data directory`),
    );
    expect(snapshotDir(live)).toEqual(before);
  });

  test('a marked copy that holds the data directory (a parent of it) is not removed', async () => {
    await seed(places.dataDir);
    await runIn(places.dataDir, { target }, new Date('2025-12-31T23:00:00Z'));
    const live = join(target, OLD, 'nested-store');
    await seed(live);
    await expect(runIn(live, { target, keep: '1' })).rejects.toThrow(/refused to remove .* holds the data directory/);
    expect(readdirSync(join(target, OLD))).toContain('nested-store');
  });

  test('a marked copy holding stint.lock (a store being written) is not removed', async () => {
    await seed(places.dataDir);
    await runIn(places.dataDir, { target }, new Date('2025-12-31T23:00:00Z'));
    mkdirSync(join(target, OLD, 'stint.lock'));
    await expect(runIn(places.dataDir, { target, keep: '1' })).rejects.toThrow(/holds stint.lock/);
    expect(readdirSync(target)).toContain(OLD);
  });

  test.each([
    ['no mark', (dir: string) => writeFileSync(join(dir, 'state.json'), '{}')],
    [
      'the mark of another name',
      (dir: string) => writeFileSync(join(dir, 'stint-backup.json'), '{"job_id":3,"name":"stint-20250101-000000-j3"}\n'),
    ],
    ['the mark of another job', (dir: string) => writeFileSync(join(dir, 'stint-backup.json'), `{"job_id":4,"name":"${OLD}"}\n`)],
  ])('a folder with the exact name but %s is left alone', async (_name, fill) => {
    await seed(places.dataDir);
    mkdirSync(join(target, OLD));
    fill(join(target, OLD));
    const result = await runIn(places.dataDir, { target, keep: '1' });
    expect(result).toMatch(/left stint-20260101-000000-j3/);
    expect(readdirSync(target).sort()).toEqual([OLD, 'stint-20261122-031500-j3']);
  });

  test("this job's own marked copies are pruned, also after the backups folder moved", async () => {
    await seed(places.dataDir);
    await runIn(places.dataDir, { target }, new Date('2025-12-31T23:00:00Z'));
    const moved = join(places.root, 'moved');
    cpSync(target, moved, { recursive: true });
    expect(await runIn(places.dataDir, { target: moved, keep: '1' })).toMatch(/; removed 1 older backup$/);
    expect(readdirSync(moved)).toEqual(['stint-20261122-031500-j3']);
  });

  test('a dry run names the marked copy it would remove and the unmarked one it would leave', async () => {
    await seed(places.dataDir);
    await runIn(places.dataDir, { target }, new Date('2025-12-31T23:00:00Z'));
    mkdirSync(join(target, 'stint-20250101-000000-j3'));
    const ctx = runContext(createFileStore(places.dataDir), places, NOW, true);
    const result = await backup.run(makeJob('backup', { target, keep: '1' }), ctx);
    expect(result).toMatch(/; would remove 1 older backup; left stint-20250101-000000-j3 \(not marked/);
    expect(readdirSync(target).sort()).toEqual(['stint-20250101-000000-j3', OLD]);
  });
});

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { harnessOn } from '../helpers/in-process.js';
import { snapshotDir, useWorkDir } from '../helpers/spawn.js';

// A hand-edited jobs.json that stint could not have written stops every jobs command with exit 1
// naming the file and why, and is left byte for byte as it was: no command reads it in part, and
// none writes it back (edit once wrote it before failing; disable, rm and run rewrote it).

let work = '';
useWorkDir('stint-jobs-file-', (dir) => {
  work = dir;
});

/** A job added through the command, then one field of it replaced by hand. */
async function handEdited(field: string, value: unknown) {
  const home = join(work, 'data');
  const h = harnessOn(createFileStore(home), { now: '2026-01-10T12:00:00Z' });
  const added = await h.run('jobs', 'add', 'daily', '--type', 'summary', '--cron', '@daily', '--config', `target=${join(work, 'd.md')}`);
  expect(added.code).toBe(0);
  const path = join(home, 'jobs.json');
  const data = JSON.parse(readFileSync(path, 'utf8'));
  data.jobs[0][field] = value;
  writeFileSync(path, JSON.stringify(data, null, 1));
  h.setNow('2026-01-12T12:00:00Z');
  return { home, h, path };
}

const COMMANDS = [
  ['jobs', 'list'],
  ['jobs', 'show', '1'],
  ['jobs', 'history', '1'],
  ['jobs', 'stats'],
  ['jobs', 'tick'],
  ['jobs', 'run', '1'],
  ['jobs', 'edit', '1', '--description', 'x'],
  ['jobs', 'disable', '1'],
  ['jobs', 'enable', '1'],
  ['jobs', 'rm', '1'],
  ['jobs', 'add', 'more', '--type', 'summary', '--cron', '@daily', '--config', 'target=/tmp/m.md'],
];

describe.each([
  ['schedule', 'bogus', 'job at index 0: invalid "schedule": \'bogus\' is not a cron expression: give five fields'],
  ['last_run', 5, 'job at index 0: invalid "last_run"'],
  ['created_at', 'yesterday', 'job at index 0: invalid "created_at"'],
])('a job whose %s is %j', (field, value, why) => {
  test.each(COMMANDS.map((args) => [args.slice(1).join(' '), args]))(
    'jobs %s: exit 1 naming jobs.json and why, nothing written',
    async (_name, args) => {
      const { home, h, path } = await handEdited(field, value);
      const before = snapshotDir(home);
      const result = await h.run(...args);
      expect(result).toEqual({ code: 1, stdout: '', stderr: expect.stringContaining(`stint: Store unreadable: ${path}: ${why}`) });
      expect(result.stderr).toMatch(/; the file was left untouched\n$/);
      expect(result.stderr).not.toMatch(/Internal error|bug/);
      expect(snapshotDir(home)).toEqual(before);
    },
  );
});

describe('jobs tick with nothing due', () => {
  test('with no store yet: says so, and creates nothing (no data directory, no lock)', async () => {
    const home = join(work, 'none');
    const h = harnessOn(createFileStore(home), { now: '2026-01-10T12:00:00Z' });
    expect(await h.run('jobs', 'tick')).toEqual({ code: 0, stdout: 'Nothing due.\n', stderr: '' });
    expect(await h.run('jobs', 'tick', '--json')).toEqual({ code: 0, stdout: '{"executions":[]}\n', stderr: '' });
    expect(existsSync(home)).toBe(false);
  });

  test('with jobs none of which is due: takes no lock and writes nothing', async () => {
    const { home, h } = await handEdited('description', 'still valid');
    h.setNow('2026-01-10T12:00:00Z');
    const before = snapshotDir(home);
    // The store locked by another writer: a tick with nothing due does not wait for it.
    mkdirSync(join(home, 'stint.lock'));
    writeFileSync(join(home, 'stint.lock', 'owner'), `elsewhere 1 1 - -\n`);
    expect(await h.run('jobs', 'tick')).toEqual({ code: 0, stdout: 'Nothing due.\n', stderr: '' });
    rmSync(join(home, 'stint.lock'), { recursive: true });
    expect(snapshotDir(home)).toEqual(before);
  });
});

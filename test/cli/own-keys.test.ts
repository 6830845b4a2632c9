import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { settingNamed } from '../../src/core/config.js';
import { parseConfigPairs } from '../../src/core/jobs.js';
import { createFileStore } from '../../src/store/file-store.js';
import { harnessOn } from '../helpers/in-process.js';
import { snapshotDir, useWorkDir } from '../helpers/spawn.js';

// Settings and job configs are looked up as own keys only: the names every object inherits
// are unknown keys like any other (exit 2), never an internal error, never stored.

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

let work = '';
useWorkDir('stint-own-keys-', (dir) => {
  work = dir;
});

/** Commands run in-process against a real file store, so "unchanged" means the bytes on disk. */
function onDisk() {
  const home = join(work, 'data');
  const h = harnessOn(createFileStore(home), { now: '2026-01-10T12:00:00Z' });
  return { home, h };
}

describe('config get and set', () => {
  test.each(PROTOTYPE_NAMES)('settingNamed(%j) is an unknown setting', (name) => {
    expect(() => settingNamed(name)).toThrow(expect.objectContaining({ code: 'invalid_input', title: 'Unknown setting' }));
  });

  test.each(PROTOTYPE_NAMES.flatMap((name) => [[['get', name]], [['set', name, '5h']]]))(
    'config %j: exit 2, nothing stored',
    async (args) => {
      const { home, h } = onDisk();
      expect((await h.run('config', 'set', 'daily_goal', '3h')).code).toBe(0);
      const before = snapshotDir(home);
      const result = await h.run('config', ...args);
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `stint: Unknown setting: '${args[1]}' is not a setting (forgotten_after, daily_goal, week_start)\n`,
      });
      expect(snapshotDir(home)).toEqual(before);
    },
  );
});

describe('jobs --config', () => {
  test('parseConfigPairs keeps __proto__ as a key of its own', () => {
    const pairs = parseConfigPairs(['__proto__=x', 'target=/t']);
    expect(Object.keys(pairs)).toEqual(['__proto__', 'target']);
    expect(Object.getPrototypeOf(pairs)).toBeNull();
  });

  test.each(PROTOTYPE_NAMES)('jobs add --config %s=x: exit 2, nothing stored', async (name) => {
    const { home, h } = onDisk();
    expect((await h.run('config', 'set', 'daily_goal', '3h')).code).toBe(0);
    const before = snapshotDir(home);
    const result = await h.run(
      'jobs',
      'add',
      'nightly',
      '--type',
      'backup',
      '--cron',
      '@daily',
      '--config',
      `target=${work}/b`,
      '--config',
      `${name}=x`,
    );
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `stint: Invalid config: A backup job has no '${name}' setting (it takes target, keep)\n`,
    });
    expect(snapshotDir(home)).toEqual(before);
  });

  test.each(PROTOTYPE_NAMES.flatMap((name) => [[`${name}=x`], [`${name}=`]]))(
    'jobs edit --config %s: exit 2, jobs.json unchanged',
    async (pair) => {
      const { home, h } = onDisk();
      expect((await h.run('jobs', 'add', 'nightly', '--type', 'backup', '--cron', '@daily', '--config', `target=${work}/b`)).code).toBe(0);
      const before = snapshotDir(home);
      const result = await h.run('jobs', 'edit', '1', '--config', pair);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const name = pair.slice(0, pair.indexOf('='));
      expect(result.stderr).toBe(
        pair.endsWith('=')
          ? `stint: Invalid config: Job #1 has no '${name}' setting to remove (it has target)\n`
          : `stint: Invalid config: A backup job has no '${name}' setting (it takes target, keep)\n`,
      );
      expect(snapshotDir(home)).toEqual(before);
    },
  );

  test('jobs edit key= still removes a setting the job has', async () => {
    const { h } = onDisk();
    await h.run('jobs', 'add', 'nightly', '--type', 'backup', '--cron', '@daily', '--config', `target=${work}/b`, '--config', 'keep=3');
    const edited = await h.run('jobs', 'edit', '1', '--config', 'keep=', '--json');
    expect(edited.code).toBe(0);
    expect(JSON.parse(edited.stdout).config).toEqual({ target: `${work}/b` });
  });
});

describe('a hand-edited __proto__ in a stored file', () => {
  const job = (config: string) =>
    `{"id":1,"name":"n","type":"backup","schedule":"@daily","config":${config},"enabled":true,"created_at":"2026-01-01T00:00:00Z"}`;
  test.each([
    ['config.json', 'a __proto__ key', '{"version":1,"__proto__":{"daily_goal_seconds":60}}\n', ['config', 'list']],
    ['config.json', 'an unknown key', '{"version":1,"colour":"red"}\n', ['config', 'get', 'daily_goal']],
    [
      'jobs.json',
      'a __proto__ key',
      '{"version":1,"next_job_id":1,"next_execution_id":1,"jobs":[],"executions":[],"__proto__":{}}\n',
      ['jobs', 'list'],
    ],
    [
      'jobs.json',
      "a __proto__ key in a job's config",
      `{"version":1,"next_job_id":2,"next_execution_id":1,"jobs":[${job('{"target":"/t","__proto__":"x"}')}],"executions":[]}\n`,
      ['jobs', 'edit', '1', '--cron', '@hourly'],
    ],
  ])('%s with %s is refused, exit 1 naming the file, left as it was', async (file, _what, text, args) => {
    const { home, h } = onDisk();
    mkdirSync(home);
    writeFileSync(join(home, file), text);
    const before = snapshotDir(home);
    const result = await h.run(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^stint: Store unreadable: ${join(home, file).replace(/[.]/g, '\\.')}: .*(unknown key|"__proto__").*; the file was left untouched\\n$`,
      ),
    );
    // Named once: config.json's message once said its path twice.
    expect(result.stderr.split(join(home, file))).toHaveLength(2);
    expect(snapshotDir(home)).toEqual(before);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, useWorkDir } from '../helpers/spawn.js';

// The built bin: the plain forms of status, start and stop run dist/hot.cjs (the boot picks it
// from argv, and names its code cache hot-<command>); every other form runs the full program.

let work = '';
useWorkDir('stint-hot-', (dir) => {
  work = dir;
  mkdirSync(join(dir, 'data'));
});

const stint = (...args: string[]) => stintWith([], ...args);

const stintWith = (nodeOptions: string[], ...args: string[]) => {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: join(work, 'no-home-writes-here'),
    STINT_HOME: join(work, 'data'),
    STINT_NOW: '2026-03-02T09:00:00Z',
    TZ: 'UTC',
  };
  const run = spawnSync(process.execPath, [...nodeOptions, BIN, ...args], { env, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};
/** The commands whose code cache a run made: which bundle ran them. */
const caches = () =>
  readdirSync(join(work, 'data', 'cache'))
    .filter((name) => name.startsWith('v8-'))
    .map((name) => name.replace(/^v8-[0-9a-f]{16}-/, '').replace(/-v\d.*$/, ''))
    .sort();

const session = (stopped: string | null) =>
  `{"session_id":1,"task_name":"coding","started_at":"2026-03-02T09:00:00Z","stopped_at":${stopped},"duration_seconds":0,"status":"${stopped ? 'completed' : 'running'}","planned_seconds":null,"paused_seconds":0,"tags":["work"],"note":null}`;

describe('the hot path of the built bin', () => {
  test('each plain form prints, fails and exits as the full program does, through dist/hot.cjs', () => {
    expect(stint()).toEqual({
      code: 0,
      stdout:
        'Nothing running. Start a timer with: stint start <task>\n\nNext: stint start <task> · stint start <task> --for 25m · stint report --week · stint stats · stint --help\n',
      stderr: '',
    });
    expect(stint('start', 'coding', '--tag', 'work')).toEqual({ code: 0, stdout: 'Started coding (#1) at 09:00.\n', stderr: '' });
    expect(stint('status', '--short')).toEqual({ code: 0, stdout: 'coding 0:00:00\n', stderr: '' });
    expect(stint('--json')).toEqual({
      code: 0,
      stdout: `{"sessions":[${session(null)}],"total":1,"warnings":[],"focus":null}\n`,
      stderr: '',
    });
    expect(stint('start', 'bad!name')).toEqual({
      code: 2,
      stdout: '',
      stderr: "stint: Invalid task name: Task name may contain only letters, digits, '-' and '_'\n",
    });
    expect(stint('stop', '9', '--json')).toEqual({
      code: 3,
      stdout: '',
      stderr: '{"error":"Session not found","message":"No session with ID 9"}\n',
    });
    expect(stint('stop', '--json')).toEqual({ code: 0, stdout: `${session('"2026-03-02T09:00:00Z"')}\n`, stderr: '' });
    expect(stint('stop')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'stint: No running session: There is no running or paused session to stop\n',
    });
    expect(caches()).toEqual(['hot-start', 'hot-status', 'hot-stop']);
  });

  test('any other form falls through to the full program', () => {
    expect(stint('start', 'coding', '--for', '1s')).toEqual({
      code: 2,
      stdout: '',
      stderr: "stint: Invalid duration: '1s' is out of range 60 s–24 h\n",
    });
    const help = stint('stop', '--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: stint stop \[options\] \[id\]\n[\s\S]*\n {2}stint stop --all --json\n$/);
    expect(stint('status', '--bogus')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^stint: Invalid usage: unknown option '--bogus'/),
    });
    expect(caches()).toEqual(['start', 'status', 'stop']);
  });

  test('dist/hot.cjs holds neither commander nor the live view it never runs', () => {
    const bundle = readFileSync(resolve(import.meta.dirname, '../../dist/hot.cjs'), 'utf8');
    expect(bundle).not.toContain('commander.unknownOption');
    expect(bundle).toContain('./watch.js is not in dist/hot.cjs');
    expect(readFileSync(resolve(import.meta.dirname, '../../dist/stint.cjs'), 'utf8')).toContain('commander.unknownOption');
  });

  // Each Node module a run loads is compiled or deserialized on every run (issue 13's startup
  // budgets): these are the ones the hot forms once loaded only because of how they were called.
  test.each([
    [['status'], ['os']],
    [['start', 'coding'], ['os']],
    [['stop'], ['os', 'internal/fs/rimraf']],
  ])('%j loads none of %j', (args, modules) => {
    if (args[0] === 'stop') expect(stint('start', 'coding').code).toBe(0);
    const loaded = join(work, 'loaded.json');
    const preload = join(work, 'loaded.cjs');
    // process.moduleLoadList: Node's own list of the modules this process loaded, read at exit.
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(process.moduleLoadList)));\n`,
    );
    expect(stintWith(['--require', preload], ...args)).toMatchObject({ code: 0, stderr: '' });
    const list = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
    expect(list).toContain('NativeModule fs');
    for (const module of modules) expect(list).not.toContain(`NativeModule ${module}`);
  });
});

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Session } from '../../src/core/session.js';
import { makeSession } from '../helpers/factories.js';
import { skipWithout } from '../helpers/programs.js';
import { seedStore } from '../helpers/seed.js';
import { BIN, stint, useTempHome } from '../helpers/spawn.js';

// The scripts printed by the built bin, run by the real shells, calling the real `stint
// __complete` through a `stint` on PATH.

const now = '2026-01-20T12:00:00Z';
const has = (shell: string) => spawnSync(shell, ['--version'], { stdio: 'ignore' }).status === 0;

let home = '';
useTempHome((dir) => (home = dir));

const sessions: Session[] = [
  makeSession({ id: 1, task: 'reading', tags: ['home', 'books'], started_at: '2026-01-19T08:00:00Z', stopped_at: '2026-01-19T09:00:00Z' }),
  makeSession({ id: 2, task: 'writing', tags: ['work'], started_at: '2026-01-20T08:00:00Z', stopped_at: '2026-01-20T09:00:00Z' }),
  makeSession({ id: 3, task: 'coding', started_at: '2026-01-20T10:00:00Z', stopped_at: null, status: 'running' }),
];

let bin = '';
let env: Record<string, string> = {};

beforeEach(async () => {
  await seedStore(home, sessions);
  // The folder that holds the data directory is the test's own, removed after it.
  bin = join(dirname(home), 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'stint'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'stint'), 0o755);
  // A HOME of their own for the shells (fish keeps state there), inside the test's folder.
  env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: join(dirname(home), 'home'),
    STINT_HOME: home,
    STINT_NOW: now,
    TZ: 'Europe/Paris',
  };
});

/** What `stint completion <shell>` prints, asked once per shell: it does not depend on the store. */
const printed = new Map<string, Promise<string>>();
function printedScript(shell: 'bash' | 'zsh' | 'fish'): Promise<string> {
  const text =
    printed.get(shell) ??
    stint(['completion', shell], { home, now }).then((result) => {
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      return result.stdout;
    });
  printed.set(shell, text);
  return text;
}

/** Writes the script `stint completion <shell>` prints, and returns its path. */
async function script(shell: 'bash' | 'zsh' | 'fish'): Promise<string> {
  const file = join(dirname(home), shell === 'zsh' ? '_stint' : `stint.${shell}`);
  writeFileSync(file, await printedScript(shell));
  return file;
}

/** COMP_WORDS as bash splits a line: on blanks, and = and : (in COMP_WORDBREAKS) as words of their own. */
const compWords = (line: string): string[] =>
  line.split(' ').flatMap((word) => word.split(/([=:])/).filter((part, i, all) => part !== '' || i === all.length - 1));

describe('bash', () => {
  let file = '';
  beforeEach(async () => {
    file = await script('bash');
  });

  function complete(line: string): string[] {
    const words = compWords(line);
    const program = `source "$1"; shift; COMP_LINE="$1"; COMP_POINT=\${#COMP_LINE}; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _stint; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', program, 'bash', file, line, ...words], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return run.stdout.split('\n').filter((word) => word !== '');
  }

  test.each([
    ['stint sta', ['start', 'stats', 'status']],
    ['stint l', ['list', 'ls']],
    ['stint jobs h', ['help', 'history']],
    ['stint list --status ', ['abandoned', 'completed', 'partial', 'paused', 'running']],
    ['stint ls --status=p', ['partial', 'paused']],
    ['stint stop --as ', ['abandoned', 'completed', 'partial']],
    ['stint report --week --by ', ['day', 'tag', 'task']],
    ['stint completion ', ['bash', 'fish', 'zsh']],
    ['stint stop --at ', []],
    ['stint list --st', ['--status']],
    ['stint jobs add nightly --ty', ['--type']],
    ['stint start --j', ['--json']],
  ])('%j completes %j', (line, expected) => {
    expect(complete(line).sort()).toEqual(expected);
  });

  test.each([
    ['stint stop ', ['3']],
    ['stint stop --at 11:30 ', ['3']],
    ['stint show ', ['3', '2', '1']],
    // An ID already on the line is not offered again (it was, before issue 15).
    ['stint rm 2 ', ['3', '1']],
    ['stint rm 3 1 ', ['2']],
    ['stint list --tag ', ['work', 'home', 'books']],
    ['stint start x --tag h', ['home']],
    ['stint start ', ['coding', 'writing', 'reading']],
    ['stint list --task w', ['writing']],
  ])('%j completes %j from the store', (line, expected) => {
    expect(complete(line)).toEqual(expected);
  });

  test('files for import and --output', () => {
    writeFileSync(join(dirname(home), 'frames.json'), '[]');
    expect(complete(`stint import ${dirname(home)}/fra`)).toEqual([`${dirname(home)}/frames.json`]);
    expect(complete(`stint export --output ${dirname(home)}/fra`)).toEqual([`${dirname(home)}/frames.json`]);
  });
});

describe.skipIf(skipWithout(has('zsh')))('zsh', () => {
  const zsh = (command: string) => spawnSync('zsh', ['-f', '-c', command], { env, encoding: 'utf8' });

  /**
   * compinit with a dump of the system's completions, as a user's shell has it (compinit keeps
   * ~/.zcompdump): the dump is made once for the file, before its tests, since a compinit that
   * scans every function in $fpath costs ~2 CPU s (over 30 s on a loaded machine). The test of a
   * script found in $fpath scans for real (-D).
   */
  let dump = '';
  beforeAll(() => {
    dump = join(mkdtempSync(join(tmpdir(), 'stint-zcompdump-')), 'zcompdump');
    const run = spawnSync('zsh', ['-f', '-c', `autoload -Uz compinit && compinit -u -d '${dump}'`], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
  afterAll(() => rmSync(dirname(dump), { recursive: true, force: true }));
  const compinit = () => `autoload -Uz compinit; compinit -C -d '${dump}'`;

  test('zsh -n accepts the script', async () => {
    const run = spawnSync('zsh', ['-n', await script('zsh')], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('sourced after compinit, it registers _stint for stint', async () => {
    const run = zsh(`${compinit()} && source "${await script('zsh')}" && print -r -- $_comps[stint]`);
    expect({ stdout: run.stdout, stderr: run.stderr }).toEqual({ stdout: '_stint\n', stderr: '' });
  });

  test('IDs are listed with their task and status, newest first, without one already on the line', async () => {
    // An interactive zsh in a pseudo-terminal (zsh/zpty): the line typed, TAB, then the listing
    // zsh draws. DONE (typed DO''NE) marks its end; the escapes of the terminal are dropped.
    const driver = [
      'zmodload zsh/zpty',
      'zpty z zsh -f -i',
      `zpty -w z "PROMPT='> '; ${compinit()}; source '${await script('zsh')}'; zstyle ':completion:*' list-separator '--'; print RE''ADY"`,
      "zpty -r z out '*READY*'",
      "zpty -w -n z $'stint rm 2 \\t'",
      'sleep 1',
      "zpty -w z $'\\C-e\\C-u print DO\\'\\'NE'",
      "zpty -r z out '*DONE*'",
      'print -r -- "$out"',
      'zpty -d z',
    ].join('\n');
    const run = spawnSync('zsh', ['-f', '-c', driver], { env, encoding: 'utf8', timeout: 60_000 });
    const screen = run.stdout.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').replace(/\r/g, '');
    const listed = screen
      .split('\n')
      .map((line) => /^(\d+(?: +\d+)*) +-- (.+?) *$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => `${match[1]} -- ${match[2]}`);
    expect({ listed, stderr: run.stderr }).toEqual({ listed: ['3 -- coding (running)', '1 -- reading (completed)'], stderr: '' });
  }, 90_000);

  test('saved as _stint in $fpath, compinit finds it by its #compdef line', async () => {
    const dir = dirname(await script('zsh'));
    const run = zsh(`fpath=("${dir}" $fpath); autoload -Uz compinit && compinit -u -D && print -r -- $_comps[stint]`);
    expect({ stdout: run.stdout, stderr: run.stderr }).toEqual({ stdout: '_stint\n', stderr: '' });
  }, 90_000);
});

describe.skipIf(skipWithout(has('fish')))('fish', () => {
  let file = '';
  beforeEach(async () => {
    file = await script('fish');
  });

  /** What fish offers for a line (`complete -C`), values only. */
  function complete(line: string): string[] {
    const run = spawnSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', file, line], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return run.stdout
      .split('\n')
      .filter((entry) => entry !== '')
      .map((entry) => entry.split('\t')[0] ?? '');
  }

  test('fish -n accepts the script', () => {
    const run = spawnSync('fish', ['--no-config', '-n', file], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test.each([
    ['stint sta', ['start', 'stats', 'status']],
    ['stint stop --as ', ['abandoned', 'completed', 'partial']],
    ['stint list --status ', ['abandoned', 'completed', 'partial', 'paused', 'running']],
    ['stint jobs ad', ['add']],
    ['stint jobs list --ty', ['--type']],
  ])('%j completes %j', (line, expected) => {
    expect(complete(line).sort()).toEqual(expected);
  });

  test.each([
    ['stint stop ', ['3']],
    ['stint start ', ['coding', 'writing', 'reading']],
    ['stint show ', ['3', '2', '1']],
  ])('%j completes %j from the store, in its order', (line, expected) => {
    expect(complete(line)).toEqual(expected);
  });

  test('IDs come with their task and status; one already on the line is not offered; tags for --tag', () => {
    const run = spawnSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', file, 'stint rm 2 '], {
      env,
      encoding: 'utf8',
    });
    expect(run.stdout).toBe('3\tcoding (running)\n1\treading (completed)\n');
    expect(complete('stint list --tag ')).toEqual(['work', 'home', 'books']);
  });

  test('rm and jobs rm are told apart', () => {
    expect(complete('stint rm ').sort()).toEqual(['1', '2', '3']);
    expect(complete('stint jobs rm ')).toEqual([]);
  });
});

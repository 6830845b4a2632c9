import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Session } from '../../src/core/session.js';
import { promptFunction, type PromptShell } from '../../src/render/prompt.js';
import { shortStatus } from '../../src/render/session-text.js';
import { PROMPT_STATE_FILE, resolveDataDir, resolveHome } from '../../src/store/paths.js';
import { encodePromptState, PROMPT_STATE_VERSION } from '../../src/store/prompt-state.js';
import { makeSession } from '../helpers/factories.js';
import { skipWithout, which } from '../helpers/programs.js';
import { tempHome } from '../helpers/spawn.js';

// The shell functions against shortStatus itself, over the edges of the clock and of formatSpan
// (59 s, 60 s, whole hours, past a day), without the built bin: the state file is encoded here.

const START = '2026-01-15T09:00:00Z';
const later = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();
const running = (overrides: Partial<Session> = {}) =>
  makeSession({ task: 'coding', started_at: START, stopped_at: null, status: 'running', ...overrides });

const CASES: [name: string, active: Session[], seconds: number][] = [
  ['idle', [], 10],
  ['a running timer at its start', [running()], 0],
  ['a running timer, hours past a day', [running()], 93_905],
  ['a timer seen before it started', [running()], -30],
  ['a non-ASCII task name', [running({ task: 'ändern_日本' })], 61],
  ...[0, 1, 59, 60, 61, 119, 3599, 3600, 3659, 3660, 7199, 90_000].map((left): [string, Session[], number] => [
    `focus, ${left}s left`,
    [running({ planned_seconds: 100_000 })],
    100_000 - left,
  ]),
  ...[1, 59, 60, 3600, 3660, 4500, 93_900].map((over): [string, Session[], number] => [
    `focus, ${over}s over`,
    [running({ planned_seconds: 60 })],
    60 + over,
  ]),
  [
    'paused focus with closed pauses, three active',
    [
      running({ id: 1, started_at: '2026-01-15T08:00:00Z' }),
      running({
        id: 2,
        started_at: '2026-01-15T08:30:00Z',
        status: 'paused',
        pauses: [{ started_at: '2026-01-15T08:31:00Z', ended_at: null }],
      }),
      running({
        id: 3,
        task: 'deep',
        status: 'paused',
        planned_seconds: 1500,
        pauses: [
          { started_at: '2026-01-15T09:01:00Z', ended_at: '2026-01-15T09:02:30Z' },
          { started_at: '2026-01-15T09:10:00Z', ended_at: null },
        ],
      }),
    ],
    7200,
  ],
  ['a pause that began after now', [running({ status: 'paused', pauses: [{ started_at: later(100), ended_at: null }] })], 50],
];

const LOAD: Record<PromptShell, string> = {
  bash: 'eval "$SCRIPT"; stint_prompt',
  zsh: 'eval "$SCRIPT"; stint_prompt',
  fish: 'echo $SCRIPT | source; stint_prompt',
};
/** Calls the function with a format argument instead. */
const withFormat = (shell: PromptShell, format: string) => `${LOAD[shell]} '${format}'`;

let root = '';
let cleanup = () => undefined as void;
beforeAll(() => {
  const made = tempHome();
  root = made.home;
  cleanup = made.cleanup;
});
afterAll(() => cleanup());

function runPrompt(shell: PromptShell, home: string, now: string, call = LOAD[shell]): Promise<string> {
  const script = promptFunction(shell, { file: PROMPT_STATE_FILE, version: PROMPT_STATE_VERSION, accountHome: null });
  const env = { PATH: process.env.PATH ?? '', HOME: home, STINT_HOME: home, STINT_NOW: now, SCRIPT: script };
  return new Promise((resolve, reject) => {
    execFile(shell, ['-c', call], { env }, (error, stdout, stderr) => {
      if (error || stderr !== '') reject(new Error(`${shell}: ${stderr}`));
      else resolve(stdout);
    });
  });
}

describe.each(['bash', 'zsh', 'fish'] as const)('%s prompt function', (shell) => {
  test.skipIf(skipWithout(which(shell) !== undefined)).each(CASES)('%s', async (name, active, seconds) => {
    const home = join(root, shell, name.replace(/\W+/g, '-'));
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, PROMPT_STATE_FILE), encodePromptState(active));
    const now = later(seconds);
    expect(await runPrompt(shell, home, now)).toBe(shortStatus(active, new Date(now)));
  });

  test.skipIf(skipWithout(which(shell) !== undefined))('prints nothing without a state file, or with a newer format', async () => {
    const home = join(root, shell, 'formats');
    mkdirSync(home, { recursive: true });
    expect(await runPrompt(shell, home, START)).toBe('');
    writeFileSync(join(home, PROMPT_STATE_FILE), encodePromptState([running()]).replace(/^1\n/, '2\n'));
    expect(await runPrompt(shell, home, START)).toBe('');
  });

  test.skipIf(skipWithout(which(shell) !== undefined))('a format argument wraps the timer, and only the timer', async () => {
    const home = join(root, shell, 'format');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, PROMPT_STATE_FILE), encodePromptState([running()]));
    expect(await runPrompt(shell, home, later(65), withFormat(shell, '[%s] '))).toBe('[coding 0:01:05] ');
    writeFileSync(join(home, PROMPT_STATE_FILE), encodePromptState([]));
    expect(await runPrompt(shell, home, later(65), withFormat(shell, '[%s] '))).toBe('');
  });
});

// Where the function looks must be where the CLI looks, whatever HOME and STINT_HOME hold: an
// empty HOME is an unset one (the user database's home, written into the function), never `/`.
describe.each(['bash', 'zsh', 'fish'] as const)('%s prompt function finds the store the CLI uses', (shell) => {
  type Env = Record<string, string>;
  /** Each candidate place holds a timer of its own name, so the output says which was read. */
  const places = () => {
    const base = join(root, shell, 'places');
    const dirs = { account: join(base, "it's the account"), home: join(base, 'home'), stint: join(base, 'stint'), cwd: join(base, 'cwd') };
    const stores = {
      account: join(dirs.account, '.stint'),
      home: join(dirs.home, '.stint'),
      stint: dirs.stint,
      cwd: join(dirs.cwd, '.stint'),
    };
    for (const [name, dir] of Object.entries(stores)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, PROMPT_STATE_FILE), encodePromptState([running({ task: name })]));
    }
    return { dirs, stores };
  };
  /**
   * zsh and fish set HOME from the user database when it is unset (fish also when it is empty),
   * which is the CLI's rule with the real database: HOME is emptied or unset inside the shell,
   * so the function's own fallback is what is tested. stdin is not a socket, or bash would read
   * ~/.bashrc as when started by sshd.
   */
  const runIn = (env: Env, cwd: string, accountHome: string | null): string => {
    const script = promptFunction(shell, { file: PROMPT_STATE_FILE, version: PROMPT_STATE_VERSION, accountHome });
    const full: Env = { PATH: process.env.PATH ?? '', STINT_NOW: later(10), SCRIPT: script, ...env };
    const home =
      env.HOME === undefined
        ? shell === 'fish'
          ? 'set -e HOME; '
          : 'unset HOME; '
        : shell === 'fish'
          ? `set -gx HOME '${env.HOME}'; `
          : '';
    const run = spawnSync(shell, ['-c', `${home}${LOAD[shell]}`], { env: full, cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (run.status !== 0 || run.stderr !== '') throw new Error(`${shell}: ${run.stderr}`);
    return run.stdout;
  };

  // The store each case must read, written out: the CLI's own resolution must agree with it too.
  test.skipIf(skipWithout(which(shell) !== undefined)).each([
    ['HOME empty', { HOME: '' }, 'account'],
    ['HOME and STINT_HOME empty', { HOME: '', STINT_HOME: '' }, 'account'],
    ['HOME set', { HOME: 'home' }, 'home'],
    ['STINT_HOME set, HOME empty', { HOME: '', STINT_HOME: 'stint' }, 'stint'],
    ['HOME unset', {}, 'account'],
  ])('%s', (_name, given: Env, store: string) => {
    const { dirs, stores } = places();
    const env = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v === 'home' ? dirs.home : v === 'stint' ? stores.stint : v]));
    const cliDir = resolveDataDir(
      env,
      resolveHome(env, () => dirs.account),
    );
    const expected = Object.entries(stores).find(([, dir]) => dir === cliDir)?.[0];
    expect(expected).toBe(store);
    expect(runIn(env, dirs.cwd, dirs.account)).toBe(`${store} 0:00:10`);
  });

  test.skipIf(skipWithout(which(shell) !== undefined))(
    'HOME empty and no home in the user database: nothing, as the CLI refuses to run',
    () => {
      const { dirs } = places();
      expect(() => resolveHome({ HOME: '' }, () => null)).toThrow(expect.objectContaining({ title: 'No home directory' }));
      expect(runIn({ HOME: '' }, dirs.cwd, null)).toBe('');
    },
  );
});

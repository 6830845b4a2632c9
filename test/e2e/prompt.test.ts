import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { skipWithout, which } from '../helpers/programs.js';
import { seedWith } from '../helpers/in-home.js';
import { BIN, stint, tempHome } from '../helpers/spawn.js';

// The prompt function reads prompt.state in a shell, without Node: for the same store and the
// same STINT_NOW it must print exactly what `stint status --short` prints.

interface ShellCase {
  shell: 'bash' | 'zsh' | 'fish';
  /** Loads the function the way the README says, then calls it. */
  script: string;
}

const SHELLS: ShellCase[] = [
  { shell: 'bash', script: 'eval "$("$NODE" "$STINT_BIN" prompt bash)"; stint_prompt' },
  { shell: 'zsh', script: 'eval "$("$NODE" "$STINT_BIN" prompt zsh)"; stint_prompt' },
  { shell: 'fish', script: '"$NODE" "$STINT_BIN" prompt fish | source; stint_prompt' },
];

/**
 * The same function, printed once per shell and handed to each run in $PROMPT_FUNCTION: the first
 * case of each shell loads it as the README says (above), the others need not start Node for it.
 */
const PRELOADED: Record<ShellCase['shell'], string> = {
  bash: 'eval "$PROMPT_FUNCTION"; stint_prompt',
  zsh: 'eval "$PROMPT_FUNCTION"; stint_prompt',
  fish: 'echo "$PROMPT_FUNCTION" | source; stint_prompt',
};

interface State {
  name: string;
  /** Commands that make the state, each at its own STINT_NOW. */
  steps: [now: string, args: string[]][];
  /** Instants to look at, and what status --short shows then. */
  checks: [now: string, expected: string][];
}

const STATES: State[] = [
  { name: 'a store that never wrote', steps: [], checks: [['2026-01-15T10:00:00Z', '']] },
  {
    name: 'idle after a stop',
    steps: [
      ['2026-01-15T09:00:00Z', ['start', 'coding']],
      ['2026-01-15T09:30:00Z', ['stop']],
    ],
    checks: [['2026-01-15T10:00:00Z', '']],
  },
  {
    name: 'one running',
    steps: [['2026-01-15T09:00:00Z', ['start', 'coding']]],
    checks: [
      ['2026-01-15T09:00:00Z', 'coding 0:00:00'],
      ['2026-01-15T10:02:03Z', 'coding 1:02:03'],
      ['2026-01-16T11:00:05.900Z', 'coding 26:00:05'],
    ],
  },
  {
    name: 'paused, after an earlier pause',
    steps: [
      ['2026-01-15T09:00:00Z', ['start', 'coding']],
      ['2026-01-15T09:10:00Z', ['pause']],
      ['2026-01-15T09:12:30Z', ['resume']],
      ['2026-01-15T09:30:00Z', ['pause']],
    ],
    checks: [
      ['2026-01-15T09:30:00Z', 'coding 0:27:30 (paused)'],
      ['2026-01-15T12:00:00Z', 'coding 0:27:30 (paused)'],
    ],
  },
  {
    name: 'focus with time left',
    steps: [['2026-01-15T09:00:00Z', ['start', 'deep', '--for', '25m']]],
    checks: [
      ['2026-01-15T09:10:00Z', 'deep 0:10:00 (15m left)'],
      ['2026-01-15T09:10:59Z', 'deep 0:10:59 (14m left)'],
      ['2026-01-15T09:24:25Z', 'deep 0:24:25 (35s left)'],
      ['2026-01-15T09:25:00Z', 'deep 0:25:00 (0s left)'],
    ],
  },
  {
    name: 'focus, paused',
    steps: [
      ['2026-01-15T09:00:00Z', ['start', 'deep', '--for', '2h']],
      ['2026-01-15T09:05:00Z', ['pause']],
    ],
    checks: [['2026-01-15T11:00:00Z', 'deep 0:05:00 (paused) (1h 55m left)']],
  },
  {
    name: 'focus in overtime',
    steps: [['2026-01-15T09:00:00Z', ['start', 'deep', '--for', '1h']]],
    checks: [
      ['2026-01-15T09:00:42Z', 'deep 0:00:42 (59m left)'],
      ['2026-01-15T10:00:01Z', 'deep 1:00:01 (1s over)'],
      ['2026-01-15T11:00:30Z', 'deep 2:00:30 (1h over)'],
      ['2026-01-15T11:15:30Z', 'deep 2:15:30 (1h 15m over)'],
    ],
  },
  {
    name: 'two active',
    steps: [
      ['2026-01-15T09:00:00Z', ['start', 'coding']],
      ['2026-01-15T09:30:00Z', ['start', 'email']],
    ],
    checks: [['2026-01-15T09:40:00Z', 'email 0:10:00 +1']],
  },
];

const homes = new Map<string, string>();
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  for (const state of STATES) {
    const { home, cleanup } = tempHome();
    cleanups.push(cleanup);
    homes.set(state.name, home);
    // In-process, through the real file store (which writes prompt.state): what is proven here
    // is the shell function reading it.
    for (const [now, args] of state.steps) await seedWith(args, { home, now });
  }
});
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

function runShell({ shell, script }: ShellCase, home: string, now: string, promptFunction = ''): Promise<string> {
  const env = {
    PROMPT_FUNCTION: promptFunction,
    PATH: process.env.PATH ?? '',
    HOME: join(home, 'no-home-writes-here'),
    TZ: 'Europe/Paris',
    STINT_HOME: home,
    STINT_NOW: now,
    NODE: process.execPath,
    STINT_BIN: BIN,
  };
  return new Promise((resolve, reject) => {
    execFile(shell, ['-c', script], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${shell} failed: ${stderr}`));
      else if (stderr !== '') reject(new Error(`${shell} wrote to stderr: ${stderr}`));
      else resolve(stdout);
    });
  });
}

const cases = STATES.flatMap((state) => state.checks.map(([now, expected]) => ({ state: state.name, now, expected })));

/** `status --short` at each case, asked once for all three shells, in-process (the same command and store). */
const statuses = new Map<string, Promise<string>>();
function statusShort(home: string, now: string): Promise<string> {
  const key = `${home} ${now}`;
  const text = statuses.get(key) ?? seedWith(['status', '--short'], { home, now }).then((status) => status.stdout.replace(/\n$/, ''));
  statuses.set(key, text);
  return text;
}

describe.each(SHELLS)('stint prompt $shell', (shellCase) => {
  let promptFunction: Promise<string> | undefined;
  test.skipIf(skipWithout(which(shellCase.shell) !== undefined)).each(cases)(
    '$state at $now: $expected',
    async ({ state, now, expected }) => {
      const home = homes.get(state) ?? '';
      expect(await statusShort(home, now)).toBe(expected);
      if (promptFunction === undefined) {
        promptFunction = stint(['prompt', shellCase.shell], { home, now }).then((result) => result.stdout);
        expect(await runShell(shellCase, home, now)).toBe(expected);
      } else {
        expect(await runShell({ ...shellCase, script: PRELOADED[shellCase.shell] }, home, now, await promptFunction)).toBe(expected);
      }
    },
  );
});

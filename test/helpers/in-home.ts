import { readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { clockFromEnv, execProgram, lockTimingFromEnv, newUid, realFiles, zoneKey, type Deps, type Terminal } from '../../src/cli/deps.js';
import { run } from '../../src/cli/main.js';
import { createFileStore } from '../../src/store/file-store.js';
import { stintEnv, type Result, type SpawnOptions } from './spawn.js';

// The CLI loads each command's handler on first use; here they are loaded with this module, while
// the test file is collected, so that their first transform (seconds on a loaded machine) is not
// counted against the first test's timeout. `serve` is never run in-process by these helpers.
const COMMANDS = join(import.meta.dirname, '../../src/cli/commands');
await Promise.all(
  readdirSync(COMMANDS)
    .filter((name) => name.endsWith('.ts') && name !== 'serve.ts')
    .map((name) => import(join(COMMANDS, name))),
);

const NOT_A_TERMINAL: Terminal = { isTTY: false, rows: 24, columns: 80, write: () => undefined, onKey: () => () => undefined };

/**
 * Runs a command in this process, as `stint(args, options)` would spawn it: the same STINT_HOME
 * through the real file store and its lock, the same STINT_NOW, environment and real files. The
 * end-to-end tests seed their stores and read them back with it, so that only the command under
 * test pays for a Node start-up (~0.2 CPU s each, ~700 of them made the suite CPU-bound).
 */
export async function stintIn(args: string[], options: SpawnOptions): Promise<Result> {
  const env = stintEnv(options);
  const now = clockFromEnv(env);
  let stdout = '';
  let stderr = '';
  const utf8 = new TextDecoder(); // bytes as the process would write them; streamed, so no character is cut
  const deps: Deps = {
    store: createFileStore(options.home, { now, zone: () => zoneKey(env), lock: lockTimingFromEnv(env) }),
    now,
    stdout: (text) => {
      stdout += typeof text === 'string' ? text : utf8.decode(text, { stream: true });
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: false,
    env,
    newUid,
    files: realFiles,
    home: env.HOME ?? '',
    accountHome: () => null,
    dataDir: options.home,
    onStop: () => () => undefined,
    terminal: NOT_A_TERMINAL,
    page: () => false,
    exec: execProgram,
    hostName: hostname,
  };
  const code = await run(args, deps);
  return { code, signal: null, stdout, stderr };
}

/** `stintIn` that must succeed: a seeding step that fails says so at once, with its stderr. */
export async function seedWith(args: string[], options: SpawnOptions): Promise<Result> {
  const result = await stintIn(args, options);
  if (result.code !== 0) throw new Error(`seeding \`stint ${args.join(' ')}\` exited ${result.code}: ${result.stderr}`);
  return result;
}

import { join } from 'node:path';
import { storeError } from '../core/errors.js';

/** The root of the store: active sessions, the ID counter and the index of month files. */
export const ROOT_FILE = 'state.json';
/** Finished sessions, one file per month (and revision), named by the root. */
export const MONTHS_DIR = 'sessions';
export const LOCK_NAME = 'stint.lock';
/** Derived files (tallies, V8's code cache): safe to delete, never backed up. */
export const CACHE_DIR = 'cache';
/** The user's settings. */
export const CONFIG_FILE = 'config.json';
/** The running timer in a few plain lines, for the shell prompt function (derived from the root). */
export const PROMPT_STATE_FILE = 'prompt.state';

/**
 * The user's home: `$HOME`, or the user database's entry when HOME is unset or empty (an empty
 * HOME must not make the store a relative `.stint` in whatever folder stint runs from). The prompt
 * function `stint prompt` prints follows the same rule (src/render/prompt.ts).
 */
export function resolveHome(env: Readonly<Record<string, string | undefined>>, accountHome: () => string | null): string {
  const fromEnv = env.HOME;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const home = accountHome();
  if (home === null || home === '') {
    throw storeError('No home directory', 'HOME is empty or unset and the user database has no home for this user; set HOME or STINT_HOME');
  }
  return home;
}

/** `$STINT_HOME` if set, else `~/.stint`. Resolved per call, never at import time. */
export function resolveDataDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const fromEnv = env.STINT_HOME;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(home, '.stint');
}
/** Scheduled jobs and their executions. */
export const JOBS_FILE = 'jobs.json';
/**
 * `stint serve`'s API token and the running server's address (server-files.ts). Named here, not
 * there: the backup leaves them out, and importing server-files.ts for their names loaded
 * node:crypto into every command that can reach the backup (~55M instructions for a month report).
 */
export const TOKEN_FILE = 'server.token';
export const SERVER_FILE = 'server.json';

import { homedir } from 'node:os';
import { invalidInput } from '../core/errors.js';
import { truncateToSecond } from '../core/time.js';
import { createFileStore } from '../store/file-store.js';
import { resolveDataDir } from '../store/paths.js';
import type { Store } from '../store/store.js';
import { realFiles, type Files } from './files.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The user's terminal, for the live views (`--watch`). */
export interface Terminal {
  /** Both stdin and stdout are a terminal: keys can be read and the screen redrawn. */
  readonly isTTY: boolean;
  /** The screen's size, read anew on every frame (the window may be resized). */
  readonly rows: number;
  readonly columns: number;
  write(text: string): void;
  /** Puts stdin in raw mode and calls `handler` with what each key sends; returns the restore. */
  onKey(handler: (key: string) => void): () => void;
}

/** Every side effect a command may have, in one seam, so tests can run real commands against fakes. */
export interface Deps {
  store: Store;
  /** The clock: `STINT_NOW` when set, else the system time; whole seconds. */
  now(): Date;
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  env: Env;
  newUid(): string;
  /** The user's files that import reads and export writes. */
  files: Files;
  /** The user's home directory and the data directory, for what jobs must never touch. */
  home: string;
  dataDir: string;
  /** Calls `handler` on SIGINT or SIGTERM (the daemon stops cleanly); returns the unsubscribe. */
  onStop(handler: () => void): () => void;
  terminal: Terminal;
}

/** Reads `STINT_NOW` on every call, so a bad value is reported by the command that needs the time. */
export function clockFromEnv(env: Env, system: () => Date = () => new Date()): () => Date {
  return () => {
    const fixed = env.STINT_NOW;
    if (fixed === undefined || fixed === '') return truncateToSecond(system());
    const parsed = new Date(fixed);
    if (Number.isNaN(parsed.getTime())) {
      throw invalidInput('Invalid STINT_NOW', `'${fixed}' is not an ISO 8601 instant`);
    }
    return truncateToSecond(parsed);
  };
}

/**
 * A clock for the commands that keep running (watch views, the jobs daemon): it starts at
 * `now()` — STINT_NOW when set — and moves with real time, whole seconds.
 */
export function movingClock(now: () => Date): () => Date {
  const offset = now().getTime() - Date.now();
  return () => truncateToSecond(new Date(Date.now() + offset));
}

/**
 * A UUID v4. node:crypto is loaded only here, on first use (the commands that create sessions):
 * importing it at the top would cost every command; the Web Crypto global costs more still.
 */
function newUid(): string {
  const crypto = process.getBuiltinModule?.('node:crypto') as typeof import('node:crypto') | undefined;
  return crypto ? crypto.randomUUID() : globalThis.crypto.randomUUID();
}

function ignoreEpipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}

/**
 * process.stdin and process.stdout, for the live views. process.stdin is made on first access,
 * which costs a run: only a live view touches it.
 */
function processTerminal(): Terminal {
  const { stdout } = process;
  return {
    get isTTY() {
      return stdout.isTTY === true && process.stdin.isTTY === true;
    },
    get rows() {
      return stdout.rows || 24;
    },
    get columns() {
      return stdout.columns || 80;
    },
    write: (text) => void stdout.write(text),
    onKey(handler) {
      const { stdin } = process;
      const onData = (chunk: string) => handler(chunk);
      stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      stdin.on('data', onData);
      stdin.resume();
      return () => {
        stdin.off('data', onData);
        stdin.setRawMode(false);
        // A paused stdin no longer holds the process open.
        stdin.pause();
      };
    },
  };
}

/** The real process: resolved when a command runs, never at import time. */
export function processDeps(): Deps {
  const { env } = process;
  // A reader that closes the pipe early (`stint list | head`) is not an error. Once per
  // process: bench/code-cache.cjs runs several commands in one to warm up a code cache.
  if (!process.stdout.listeners('error').includes(ignoreEpipe)) process.stdout.on('error', ignoreEpipe);
  const home = homedir();
  const dataDir = resolveDataDir(env, home);
  return {
    store: createFileStore(dataDir),
    now: clockFromEnv(env),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env,
    newUid,
    files: realFiles,
    home,
    dataDir,
    onStop(handler) {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
    terminal: processTerminal(),
  };
}

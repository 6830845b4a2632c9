import { userInfo } from 'node:os';
import type { Writable } from 'node:stream';
import { parseDateInput } from '../core/time-input.js';
import { truncateToSecond } from '../core/time.js';
import { invalidInput } from '../core/errors.js';
import { createFileStore } from '../store/file-store.js';
import { LOCK_TIMING, type LockTiming } from '../store/lock.js';
import { named } from '../store/atomic-file.js';
import { resolveDataDir, resolveHome } from '../store/paths.js';
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
  /** The home the user database gives (HOME's fallback when it is empty or unset), null if none. */
  accountHome(): string | null;
  dataDir: string;
  /** Calls `handler` on SIGINT or SIGTERM (the daemon stops cleanly); returns the unsubscribe. */
  onStop(handler: () => void): () => void;
  terminal: Terminal;
}

/**
 * Reads `STINT_NOW` on every call, so a bad value is reported by the command that needs the time.
 * It is read by the same strict ISO 8601 reader as typed dates (no offset: local time).
 */
export function clockFromEnv(env: Env, system: () => Date = () => new Date()): () => Date {
  return () => {
    const fixed = env.STINT_NOW;
    if (fixed === undefined || fixed === '') return truncateToSecond(system());
    return parseDateInput(fixed, 'Invalid STINT_NOW');
  };
}

/**
 * How long the store waits on locks: the defaults, unless a test shortens the stale limit
 * (`STINT_LOCK_STALE_MS`, at least 2000) or changes the wait for a live writer (`STINT_LOCK_WAIT_MS`).
 */
export function lockTimingFromEnv(env: Env): LockTiming {
  const read = (name: string, min: number, fallback: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    if (!/^\d{1,9}$/.test(text) || Number(text) < min) {
      throw invalidInput(`Invalid ${name}`, `'${text}' is not a whole number of milliseconds from ${min}`);
    }
    return Number(text);
  };
  return { staleMs: read('STINT_LOCK_STALE_MS', 2_000, LOCK_TIMING.staleMs), waitMs: read('STINT_LOCK_WAIT_MS', 0, LOCK_TIMING.waitMs) };
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

/** stdout or stderr as the commands write to it: a write failure is kept, never thrown or crashing. */
export interface Output {
  write(text: string): void;
  /** Resolves once everything written has left the process, or failed. */
  flushed(): Promise<void>;
  /** The first write failure (ENOSPC on a full disk …), EPIPE aside, named after the stream. */
  failure(): NodeJS.ErrnoException | undefined;
}

/**
 * Watches one stream. A write may fail at once (a file: Node writes it synchronously but reports
 * the error through the callback and an 'error' event) or later (a pipe): either way the failure
 * is kept for the entry (src/entry.ts) to report once the command is done, and nothing more is
 * written. A reader that closes the pipe early (`stint list | head`) is not a failure: output
 * stops, silently, as today.
 */
export function watchOutput(stream: Writable, name: string): Output {
  let failed: NodeJS.ErrnoException | undefined;
  let closedByReader = false;
  const fail = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closedByReader = true;
    // The writes after a failure fail too (ERR_STREAM_DESTROYED): the first says why.
    else if (!closedByReader && failed === undefined) failed = named(error, name) as NodeJS.ErrnoException;
  };
  stream.on('error', fail);
  return {
    write(text) {
      if (failed !== undefined || closedByReader) return;
      try {
        stream.write(text, (error) => error && fail(error));
      } catch (error) {
        fail(error as NodeJS.ErrnoException);
      }
    },
    async flushed() {
      // A file's write fails at once but says so on the next tick: let that run first.
      await new Promise((resolve) => setImmediate(resolve));
      // A pipe's writes may still be under way: an empty write calls back after all of them.
      if (stream.writableLength > 0) await new Promise((resolve) => stream.write('', resolve));
    },
    failure: () => failed,
  };
}

let outputs: { stdout: Output; stderr: Output } | undefined;

/** The process's stdout and stderr, watched once per process (the build runs several commands in one). */
export function processOutputs(): { stdout: Output; stderr: Output } {
  outputs ??= { stdout: watchOutput(process.stdout, 'standard output'), stderr: watchOutput(process.stderr, 'standard error') };
  return outputs;
}

/** The user database's home for this user, or null when it has none (a uid without an entry). */
function accountHome(): string | null {
  try {
    return userInfo().homedir;
  } catch {
    return null;
  }
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
  const { stdout, stderr } = processOutputs();
  const home = resolveHome(env, accountHome);
  const dataDir = resolveDataDir(env, home);
  return {
    store: createFileStore(dataDir, undefined, lockTimingFromEnv(env)),
    now: clockFromEnv(env),
    stdout: (text) => stdout.write(text),
    stderr: (text) => stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env,
    newUid,
    files: realFiles,
    home,
    accountHome,
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

import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { invalidInput, notFound, StintError, storeError } from '../core/errors.js';
import { parseDateInput } from '../core/time-input.js';
import { truncateToSecond } from '../core/time.js';
import { createFileStore } from '../store/file-store.js';
import { COLLECT_EVERY } from '../store/housekeeping.js';
import { LOCK_TIMING, type LockTiming } from '../store/lock.js';
import { hostName, nodeOs } from '../store/node-os.js';
import { resolveDataDir, resolveHome } from '../store/paths.js';
import type { Store } from '../store/store.js';
import { isErrno, readInput, writeFileWhole } from '../store/atomic-file.js';
import type { FileInfo, Files } from '../jobs/files.js';
import type { ExecResult } from '../sync/transport.js';

import { fdOutput, type Output } from './output.js';

export { fdOutput, watchOutput, type Output } from './output.js';

let outputs: { stdout: Output; stderr: Output } | undefined;

/** The process's stdout and stderr, made once per process (the build runs several commands in one). */
export function processOutputs(): { stdout: Output; stderr: Output } {
  outputs ??= {
    stdout: fdOutput(1, 'standard output', writeSync, () => process.stdout),
    stderr: fdOutput(2, 'standard error', writeSync, () => process.stderr),
  };
  return outputs;
}

/**
 * Whether a file descriptor is a terminal, without process.stdout (which loads the stream
 * modules) or node:tty (which loads node:net), ~10M instructions either: a file, a pipe or
 * /dev/null is not one; only another character device is asked about through node:tty.
 */
function isTerminal(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    if (!info.isCharacterDevice() || info.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  // getBuiltinModule: Node 20.16+; before it, the stream says.
  const tty = process.getBuiltinModule?.('node:tty') as typeof import('node:tty') | undefined;
  return tty === undefined ? (fd === 1 ? process.stdout : process.stderr).isTTY === true : tty.isatty(fd);
}

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
  /** Text, or bytes already UTF-8 (a whole history's JSON is built as bytes). */
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
  isTTY: boolean;
  env: Env;
  newUid(): string;
  /** Files outside the store: what import reads, export writes, and the jobs touch. */
  files: Files;
  /** The user's home directory and the data directory, for what jobs must never touch. */
  home: string;
  /** The home the user database gives (HOME's fallback when it is empty or unset), null if none. */
  accountHome(): string | null;
  dataDir: string;
  /** Calls `handler` on SIGINT or SIGTERM (the daemon stops cleanly); returns the unsubscribe. */
  onStop(handler: () => void): () => void;
  terminal: Terminal;
  /**
   * Runs the shell command `command` (a pager: `less -FRX`) with `text` on its stdin and the
   * terminal as its stdout, and waits for it; false when it could not be started.
   */
  page(command: string, text: string): boolean;
  /** Runs a program (sync's git) without a shell and collects its output and exit code. */
  exec(file: string, args: readonly string[], options?: { cwd?: string; env?: Env }): Promise<ExecResult>;
  /** This machine's name: sync's default device name. */
  hostName(): string;
}

/** child_process, loaded only by the commands that run a program. */
export async function execProgram(file: string, args: readonly string[], options: { cwd?: string; env?: Env } = {}): Promise<ExecResult> {
  // Through getBuiltinModule: the bundle runs as a vm script (code cache), where import() cannot.
  const child =
    (process.getBuiltinModule?.('node:child_process') as typeof import('node:child_process') | undefined) ??
    (await import('node:child_process'));
  return new Promise((resolve) => {
    child.execFile(
      file,
      [...args],
      { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: number | string }) | null;
        const code = failed === null ? 0 : typeof failed.code === 'number' ? failed.code : null;
        resolve({ code, stdout: String(stdout), stderr: failed && code === null && !stderr ? failed.message : String(stderr) });
      },
    );
  });
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
 * A UUID v4 from 16 random bytes: the version and variant bits set, the rest kept.
 * Exported for its test.
 */
export function uuidV4(random: Uint8Array): string {
  const bytes = Uint8Array.from(random.subarray(0, 16));
  if (bytes.length !== 16) throw new RangeError('a UUID needs 16 random bytes');
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A UUID v4 from the kernel's random source. Loading node:crypto for randomUUID() costs a run
 * ~25M instructions (a quarter of `node -e 0` on Node 24); /dev/urandom costs next to nothing.
 * Where there is none (Windows), node:crypto is loaded on first use. Exported for its test.
 */
export function newUid(): string {
  const random = new Uint8Array(16);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      if (readSync(fd, random, 0, 16, null) === 16) return uuidV4(random);
    } finally {
      closeSync(fd);
    }
  } catch {
    // No /dev/urandom: node:crypto below.
  }
  const crypto = process.getBuiltinModule?.('node:crypto') as typeof import('node:crypto') | undefined;
  return crypto ? crypto.randomUUID() : globalThis.crypto.randomUUID();
}

const CANNOT_USE = ['EACCES', 'EISDIR', 'ENOTDIR', 'EPERM', 'ENOENT', 'EROFS'];

const infoOf = (stat: Stats | undefined): FileInfo | null =>
  stat === undefined
    ? null
    : { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size, modifiedMs: stat.mtimeMs };

/** The real file system, for everything but the store (which has its own file layer). */
export const realFiles: Files = {
  read(path) {
    try {
      return readInput(path);
    } catch (error) {
      if (error instanceof StintError) throw error;
      if (isErrno(error, 'ENOENT')) throw notFound('File not found', `No file ${path}`);
      throw invalidInput('Cannot read file', `${path}: ${(error as Error).message}`);
    }
  },
  write(path, chunks) {
    try {
      writeFileWhole(path, chunks);
    } catch (error) {
      const why = `${path}: ${(error as Error).message}`;
      if (CANNOT_USE.some((code) => isErrno(error, code))) throw invalidInput('Cannot write file', why);
      throw storeError('Write failed', `${why}; nothing was written`);
    }
  },
  info: (path, follow = false) => infoOf((follow ? statSync : lstatSync)(path, { throwIfNoEntry: false })),
  list: (dir) => readdirSync(dir),
  readText: (path) => readFileSync(path, 'utf8'),
  writeText: (path, text) => writeFileWhole(path, text),
  makeDir: (path) => void mkdirSync(path, { recursive: true, mode: 0o700 }),
  removeFile: (path) => unlinkSync(path),
  removeTree: (path) => rmSync(path, { recursive: true, force: true }),
};

/**
 * Names the local time zone cheaply, for the store's digest cache: `TZ` when set, else where
 * /etc/localtime points (or a hash of it). Intl's resolvedOptions() would say it directly but
 * costs 15–100 ms to load. Null where neither exists (Windows): no caching there.
 */
export function zoneKey(env: Env): string | null {
  if (env.TZ) return `TZ=${env.TZ}`;
  try {
    return `link=${readlinkSync('/etc/localtime')}`;
  } catch {
    try {
      const bytes = readFileSync('/etc/localtime');
      let hash = 2166136261;
      for (const byte of bytes) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
      return `file=${bytes.length}:${hash.toString(16)}`;
    } catch {
      return null;
    }
  }
}

/** The user database's home for this user, or null when it has none (a uid without an entry). */
function accountHome(): string | null {
  try {
    return nodeOs().userInfo().homedir;
  } catch {
    return null;
  }
}

/**
 * process.stdin and process.stdout, for the live views. Both are made on first access, which
 * costs a run: only a live view touches them.
 */
function processTerminal(): Terminal {
  return {
    get isTTY() {
      return process.stdout.isTTY === true && process.stdin.isTTY === true;
    },
    get rows() {
      return process.stdout.rows || 24;
    },
    get columns() {
      return process.stdout.columns || 80;
    },
    write: (text) => void process.stdout.write(text),
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

/**
 * The pager through `sh -c`, as git runs it, with LESS=FRX unless the user set LESS (less then
 * keeps colours, quits when the text fits, and leaves it on screen). node:child_process is loaded
 * here, on use. Ctrl-C belongs to the pager meanwhile: it must not kill stint under it.
 */
function page(command: string, text: string): boolean {
  const child = process.getBuiltinModule?.('node:child_process') as typeof import('node:child_process');
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  try {
    const result = child.spawnSync('sh', ['-c', command], {
      input: text,
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { LESS: 'FRX', ...process.env },
    });
    // 126/127: the shell found no such program, or could not run it.
    return result.error === undefined && result.status !== 126 && result.status !== 127;
  } finally {
    process.off('SIGINT', ignore);
  }
}

/** The real process: resolved when a command runs, never at import time. */
export function processDeps(): Deps {
  const { env } = process;
  const { stdout, stderr } = processOutputs();
  const home = resolveHome(env, accountHome);
  const dataDir = resolveDataDir(env, home);
  const now = clockFromEnv(env);
  return {
    store: createFileStore(dataDir, { now, zone: () => zoneKey(env), lock: lockTimingFromEnv(env), collectEvery: COLLECT_EVERY }),
    now,
    stdout: (text) => stdout.write(text),
    stderr: (text) => stderr.write(text),
    isTTY: isTerminal(1),
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
    page,
    exec: execProgram,
    hostName,
  };
}

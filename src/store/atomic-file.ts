// Synchronous file calls on purpose: a command does one thing at a time, and node:fs/promises
// would load Node's stream and readline modules on every run.
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { invalidInput } from '../core/errors.js';

export const BACKUP_SUFFIX = '.bak';

/** Reads a file as text, or null when it does not exist. */
export function readTextIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw named(error, file);
  }
}

/**
 * Creates `file` (which must not exist, and is never a link followed), writes all of `text`
 * (writeFileSync on a descriptor loops over short writes; a single writeSync may write part of
 * it on a nearly full disk and not say so), and with `durable` flushes it to disk.
 */
export function writeNewFile(file: string, text: string | Iterable<string>, options: { durable?: boolean; mode?: number } = {}): void {
  const fd = openSync(file, 'wx', options.mode ?? 0o600);
  try {
    for (const chunk of typeof text === 'string' ? [text] : text) writeFileSync(fd, chunk);
    if (options.durable !== false) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeFile(file);
    throw named(error, file);
  }
  closeSync(fd);
}

/** Creates `file` (which must not exist), writes `text` and flushes it to disk. */
export function writeNewFileDurably(file: string, text: string): void {
  writeNewFile(file, text);
}

export interface WholeWrite {
  /** Flush the file and its directory entry to disk (default): off for derived files. */
  durable?: boolean;
  /** With `durable`, leave the directory to the caller, who writes several files into it and flushes it once. */
  deferDirectory?: boolean;
  /** Keep the current version as `<file>.bak` (the store's own files). */
  keepBackup?: boolean;
  /** Runs right before the rename that makes the change visible; may veto it by throwing. */
  beforeRename?: () => void;
  mode?: number;
}

/**
 * Replaces `file` whole: a temporary file beside it (`.<name>.<pid>.<random>.tmp`, which
 * removeAbandonedTempFiles sweeps), fully written, then renamed over. A crash at any instant
 * leaves the old content or the new, never a torn file. The one writer every file goes through.
 */
export function writeFileWhole(file: string, text: string | Iterable<string>, options: WholeWrite = {}): void {
  const dir = dirname(file);
  const unique = `${process.pid}.${Math.random().toString(36).slice(2, 10)}`;
  const tmp = join(dir, `.${basename(file)}.${unique}.tmp`);
  const durable = options.durable !== false;
  try {
    writeNewFile(tmp, text, { durable, mode: options.mode ?? 0o600 });
    // Checked as late as possible: right before the rename that makes the change visible.
    options.beforeRename?.();
    if (options.keepBackup) keepBackup(file);
    renameSync(tmp, file);
  } catch (error) {
    removeFile(tmp);
    throw error;
  }
  if (durable && !options.deferDirectory) syncDirectory(dir);
}

/**
 * Replaces one of the store's files: durably, keeping the current version as `<file>.bak`.
 * The caller must hold the store lock (the backup step is not safe against a second writer);
 * `beforeRename` may still veto the replacement by throwing.
 */
export function replaceFileAtomically(file: string, text: string, beforeRename?: () => void): void {
  writeFileWhole(file, text, { keepBackup: true, ...(beforeRename ? { beforeRename } : {}) });
}

/** Makes `<file>.bak` the current version: a hard link costs nothing and survives the rename. */
function keepBackup(file: string): void {
  const backup = file + BACKUP_SUFFIX;
  const staging = `${backup}.tmp`;
  removeFile(staging);
  try {
    linkSync(file, staging);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    // Filesystems without hard links: fall back to a copy.
    copyFileSync(file, staging);
  }
  renameSync(staging, backup);
}

/** Creates a directory (0700) and flushes the entries of those it made, so what is renamed into it stays after a crash. */
export function makeDurableDir(dir: string): void {
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created === undefined) return;
  for (let made = dir; ; made = dirname(made)) {
    syncDirectory(dirname(made));
    if (made === created) break;
  }
}

/** Flushes a directory's entries (new and renamed files) to disk. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Temporary files left by writers that were killed mid-write; only safe to call under the lock. */
export function removeAbandonedTempFiles(file: string): void {
  const prefix = `.${basename(file)}.`;
  removeFilesIn(dirname(file), (name) => name.startsWith(prefix) && name.endsWith('.tmp'));
}

/** Removes the files in `dir` whose names `matches` says; a directory that cannot be listed has none. */
export function removeFilesIn(dir: string, matches: (name: string) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (matches(name)) removeFile(join(dir, name));
}

/**
 * Calls on a descriptor (a read of a directory, a write to a full disk, an fsync) throw without
 * the file's name; the message names it, so it is added here, where the name is known.
 */
export function named(error: unknown, file: string): unknown {
  if (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    (error as NodeJS.ErrnoException).path === undefined
  ) {
    (error as NodeJS.ErrnoException).path = file;
  }
  return error;
}

/**
 * Removes a file; one already gone is not an error. unlinkSync, not rmSync: on Node 20 rmSync
 * loads and compiles Node's rimraf module on every run (~2M instructions of each stop).
 */
export function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw named(error, file);
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** More than any history stint could have written: a bigger input is a mistake (`import /dev/zero`). */
export const READ_LIMIT = 256 * 1024 * 1024;

/**
 * Reads a whole input, a pipe (`-`, `<(…)`) as well as a file, up to READ_LIMIT bytes, as UTF-8
 * text read strictly: bytes that are not UTF-8 are refused, not replaced. A byte-order mark is
 * dropped (spreadsheets write one).
 */
export function readInput(path: string, limit = READ_LIMIT): string {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - size));
      const read = readChunk(fd, chunk);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      size += read;
      if (size > limit) throw invalidInput('Input too large', `${path} is larger than ${limit / 1024 / 1024} MiB`);
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    throw invalidInput('Cannot read file', `${path} is not UTF-8 text`);
  }
}

/** readSync, waiting out EAGAIN on a non-blocking standard input. */
function readChunk(fd: number, into: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, into, 0, into.length, null);
    } catch (error) {
      if (isErrno(error, 'EOF')) return 0;
      if (!isErrno(error, 'EAGAIN')) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

import { closeSync, openSync, readSync } from 'node:fs';
import { invalidInput, notFound, StintError, storeError } from '../core/errors.js';
import { isErrno, writeFileWhole } from '../store/atomic-file.js';

/** The user's own files that `import` reads and `export --output` writes (never the store's). */
export interface Files {
  /** The whole file as text; `-` is standard input. */
  read(path: string): string;
  /** Writes the file whole or not at all: a temporary file beside it, flushed, then renamed. */
  write(path: string, chunks: Iterable<string>): void;
}

const CANNOT_USE = ['EACCES', 'EISDIR', 'ENOTDIR', 'EPERM', 'ENOENT', 'EROFS'];

/** More than any history stint could have written: a bigger input is a mistake (`import /dev/zero`). */
export const READ_LIMIT = 256 * 1024 * 1024;

/**
 * Reads a whole input, a pipe (`-`, `<(…)`) as well as a file, up to READ_LIMIT bytes, as UTF-8
 * text read strictly: bytes that are not UTF-8 are refused, not replaced. A byte-order mark is
 * dropped (spreadsheets write one).
 */
export function readText(path: string, limit = READ_LIMIT): string {
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

export const realFiles: Files = {
  read(path) {
    try {
      return readText(path);
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
};

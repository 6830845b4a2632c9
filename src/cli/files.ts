import { readFileSync } from 'node:fs';
import { invalidInput, notFound, storeError } from '../core/errors.js';
import { isErrno, writeFileWhole } from '../store/atomic-file.js';

/** The user's own files that `import` reads and `export --output` writes (never the store's). */
export interface Files {
  /** The whole file as text; `-` is standard input. */
  read(path: string): string;
  /** Writes the file whole or not at all: a temporary file beside it, flushed, then renamed. */
  write(path: string, chunks: Iterable<string>): void;
}

const CANNOT_USE = ['EACCES', 'EISDIR', 'ENOTDIR', 'EPERM', 'ENOENT', 'EROFS'];

export const realFiles: Files = {
  read(path) {
    try {
      return readFileSync(path === '-' ? 0 : path, 'utf8');
    } catch (error) {
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

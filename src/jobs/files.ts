/** What `info` tells of a path (not following a final symbolic link unless asked to). */
export interface FileInfo {
  kind: 'file' | 'directory' | 'other';
  size: number;
  modifiedMs: number;
}

/**
 * Every file access outside the store: the user's files that `import` reads and `export --output`
 * writes, and what the jobs touch (backup folders, summaries, cleanup sweeps). Through Deps, so an
 * in-process test can hand a command or a job a fake. `read` and `write` report failures as
 * stint's errors (exit codes); the rest throw the system's error, for a job to report.
 */
export interface Files {
  /** The whole file as text; `-` is standard input. */
  read(path: string): string;
  /** Writes the file whole or not at all: a temporary file beside it, flushed, then renamed. */
  write(path: string, chunks: Iterable<string>): void;
  /** Null when nothing is there. */
  info(path: string, follow?: boolean): FileInfo | null;
  /** The names in a directory. */
  list(dir: string): string[];
  /** A (small) file's text. */
  readText(path: string): string;
  /** Like write, with the system's error. */
  writeText(path: string, text: string): void;
  /** Creates a directory (mode 0700) and its missing parents. */
  makeDir(path: string): void;
  /** Deletes a file (not a directory); fails with ENOENT when it is gone. */
  removeFile(path: string): void;
  /** Deletes a directory and everything in it; nothing when it is gone. */
  removeTree(path: string): void;
}

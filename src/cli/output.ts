import type { Writable } from 'node:stream';
import { named } from '../store/atomic-file.js';

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

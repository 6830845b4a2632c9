import type { Writable } from 'node:stream';
import { named } from '../store/atomic-file.js';

/** stdout or stderr as the commands write to it: a write failure is kept, never thrown or crashing. */
export interface Output {
  /** Text, or bytes already UTF-8. */
  write(text: string | Uint8Array): void;
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

/** fs.writeSync's form for a buffer; the edge (deps.ts), which owns node:fs, passes it in. */
export type WriteSync = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

/**
 * stdout or stderr written straight to its file descriptor: creating Node's stream objects
 * (process.stdout loads the stream modules) cost every run ~9M instructions (issue 13's startup
 * budgets). Each write has left the process when write returns, as a file's stream did, so
 * stdout and stderr keep their order. A pipe that another process made non-blocking may refuse a
 * write (EAGAIN): what is left of it then goes to `fallback()`, Node's stream, which waits for the
 * pipe, and so does every later write, in order. Failures are kept as watchOutput keeps them.
 */
export function fdOutput(fd: number, name: string, writeSync: WriteSync, fallback: () => Writable): Output {
  let failed: NodeJS.ErrnoException | undefined;
  let closedByReader = false;
  let stream: ReturnType<typeof watchOutput> | undefined;
  return {
    write(text) {
      if (stream !== undefined) return stream.write(text);
      if (failed !== undefined || closedByReader) return;
      const bytes = typeof text === 'string' ? Buffer.from(text) : text;
      let offset = 0;
      try {
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          stream = watchOutput(fallback(), name);
          stream.write(bytes.subarray(offset));
        } else if (code === 'EPIPE') closedByReader = true;
        else failed = named(error, name) as NodeJS.ErrnoException;
      }
    },
    flushed: async () => stream?.flushed(),
    failure: () => failed ?? stream?.failure(),
  };
}

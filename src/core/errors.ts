/**
 * Domain errors. The core throws them; the CLI entry point alone turns them into
 * a message and an exit code (src/cli/errors.ts).
 */
export type ErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'store';

export class StintError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Short, stable title, e.g. "Session not found". */
    readonly title: string,
    message: string,
    /** The system error behind a store failure, worded by the CLI with the file and errno. */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StintError';
  }
}

export const invalidInput = (title: string, message: string): StintError => new StintError('invalid_input', title, message);

export const notFound = (title: string, message: string): StintError => new StintError('not_found', title, message);

export const conflict = (title: string, message: string): StintError => new StintError('conflict', title, message);

export const storeError = (title: string, message: string, cause?: unknown): StintError => new StintError('store', title, message, cause);

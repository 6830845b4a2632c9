import { CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { StintError, type ErrorCode } from '../core/errors.js';

const EXIT_CODES: Record<ErrorCode, number> = {
  store: 1,
  invalid_input: 2,
  not_found: 3,
  conflict: 4,
};

export interface Failure {
  exitCode: number;
  title: string;
  message: string;
}

/** The one place where an error becomes a message and an exit code. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof StintError) {
    return { exitCode: EXIT_CODES[error.code], title: error.title, message: error.message };
  }
  if (error instanceof CommanderError) {
    // commander puts its "Did you mean …?" on a second line; errors are one line.
    const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
    return { exitCode: 2, title: 'Invalid usage', message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: 1,
    title: 'Internal error',
    message: `${message} (this is a bug in stint; please report it at ${packageJson.bugs.url})`,
  };
}

/** Human: `stint: <error>: <message>`; JSON: `{"error","message"}` on one line. */
export function formatFailure(failure: Failure, json: boolean): string {
  if (json) return `${JSON.stringify({ error: failure.title, message: failure.message })}\n`;
  return `stint: ${failure.title}: ${failure.message}\n`;
}

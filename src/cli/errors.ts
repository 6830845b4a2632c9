import type { CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { StintError, type ErrorCode } from '../core/errors.js';
import { escapeUnprintable } from '../core/labels.js';

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

/** What Node's fs calls (and stream writes) throw: an errno code, the call, the file(s). */
interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

/** The causes a user can act on, in words; an unknown code falls back to Node's own words. */
const CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENOENT: 'no such file or directory',
  EEXIST: 'file exists',
  ENOTEMPTY: 'directory not empty',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EBUSY: 'resource busy',
  EXDEV: 'not on the same file system',
  ESTALE: 'stale file handle',
  EAGAIN: 'resource temporarily unavailable',
};

/** What stint was doing, by the system call that failed. */
const ACTIONS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  close: 'close',
  fsync: 'flush',
  fdatasync: 'flush',
  rename: 'rename',
  link: 'link',
  copyfile: 'copy',
  unlink: 'remove',
  rmdir: 'remove',
  rm: 'remove',
  mkdir: 'create directory',
  scandir: 'list',
  opendir: 'list',
  stat: 'inspect',
  lstat: 'inspect',
  fstat: 'inspect',
  utime: 'touch',
  futime: 'touch',
  realpath: 'resolve',
  access: 'access',
  chmod: 'change the mode of',
};

/** An environmental failure (ENOSPC, EACCES …), as opposed to a bug: it has an errno code. */
function isSystemError(error: unknown): error is SystemError {
  return (
    error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /^E[A-Z0-9]+$/.test((error as SystemError).code)
  );
}

function causeOf(error: SystemError): string {
  // Node's message starts "ECODE: words, syscall 'path'": its words for a code not listed above.
  return CAUSES[error.code] ?? /^E[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? 'system error';
}

/** `cannot write /x/.stint/state.json`, `cannot rename /a to /b`: the action and the file(s). */
function actionOf(error: SystemError): string {
  const { syscall } = error;
  const action = syscall === undefined ? 'use' : Object.hasOwn(ACTIONS, syscall) ? ACTIONS[syscall] : syscall;
  const files = error.path === undefined ? '' : ` ${error.path}${error.dest === undefined ? '' : ` to ${error.dest}`}`;
  return `cannot ${action}${files}`;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * commander's usage errors, known by their code (`commander.unknownOption` …) rather than by
 * class: importing commander's class here would load the whole library in the hot bundle
 * (dist/hot.cjs), which never parses with commander (README "Performance").
 */
function isCommanderError(error: unknown): error is CommanderError {
  const { code, exitCode } = (error ?? {}) as { code?: unknown; exitCode?: unknown };
  return error instanceof Error && typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}

/** The one place where an error becomes a message and an exit code. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof StintError) {
    const { cause } = error;
    // A store message that wraps a system error ("Write failed") leads with what failed and why.
    const why = isSystemError(cause)
      ? `${actionOf(cause)}: ${causeOf(cause)} (${cause.code}); `
      : cause instanceof Error
        ? `${cause.message}; `
        : '';
    return { exitCode: EXIT_CODES[error.code], title: error.title, message: `${why}${error.message}` };
  }
  if (isCommanderError(error)) {
    // commander puts its "Did you mean …?" on a second line; errors are one line.
    const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
    // A group without its command keeps commander's exit code (1, as its help is shown without --json).
    return { exitCode: error.code === 'commander.missingCommand' ? error.exitCode : 2, title: 'Invalid usage', message };
  }
  if (isSystemError(error)) {
    // The disk, the permissions, the limits: the user's to fix, not a bug. Title the cause, name the file.
    return { exitCode: 1, title: capitalized(causeOf(error)), message: `${actionOf(error)} (${error.code})` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: 1,
    title: 'Internal error',
    message: `${message} (this is a bug in stint; please report it at ${packageJson.bugs.url})`,
  };
}

/** A failure on one line as a human reads it, without `stint: ` (sync's last error). */
export function failureText(error: unknown): string {
  const { title, message } = describeFailure(error);
  return escapeUnprintable(`${title}: ${message}`);
}

/** Human: `stint: <error>: <message>`; JSON: `{"error","message"}` on one line. */
export function formatFailure(failure: Failure, json: boolean): string {
  if (json) return `${JSON.stringify({ error: failure.title, message: failure.message })}\n`;
  // A message may quote what was typed or read (`--at $'10:00\\n…'`, a file's bytes): one line still.
  return `${escapeUnprintable(`stint: ${failure.title}: ${failure.message}`)}\n`;
}

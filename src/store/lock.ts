import { join } from 'node:path';
import { conflict, storeError } from '../core/errors.js';
import { lockFs } from './lock-fs.js';
import { LOCK_NAME } from './paths.js';

/** How long the store waits on a lock: the defaults, or shorter or longer ones a test hands the store. */
export interface LockTiming {
  /**
   * A lock not refreshed for this long belongs to a killed process and is taken over. The holder
   * refreshes it every half of this; proper-lockfile takes no less than 2 s.
   */
  staleMs: number;
  /** How long to wait for a lock held by a live process before failing with 'Store locked'. */
  waitMs: number;
}

/** Long enough to outlast a stale lock, with room for the writes queued behind it. */
export const LOCK_TIMING: LockTiming = { staleMs: 5_000, waitMs: 15_000 };

/** Backoff while another process writes: short waits first (writes take milliseconds), then up to 200 ms apart. */
const backoff = (waitMs: number) => ({
  retries: 1_000,
  factor: 1.3,
  minTimeout: 5,
  maxTimeout: 200,
  randomize: true,
  maxRetryTime: waitMs,
});

export interface LockGuard {
  /** Throws if the lock was lost (taken over as stale) while held, so nothing gets written. */
  assertHeld(): void;
}

const ignore = () => undefined;

/**
 * Node ignores SIGXFSZ, so a write past the file-size limit (`ulimit -f`) fails with EFBIG and is
 * reported. proper-lockfile's signal-exit listens for it, though, and when it is the only listener
 * it kills the process with that signal once the event loop sees it, after our message, with no
 * exit code. A listener of our own keeps it the error it was.
 */
function keepFileSizeLimitAnError(): void {
  if (process.platform === 'win32') return; // no such signal, and signal-exit does not listen
  if (!process.listeners('SIGXFSZ').includes(ignore)) process.on('SIGXFSZ', ignore);
}

/** Runs `critical` while holding the data directory's exclusive, cross-process lock (or another, `name`). */
export async function withStoreLock<T>(
  dir: string,
  critical: (guard: LockGuard) => Promise<T>,
  timing: LockTiming = LOCK_TIMING,
  name: string = LOCK_NAME,
): Promise<T> {
  // Loaded here so that reading commands never pay for the locking library.
  const { default: lockfile } = await import('proper-lockfile');
  keepFileSizeLimitAnError();
  const lockPath = join(dir, name);
  let lost: Error | undefined;
  let release: () => Promise<void>;
  const attempt = (retries: ReturnType<typeof backoff> | 0) =>
    // proper-lockfile keys its locks by this path within a process: each lock needs its own.
    lockfile.lock(name === LOCK_NAME ? dir : lockPath, {
      lockfilePath: lockPath,
      realpath: false,
      fs: lockFs,
      stale: timing.staleMs,
      retries,
      onCompromised: (error) => {
        lost = error;
      },
    });
  const held = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ELOCKED';
  try {
    // proper-lockfile retries whatever the error: only a lock held by another process is worth
    // waiting for, not a read-only disk or a permission (EROFS, EACCES), which fail at once.
    release = await attempt(0).catch((error: unknown) => {
      if (held(error) && timing.waitMs > 0) return attempt(backoff(timing.waitMs));
      throw error;
    });
  } catch (error) {
    if (held(error)) throw conflict('Store locked', `${lockPath} is held by another stint process; try again`);
    throw error;
  }
  const guard: LockGuard = {
    assertHeld() {
      if (lost) throw storeError('Lock lost', `${lockPath} was taken over while writing (${lost.message})`);
    },
  };
  try {
    return await critical(guard);
  } finally {
    await release().catch(() => undefined);
  }
}

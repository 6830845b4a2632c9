import { join } from 'node:path';
import { conflict, storeError } from '../core/errors.js';
import { makeLock, namesHolder, refreshLock, removeAbandoned, removeOwnLock } from './lock-holder.js';
import { LOCK_NAME } from './paths.js';

/** How long the store waits on a lock: the defaults, or shorter or longer ones a test hands the store. */
export interface LockTiming {
  /**
   * A lock not refreshed for this long, whose holder cannot be seen (another host, or no owner
   * named), belongs to a killed process and is taken over. The holder refreshes it every half of this.
   */
  staleMs: number;
  /** How long to wait for a lock held by a live process before failing with 'Store locked'. */
  waitMs: number;
}

/** Long enough to outlast a stale lock, with room for the writes queued behind it. */
export const LOCK_TIMING: LockTiming = { staleMs: 5_000, waitMs: 15_000 };

/** Waits between attempts while another process writes: short first (writes take milliseconds), then up to 200 ms. */
const FIRST_WAIT_MS = 5;
const LONGEST_WAIT_MS = 200;

export interface LockGuard {
  /** Throws if the lock was lost (taken over) while held, so nothing gets written. */
  assertHeld(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `critical` while holding the data directory's exclusive, cross-process lock (or another,
 * `name`): a directory made atomically by `mkdir`, naming its holder (lock-holder.ts). A lock
 * whose holder is gone is taken at once; one whose holder cannot be seen, once it has gone
 * unrefreshed for the stale limit. Otherwise the lock is waited for, up to `waitMs`, then refused
 * (exit 4). Any other failure to make it (a read-only disk, a permission) fails at once.
 *
 * Written here rather than taken from proper-lockfile, which did this with a retry library and
 * signal-exit: ~4.6M instructions of every start and stop at 100,000 sessions (README,
 * Performance), and signal-exit's listeners changed how the process dies of a signal. A holder
 * killed by one is now seen gone by its pid, which also covers SIGKILL.
 */
export async function withStoreLock<T>(
  dir: string,
  critical: (guard: LockGuard) => Promise<T>,
  timing: LockTiming = LOCK_TIMING,
  name: string = LOCK_NAME,
): Promise<T> {
  const lockPath = join(dir, name);
  const owner = await acquire(lockPath, timing);
  let lost: string | undefined;
  // The holder's refresh: proof of life for a process that cannot see ours (another host). Set
  // up only once the event loop turns: a hold that ends within this turn (start, stop and most
  // changes: synchronous file calls and promises) needs none, and Node's interval timers cost
  // such a run ~1.5M instructions (Node 20) to set up, the check for an immediate half that.
  let refresh: ReturnType<typeof setInterval> | undefined;
  const later = setImmediate(() => {
    refresh = setInterval(() => {
      if (!namesHolder(lockPath, owner)) lost = 'it names another holder';
      else refreshLock(lockPath);
    }, timing.staleMs / 2);
    refresh.unref();
  });
  const guard: LockGuard = {
    assertHeld() {
      // Read again here, before each commit point, not only on the refresh.
      if (lost === undefined && !namesHolder(lockPath, owner)) lost = 'it names another holder, or none';
      if (lost !== undefined) throw storeError('Lock lost', `${lockPath} was taken over while writing (${lost})`);
    },
  };
  try {
    return await critical(guard);
  } finally {
    clearImmediate(later);
    if (refresh !== undefined) clearInterval(refresh);
    try {
      removeOwnLock(lockPath, owner);
    } catch {
      // Left behind, it names this process, gone once we exit: the next writer takes it at once.
    }
  }
}

/** Makes the lock, taking over an abandoned one, waiting while another process holds it. */
async function acquire(lockPath: string, timing: LockTiming): Promise<string | null> {
  const deadline = Date.now() + timing.waitMs;
  let wait = FIRST_WAIT_MS;
  for (;;) {
    try {
      return makeLock(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (removeAbandoned(lockPath, timing.staleMs, Date.now())) continue;
    const left = deadline - Date.now();
    if (left <= 0) throw conflict('Store locked', `${lockPath} is held by another stint process; try again`);
    // Randomised, so waiters that collided once do not collide again.
    await sleep(Math.min(left, wait * (1 + Math.random())));
    wait = Math.min(wait * 1.3, LONGEST_WAIT_MS);
  }
}

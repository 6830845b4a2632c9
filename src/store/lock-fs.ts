import { mkdirSync, readFileSync, realpathSync, rmdirSync, type Stats, statSync, utimesSync, writeFileSync } from 'node:fs';
import { removeFile } from './atomic-file.js';
import { hostName } from './node-os.js';
import { join } from 'node:path';

type Callback<T> = (error: NodeJS.ErrnoException | null, value?: T) => void;

function settle<T>(callback: Callback<T>, call: () => T): void {
  let value: T | undefined;
  let failure: NodeJS.ErrnoException | null = null;
  try {
    value = call();
  } catch (error) {
    failure = error as NodeJS.ErrnoException;
  }
  // Later, as fs's callbacks come, but as a microtask: the run's promises already use that
  // queue, and Node's nextTick queue would be set up for this alone (~0.7M instructions a lock, Node 20).
  queueMicrotask(() => callback(failure, value));
}

/** Inside the lock directory: who holds it (`host pid start`), so a live holder is never taken for a dead one. */
export const OWNER_FILE = 'owner';

/** When a process started, in clock ticks since boot (Linux), so a reused pid is not taken for the holder. */
function startOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name, which is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function ownerLine(): string {
  return `${hostName()} ${process.pid} ${startOf(process.pid) ?? '-'}\n`;
}

/**
 * Whether the lock at `dir` is held by another process that is still running on this machine.
 * proper-lockfile takes a lock over once it has gone unrefreshed for the stale limit, and its
 * holder refreshes it from the event loop: a holder starved of CPU on a loaded machine (or busy in
 * a long synchronous write) could lose it while still writing, and two writers would race. A
 * holder that is known alive keeps it; one that is gone, unknown (no owner file: killed between
 * creating the directory and naming itself) or on another host is judged by the time alone.
 */
export function heldByLiveProcess(dir: string): boolean {
  let line: string;
  try {
    line = readFileSync(join(dir, OWNER_FILE), 'utf8');
  } catch {
    return false;
  }
  const [host, pidText, start] = line.trim().split(' ');
  const pid = Number(pidText);
  if (host !== hostName() || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  if (start !== '-') return startOf(pid) === start;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock directory's stat, its time made current while a live process holds it. */
function lockStat(path: string): Stats {
  const stat = statSync(path);
  if (!heldByLiveProcess(path)) return stat;
  return Object.assign(Object.create(Object.getPrototypeOf(stat) as object) as Stats, stat, { mtime: new Date() });
}

/**
 * The file calls proper-lockfile makes, answered by synchronous calls. Each takes microseconds
 * on a local disk, and the callback versions start libuv's thread pool, which alone was a
 * measurable share of a `stint start`. The lock directory also names its holder (above).
 */
export const lockFs = {
  mkdir: (path: string, callback: Callback<void>) =>
    settle(callback, () => {
      mkdirSync(path);
      nameHolder(path);
    }),
  rmdir: (path: string, callback: Callback<void>) => settle(callback, () => removeLockDir(path)),
  rmdirSync: (path: string) => removeLockDir(path),
  stat: (path: string, callback: Callback<Stats>) => settle(callback, () => lockStat(path)),
  utimes: (path: string, atime: Date, mtime: Date, callback: Callback<void>) => settle(callback, () => utimesSync(path, atime, mtime)),
  realpath: (path: string, callback: Callback<string>) => settle(callback, () => realpathSync(path)),
};

/**
 * The lock is held once its directory is made; naming the holder is best effort. Where the name
 * cannot be written (a full disk: the command then fails on its own write, naming that file),
 * the lock is judged by its time alone, as before holders were named.
 */
function nameHolder(path: string): void {
  const owner = join(path, OWNER_FILE);
  try {
    writeFileSync(owner, ownerLine(), { mode: 0o600 });
  } catch {
    try {
      removeFile(owner);
    } catch {
      // Left partly written: it then names no live process, and the time decides.
    }
  }
}

/**
 * Removes a lock: this process's own on release, or one judged stale. Never one another running
 * process holds now: two waiters may both judge a killed holder's lock stale, and the slower one
 * would remove the lock the faster has just made (proper-lockfile's issue #121); it then waits
 * for it like any held lock (ELOCKED), and a release finds nothing of its own to remove.
 */
function removeLockDir(path: string): void {
  if (heldByLiveProcess(path)) throw Object.assign(new Error(`${path} is held by another running process`), { code: 'ELOCKED' });
  removeFile(join(path, OWNER_FILE));
  rmdirSync(path);
}

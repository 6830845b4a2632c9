import { existsSync, mkdirSync, readFileSync, readlinkSync, rmdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeFile } from './atomic-file.js';
import { hostName } from './node-os.js';

/** Inside the lock directory: who holds it (`host pid start pid-namespace`). */
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

/**
 * This process's pid namespace (Linux: `pid:[4026531836]`), '-' where there is none to read. Two
 * containers with one host name see each other's pids as missing or as other processes: only a
 * holder in our own namespace can be judged gone by its pid.
 */
function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '-';
  }
}

function ownerLine(): string {
  return `${hostName()} ${process.pid} ${startOf(process.pid) ?? '-'} ${pidNamespace()}\n`;
}

/**
 * What the lock's owner file says of its holder, judged here:
 * - `live`: a process on this host, still running (same pid, same start);
 * - `gone`: a process on this host and in this pid namespace that is no longer running (killed,
 *   or its pid now another process's), so its lock can be taken at once;
 * - `unknown`: no owner file (killed between making the lock and naming itself), one not
 *   understood, another host or namespace, an owner named by an older stint (no namespace), or
 *   this very process: the lock's age decides.
 */
export function holderOf(dir: string): 'live' | 'gone' | 'unknown' {
  let line: string;
  try {
    line = readFileSync(join(dir, OWNER_FILE), 'utf8');
  } catch {
    return 'unknown';
  }
  const [host, pidText, start, namespace] = line.trim().split(' ');
  const pid = Number(pidText);
  if (host !== hostName() || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return 'unknown';
  const running = start !== undefined && start !== '-' ? startOf(pid) === start : isRunning(pid);
  if (running) return 'live';
  return namespace !== undefined && namespace !== '-' && namespace === pidNamespace() ? 'gone' : 'unknown';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes the lock directory (EEXIST: someone holds it) and names this process in it; returns the
 * name written, or null. The lock is held once the directory is made; naming the holder is best
 * effort: where the name cannot be written (a full disk: the command then fails on its own
 * write, naming that file), the lock is judged by its age alone.
 */
export function makeLock(dir: string): string | null {
  mkdirSync(dir);
  const line = ownerLine();
  const owner = join(dir, OWNER_FILE);
  try {
    writeFileSync(owner, line, { mode: 0o600 });
    return line;
  } catch {
    try {
      removeFile(owner);
    } catch {
      // Left partly written: it then names no live process, and the age decides.
    }
    return null;
  }
}

/** Whether the lock at `dir` is still this holder's (`line`, as makeLock returned it). */
export function namesHolder(dir: string, line: string | null): boolean {
  try {
    return readFileSync(join(dir, OWNER_FILE), 'utf8') === line;
  } catch (error) {
    // Unnamed, it is ours while it is there: a process taking it over names itself.
    return line === null && (error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(dir);
  }
}

/**
 * Removes a lock judged abandoned: its holder gone, or (holder unknown) not refreshed for
 * `staleMs`. Judged again right here, so that of two waiters that both found a killed holder's
 * lock, the slower does not remove the lock the faster has just made (it is fresh, and names a
 * live process): the slower then waits for it like any held lock. Returns whether it removed it.
 */
export function removeAbandoned(dir: string, staleMs: number, now: number): boolean {
  const holder = holderOf(dir);
  if (holder === 'live') return false;
  if (holder === 'unknown') {
    let mtime: number;
    try {
      mtime = statSync(dir).mtimeMs;
    } catch {
      return true; // gone already: try to make it
    }
    if (mtime > now - staleMs) return false;
  }
  removeFile(join(dir, OWNER_FILE));
  try {
    rmdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return true;
}

/** Releases this holder's lock; one another process has taken over meanwhile is left to it. */
export function removeOwnLock(dir: string, line: string | null): void {
  if (!namesHolder(dir, line)) return;
  removeFile(join(dir, OWNER_FILE));
  rmdirSync(dir);
}

/** Marks the lock as refreshed now; a lock gone meanwhile is left to the holder's next check. */
export function refreshLock(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // Gone: the next refresh, or assertHeld, finds it is no longer ours.
  }
}

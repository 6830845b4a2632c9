import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeFile } from './atomic-file.js';
import { hostName } from './node-os.js';

/** Inside the lock directory: who holds it (`host pid start pid-namespace boot-id`). */
export const OWNER_FILE = 'owner';

/** What this machine can tell of a process: running, not (exited, or its pid reused), or nothing sure. */
type Seen = 'running' | 'not running' | 'unknown';

/**
 * A process by its /proc stat (Linux): not running when it is missing or a zombie (exited, not yet
 * reaped), or when it started at another time than `start` (its pid reused); unknown when the file
 * cannot be read for another reason (out of descriptors, say).
 */
function seenByStat(pid: number, start: string): Seen {
  let fields: string[];
  try {
    fields = statFields(`/proc/${pid}/stat`);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not running' : 'unknown';
  }
  if (fields[0] === 'Z') return 'not running';
  return fields[19] === undefined ? 'unknown' : fields[19] === start ? 'running' : 'not running';
}

/**
 * A /proc stat's fields after the command name, which is in parentheses and may hold spaces: the
 * state (field 3) first, the start time in clock ticks since boot (field 22) at index 19.
 */
function statFields(file: string): string[] {
  const stat = readFileSync(file, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** A process by `kill(pid, 0)`, where there is no /proc to read. */
function seenByKill(pid: number): Seen {
  try {
    process.kill(pid, 0);
    return 'running';
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    return code === 'EPERM' ? 'running' : code === 'ESRCH' ? 'not running' : 'unknown';
  }
}

/** When this process started (field 22 of its stat), '-' where /proc cannot say. */
function ownStart(): string {
  try {
    return statFields('/proc/self/stat')[19] ?? '-';
  } catch {
    return '-';
  }
}

/**
 * Which machine and pid namespace this process runs in (Linux: `pid:[4026531836] <boot id>`), or
 * `- -` where /proc cannot say. A host name alone does not tell: two machines may share one
 * (cloned VMs, `localhost`), and every machine's first pid namespace has the same number; the boot
 * id is drawn afresh by each machine's kernel at each boot. Only a holder here can be judged gone
 * by its pid.
 */
let machine: string | undefined;
function thisMachine(): string {
  if (machine === undefined) {
    let namespace = '-';
    let boot = '-';
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || '-';
    } catch {
      // Not Linux, or /proc hidden: no holder is ever judged gone, only live or by the lock's age.
    }
    machine = `${namespace} ${boot}`;
  }
  return machine;
}

/** This process, as a lock's owner file and a running execution name it: `host pid start pid-namespace boot-id`. */
export function processName(): string {
  return `${hostName()} ${process.pid} ${ownStart()} ${thisMachine()}`;
}

function ownerLine(): string {
  return `${processName()}\n`;
}

/**
 * What the lock's owner file says of its holder, judged here:
 * - `live`: a process here, still running (same pid, same start);
 * - `gone`: a process on this machine (same boot id) and in this pid namespace that is no longer
 *   running (killed, or its pid now another process's), so its lock can be taken at once;
 * - `unknown`: no owner file (killed between making the lock and naming itself), one not
 *   understood, another host, machine or namespace, a holder whose state cannot be read, an owner
 *   named by an older stint (host, pid and start only: live or unknown), or this very process:
 *   the lock's age decides.
 */
export function holderOf(dir: string): 'live' | 'gone' | 'unknown' {
  let line: string;
  try {
    line = readFileSync(join(dir, OWNER_FILE), 'utf8');
  } catch {
    return 'unknown';
  }
  // This process: the lock's age decides (see above).
  if (Number(line.trim().split(' ')[1]) === process.pid) return 'unknown';
  return processState(line);
}

/**
 * A process named by processName (here or in another stint), judged from this one: as holderOf
 * judges a lock's holder, except that this very process, named as it is now, is `live`.
 */
export function processState(name: string): 'live' | 'gone' | 'unknown' {
  const [host, pidText, start, namespace, boot] = name.trim().split(' ');
  const pid = Number(pidText);
  // This pid named with another start is a process that had it before: judged below.
  if (pid === process.pid && name.trim() === processName()) return 'live';
  if (host !== hostName() || !Number.isSafeInteger(pid) || pid <= 0) return 'unknown';
  const named = boot !== undefined && boot !== '-';
  if (named && `${namespace} ${boot}` !== thisMachine()) return 'unknown';
  const seen = start !== undefined && start !== '-' ? seenByStat(pid, start) : seenByKill(pid);
  if (seen === 'running') return 'live';
  return seen === 'not running' && named ? 'gone' : 'unknown';
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
 * `staleMs`. Returns whether the lock is no longer there (removed, or already gone), so the
 * caller tries to make it again at once. The judgement and the removal are adjacent, but not one
 * step: of two waiters that both found a killed holder's lock, the slower may remove the lock the
 * faster has just made (the commit's check of the root it replaces catches the writer that then
 * loses, file-store.ts).
 */
export function removeAbandoned(dir: string, staleMs: number, now: number): boolean {
  const holder = holderOf(dir);
  if (holder === 'live') return false;
  if (holder === 'unknown') {
    let mtime: number;
    try {
      // lstat: a link left in the lock's place is judged, and removed, as itself.
      mtime = lstatSync(dir).mtimeMs;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true; // released meanwhile
      throw error;
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

import { join } from 'node:path';
import { StintError, storeError } from '../core/errors.js';
import { changesOf, fold } from '../core/sync/compact.js';
import { type Change, type Entry, keyed } from '../core/sync/merge.js';
import type { Arrivals } from '../core/sync/check.js';
import { checkChange, checkEntry } from '../core/sync/state.js';
import { DEVICE_PATTERN } from '../core/sync/hlc.js';
import type { Files } from '../jobs/files.js';
import { READ_LIMIT } from '../store/atomic-file.js';

// The shared root that git or a replicated folder carries: each device writes only under
// devices/<device>/, so no file ever has two writers and nothing can conflict.
//   devices/<device>/device.json         the device's name, when it joined, and an id of that join
//   devices/<device>/log/<stamp>.json    a segment: the changes of one sync, named by its last stamp
//   devices/<device>/log/snapshot-<stamp>.json  its older segments folded (compactOwn), to that stamp

const LOG_VERSION = 1;

export const deviceDir = (root: string, device: string) => join(root, 'devices', device);

/**
 * Anyone who can push to the remote writes the shared root: a link there could make a sync read
 * a file of this machine, a named pipe would stop it for ever and a huge file exhaust its memory.
 * Only folders and plain files of a sane size are read; anything else stops the sync, naming it.
 */
const hostile = (path: string, why: string) =>
  storeError(
    'Bad sync log',
    `${path}: ${why}; only stint writes under devices/: remove it from the shared root, then run stint sync again`,
  );

/** Whether `dir` is a folder (false: nothing there); a link or a device file there is refused. */
function isFolder(files: Files, dir: string): boolean {
  const kind = files.info(dir)?.kind;
  if (kind === undefined) return false;
  if (kind !== 'directory') throw hostile(dir, 'not a folder');
  return true;
}

export function devicesIn(files: Files, root: string): string[] {
  const dir = join(root, 'devices');
  if (!isFolder(files, dir)) return [];
  // A plain file beside the device folders (a README) is no device and is passed over.
  return files
    .list(dir)
    .filter((name) => DEVICE_PATTERN.test(name) && files.info(join(dir, name))?.kind !== 'file' && isFolder(files, join(dir, name)))
    .sort();
}

/**
 * Takes the name on the shared root. `id` is new at each join, so two devices joining under one
 * name in the same second still write different files: through git, the later one's push is
 * refused and it sees the name taken, instead of both pushing the same commit.
 */
export function registerDevice(files: Files, root: string, device: string, at: string, id: string): void {
  files.makeDir(join(deviceDir(root, device), 'log'));
  const text = `${JSON.stringify({ version: LOG_VERSION, device, joined_at: at, id })}\n`;
  files.writeText(join(deviceDir(root, device), 'device.json'), text);
}

export function writeSegment(files: Files, root: string, device: string, name: string, changes: readonly Change[]): void {
  const dir = join(deviceDir(root, device), 'log');
  files.makeDir(dir);
  files.writeText(join(dir, name), `${JSON.stringify({ version: LOG_VERSION, device, changes })}\n`);
}

export interface Incoming extends Arrivals {
  changes: Change[];
  /** Device → the names of its segments read so far (the old ones and these). */
  seen: Record<string, string[]>;
  /** Device → the stamp of its newest change known here. */
  latest: Record<string, string>;
}

const SEGMENT = /^\d{15}\.\d{6}\.[A-Za-z0-9._-]+\.json$/;
const SNAPSHOT = /^snapshot-\d{15}\.\d{6}\.[A-Za-z0-9._-]+\.json$/;
/** Past this many segments of its own, a device folds them into its snapshot (compactOwn). */
export const COMPACT_AFTER = 100;

const logDir = (root: string, device: string) => join(deviceDir(root, device), 'log');
const stampOf = (name: string) => name.replace(/^snapshot-/, '').slice(0, -'.json'.length);

/**
 * A device's log: its snapshot (the newest, if any; `older`: those a compaction killed before
 * removing them left, each folded into the next) and its segments, oldest first.
 */
function logOf(files: Files, root: string, device: string): { snapshot: string | null; older: string[]; segments: string[] } {
  const dir = logDir(root, device);
  const names = isFolder(files, dir) ? files.list(dir).sort() : [];
  const snapshots = names.filter((n) => SNAPSHOT.test(n));
  return { snapshot: snapshots.at(-1) ?? null, older: snapshots.slice(0, -1), segments: names.filter((n) => SEGMENT.test(n)) };
}

const readLogFile = (files: Files, root: string, device: string, name: string): Change[] =>
  (SNAPSHOT.test(name) ? readSnapshot : readSegment)(files, join(logDir(root, device), name), device);

/** A log file's text: a plain file (not a link), no larger than any history stint could write. */
function logText(files: Files, path: string): string {
  const info = files.info(path);
  if (info?.kind !== 'file') throw hostile(path, 'not a plain file');
  if (info.size > READ_LIMIT) throw hostile(path, `larger than ${READ_LIMIT / 1024 / 1024} MiB`);
  return files.readText(path);
}

/**
 * Every other device's log files not read before: its snapshot, if new, and its segments. A file
 * that does not read whole stops the sync (exit 1, naming it): a replicated folder may hold a
 * half-copied file, which the next sync reads once it is complete, so nothing is taken from it
 * meanwhile. Names compacted away are forgotten, so what is remembered stays small.
 */
export function readIncoming(files: Files, root: string, self: string, seen: Record<string, string[]>): Incoming {
  const changes: Change[] = [];
  // Where each file's changes end in `changes`, so a merge can name the file a value came from.
  const ends: { path: string; end: number }[] = [];
  // Keyed by device names, which anyone with push access chooses: `constructor` is one.
  const out = keyed<string[]>();
  const latest = keyed<string>();
  for (const device of devicesIn(files, root)) {
    const known = new Set(Object.hasOwn(seen, device) ? seen[device] : []);
    const { snapshot, segments } = logOf(files, root, device);
    const newest = [snapshot, segments.at(-1)]
      .flatMap((n) => (n ? [stampOf(n)] : []))
      .sort()
      .at(-1);
    if (newest) latest[device] = newest;
    if (device === self) continue;
    const present = snapshot ? [snapshot, ...segments] : segments;
    for (const name of present) {
      if (known.has(name)) continue;
      changes.push(...readLogFile(files, root, device, name));
      ends.push({ path: join(logDir(root, device), name), end: changes.length });
      known.add(name);
    }
    out[device] = present;
  }
  const fileOf = (index: number) => ends.find((file) => index < file.end)?.path ?? '';
  return { changes, seen: Object.assign(keyed<string[]>(), seen, out), latest, fileOf };
}

/**
 * The changes of the log files `now` names and `before` does not (what one round read). One
 * compacted away since is passed over: the snapshot holding it is read by the next round.
 */
export function readBetween(files: Files, root: string, before: Record<string, string[]>, now: Record<string, string[]>): Change[] {
  const changes: Change[] = [];
  for (const [device, names] of Object.entries(now)) {
    if (!DEVICE_PATTERN.test(device)) continue;
    const known = new Set(Object.hasOwn(before, device) ? before[device] : []);
    for (const name of names) {
      if (known.has(name) || !(SEGMENT.test(name) || SNAPSHOT.test(name))) continue;
      if (files.info(join(logDir(root, device), name))) changes.push(...readLogFile(files, root, device, name));
    }
  }
  return changes;
}

/**
 * Folds this device's segments into its snapshot once there are `atLeast` of them (the previous
 * snapshot and the segments, into one named by the last segment's stamp), so a new device reads
 * one file instead of years of them. Only this device writes here. The snapshot is written whole
 * and flushed before anything it holds is removed; killed in between, the next compaction folds
 * the same changes again (nothing changes twice). Returns how many segments it folded.
 */
export function compactOwn(files: Files, root: string, device: string, atLeast = COMPACT_AFTER): number {
  const { snapshot, older, segments } = logOf(files, root, device);
  const last = segments.at(-1);
  if (!last || segments.length < atLeast) return 0;
  const entries = fold(snapshot ? readLogFile(files, root, device, snapshot) : []);
  for (const name of segments) fold(readLogFile(files, root, device, name), entries);
  const name = `snapshot-${last}`;
  files.writeText(join(logDir(root, device), name), `${JSON.stringify({ version: LOG_VERSION, device, entries })}\n`);
  for (const old of [...older, snapshot, ...segments]) if (old && old !== name) files.removeFile(join(logDir(root, device), old));
  return segments.length;
}

/**
 * A log file (snapshot or segment) of `device`, read whole: `body` takes the parsed file's one
 * key (`entries` or `changes`) and the `check` of what it holds; anything that does not read so,
 * holds a value stint would not write (control characters in a task, a running session with a
 * stop: core/sync/check.ts) or is stamped by another device (a device writes only its own
 * changes: such a stamp is not believed) is refused, naming the file.
 */
function readLog(
  files: Files,
  path: string,
  device: string,
  body: { key: 'entries' | 'changes'; kind: string; changes(value: unknown, check: <V>(read: () => V) => V): Iterable<[string, Change]> },
): Change[] {
  const bad = (why: string) => storeError('Bad sync log', `${path}: ${why}; run stint sync again once it is fully copied`);
  const text = logText(files, path);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  if (typeof raw !== 'object' || raw === null || !(body.key in raw)) throw bad(`not a ${body.kind}`);
  const value = (raw as Record<string, unknown>)[body.key];
  if (typeof value !== 'object' || value === null || (body.key === 'changes') !== Array.isArray(value)) throw bad(`not a ${body.kind}`);
  if (!('version' in raw) || raw.version !== LOG_VERSION) throw bad('an unknown version (upgrade stint)');
  const check = <V>(read: () => V): V => {
    try {
      return read();
    } catch (error) {
      if (error instanceof StintError) throw bad(error.message);
      throw error;
    }
  };
  const changes: Change[] = [];
  for (const [what, change] of body.changes(value, check)) {
    if (!change.at.endsWith(`.${device}`)) throw bad(`${what} is stamped by another device`);
    changes.push(change);
  }
  return changes;
}

/** A snapshot: every entry checked as sync.json's are, and, as a segment's changes, this device's alone. */
function readSnapshot(files: Files, path: string, device: string): Change[] {
  return readLog(files, path, device, {
    key: 'entries',
    kind: 'snapshot',
    *changes(value, check) {
      for (const [uid, raw] of Object.entries(value as Record<string, unknown>)) {
        const entry: Entry = check(() => checkEntry(raw, `session ${uid}`));
        for (const change of changesOf(uid, entry)) yield [`session ${uid}`, change];
      }
    },
  });
}

function readSegment(files: Files, path: string, device: string): Change[] {
  return readLog(files, path, device, {
    key: 'changes',
    kind: 'log segment',
    *changes(value, check) {
      for (const [i, raw] of (value as unknown[]).entries()) yield [`change ${i + 1}`, check(() => checkChange(raw, `change ${i + 1}`))];
    },
  });
}

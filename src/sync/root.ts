import { join } from 'node:path';
import { StintError, storeError } from '../core/errors.js';
import { printable } from '../core/labels.js';
import type { Change, SyncedFields } from '../core/sync/merge.js';
import { checkChange } from '../core/sync/state.js';
import { DEVICE_PATTERN } from '../core/sync/hlc.js';
import type { Files } from '../jobs/files.js';

// The shared root that git or a replicated folder carries: each device writes only under
// devices/<device>/, so no file ever has two writers and nothing can conflict.
//   devices/<device>/device.json         the device's name and when it joined
//   devices/<device>/log/<stamp>.json    a segment: the changes of one sync, named by its last stamp

const LOG_VERSION = 1;

export const deviceDir = (root: string, device: string) => join(root, 'devices', device);

export function devicesIn(files: Files, root: string): string[] {
  const dir = join(root, 'devices');
  if (files.info(dir, true)?.kind !== 'directory') return [];
  return files
    .list(dir)
    .filter((name) => DEVICE_PATTERN.test(name))
    .sort();
}

export function registerDevice(files: Files, root: string, device: string, at: string): void {
  files.makeDir(join(deviceDir(root, device), 'log'));
  files.writeText(join(deviceDir(root, device), 'device.json'), `${JSON.stringify({ version: LOG_VERSION, device, joined_at: at })}\n`);
}

export function writeSegment(files: Files, root: string, device: string, name: string, changes: readonly Change[]): void {
  const dir = join(deviceDir(root, device), 'log');
  files.makeDir(dir);
  files.writeText(join(dir, name), `${JSON.stringify({ version: LOG_VERSION, device, changes })}\n`);
}

export interface Incoming {
  changes: Change[];
  /** Device → the names of its segments read so far (the old ones and these). */
  seen: Record<string, string[]>;
  /** Device → the stamp of its newest change known here. */
  latest: Record<string, string>;
}

const SEGMENT = /^\d{15}\.\d{6}\.[A-Za-z0-9._-]+\.json$/;

/**
 * Every other device's segments not read before. A segment that does not read whole stops the
 * sync (exit 1, naming it): a replicated folder may hold a half-copied file, which the next sync
 * reads once it is complete, so nothing is taken from it meanwhile.
 */
export function readIncoming(files: Files, root: string, self: string, seen: Record<string, string[]>): Incoming {
  const changes: Change[] = [];
  const out: Record<string, string[]> = {};
  const latest: Record<string, string> = {};
  for (const device of devicesIn(files, root)) {
    const known = new Set(seen[device] ?? []);
    const dir = join(deviceDir(root, device), 'log');
    const names =
      files.info(dir, true)?.kind === 'directory'
        ? files
            .list(dir)
            .filter((n) => SEGMENT.test(n))
            .sort()
        : [];
    const last = names.at(-1);
    if (last) latest[device] = last.slice(0, -'.json'.length);
    if (device === self) continue;
    for (const name of names) {
      if (known.has(name)) continue;
      changes.push(...readSegment(files, join(dir, name), device));
      known.add(name);
    }
    out[device] = [...known].sort();
  }
  return { changes, seen: { ...seen, ...out }, latest };
}

/** The changes of the segments `now` names and `before` does not (what one round read). */
export function readBetween(files: Files, root: string, before: Record<string, string[]>, now: Record<string, string[]>): Change[] {
  const changes: Change[] = [];
  for (const [device, names] of Object.entries(now)) {
    if (!DEVICE_PATTERN.test(device)) continue;
    const known = new Set(before[device] ?? []);
    for (const name of names) {
      if (!known.has(name) && SEGMENT.test(name)) changes.push(...readSegment(files, join(deviceDir(root, device), 'log', name), device));
    }
  }
  return changes;
}

/**
 * Text that another device's log would bring into this terminal: the commands never store control
 * characters in a task or tag (a note keeps line breaks and tabs), so a log holding them was forged
 * or damaged, and an escape sequence in it would recolour or rewrite the screen that prints it.
 */
function unprintableField(set: Partial<SyncedFields>): string | null {
  if (set.task !== undefined && !printable(set.task)) return 'task';
  if (set.tags?.some((t) => !printable(t))) return 'tags';
  if (typeof set.note === 'string' && !printable(set.note, true)) return 'note';
  return null;
}

function readSegment(files: Files, path: string, device: string): Change[] {
  const bad = (why: string) => storeError('Bad sync log', `${path}: ${why}; run stint sync again once it is fully copied`);
  let raw: unknown;
  try {
    raw = JSON.parse(files.readText(path));
  } catch {
    throw bad('not JSON');
  }
  if (typeof raw !== 'object' || raw === null || !('changes' in raw) || !Array.isArray(raw.changes)) throw bad('not a log segment');
  if (!('version' in raw) || raw.version !== LOG_VERSION) throw bad('an unknown version (upgrade stint)');
  return raw.changes.map((change: unknown, i: number) => {
    let checked: Change;
    try {
      checked = checkChange(change, `change ${i + 1}`);
    } catch (error) {
      if (error instanceof StintError) throw bad(error.message);
      throw error;
    }
    // A device writes only its own changes: a stamp naming another device is not believed.
    if (!checked.at.endsWith(`.${device}`)) throw bad(`change ${i + 1} is stamped by another device`);
    const field = 'set' in checked ? unprintableField(checked.set) : null;
    if (field) throw bad(`change ${i + 1}: its ${field} holds control characters`);
    return checked;
  });
}

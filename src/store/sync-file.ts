import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StintError } from '../core/errors.js';
import type { Change } from '../core/sync/merge.js';
import { checkChange, checkSyncData, emptySyncData, type SyncData } from '../core/sync/state.js';
import { makeDurableDir, readTextIfExists, removeAbandonedTempFiles, writeFileWhole } from './atomic-file.js';
import type { Codec } from './json-file.js';
import { openJson } from './json-file.js';
import { parseObject, unreadable } from './schema.js';
import { readSideFile, type SideFile } from './side-files.js';
import { SYNC_STATE_DIR } from './sync-shards.js';

// 2: the merged state moved out to sync-state/ (sync-shards.ts).
// 3: the outbox moved out to sync-state/outbox-<name> (a first sync's is the whole history, and
//    sync.json is written three or four times a sync); sync.json names it and how many changes it holds.
const SYNC_VERSION = 3;
const OUTBOX_VERSION = 1;

/** Sync's state beside the sessions (README "Sync across devices"): one small line. */
export const SYNC_FILE = 'sync.json';
/** Held for a whole sync (git included), so two syncs never interleave; the store's writers never wait on it. */
export const SYNC_LOCK = 'sync.lock';

type Outbox = NonNullable<SyncData['outbox']>;
interface OutboxRef {
  name: string;
  count: number;
}
/** sync.json as stored: the outbox named only. */
interface Stored {
  data: SyncData;
  outbox: OutboxRef | null;
}

// An outbox is named by its last change's stamp: the name alone makes a file of sync-state/.
const OUTBOX_NAME = /^\d{15}\.\d{6}\.[A-Za-z0-9][A-Za-z0-9._-]{0,62}\.json$/;
const outboxPath = (dir: string, name: string) => join(dir, SYNC_STATE_DIR, `outbox-${name}`);

const syncCodec: Codec<Stored> = {
  encode: ({ data, outbox }) => `${JSON.stringify({ version: SYNC_VERSION, ...data, outbox })}\n`,
  decode: (text, path) => {
    const { version, ...raw } = parseObject(text, path);
    // Version 2 (the outbox inline) lived only between two branches, never released: not read.
    if (version !== SYNC_VERSION)
      throw unreadable(
        path,
        typeof version === 'number' && version > SYNC_VERSION ? 'written by a newer stint; upgrade stint' : 'unknown version',
      );
    let outbox: OutboxRef | null = null;
    if (raw.outbox !== null) {
      const ref = raw.outbox as Partial<OutboxRef> | undefined;
      if (typeof ref?.name !== 'string' || !OUTBOX_NAME.test(ref.name) || !Number.isInteger(ref.count) || (ref.count as number) < 1) {
        throw unreadable(path, 'Bad sync state: bad outbox');
      }
      outbox = { name: ref.name, count: ref.count as number };
      raw.outbox = null;
    }
    try {
      return { data: checkSyncData(raw), outbox };
    } catch (error) {
      if (error instanceof StintError) throw unreadable(path, error.message);
      throw error;
    }
  },
};

export const SYNC: SideFile<Stored> = { name: SYNC_FILE, codec: syncCodec, defaults: () => ({ data: emptySyncData(), outbox: null }) };

/** The outbox sync.json names: all of it, as it names it, or refused (never overwritten). */
function readOutbox(dir: string, ref: OutboxRef): Outbox {
  const path = outboxPath(dir, ref.name);
  const text = readTextIfExists(path);
  if (text === null) throw unreadable(path, `missing (${SYNC_FILE} names it)`);
  const { version, ...raw } = parseObject(text, path);
  if (version !== OUTBOX_VERSION) throw unreadable(path, 'unknown version');
  if (raw.name !== ref.name || !Array.isArray(raw.changes) || raw.changes.length !== ref.count) {
    throw unreadable(path, `not the outbox ${SYNC_FILE} names (${ref.count} changes)`);
  }
  try {
    return { name: ref.name, changes: raw.changes.map((c: unknown, i: number) => checkChange(c, `change ${i + 1}`)) };
  } catch (error) {
    if (error instanceof StintError) throw unreadable(path, error.message);
    throw error;
  }
}

/**
 * sync.json and its outbox. The outbox is written once (a new outbox is a new file, flushed
 * before the sync.json naming it), not at each of a sync's writes of its state; those it
 * replaced are removed once sync.json no longer names them. A kill leaves sync.json naming a
 * complete outbox, perhaps beside an unnamed one, which the next write removes.
 */
export function syncFileIn(dir: string) {
  // The outbox known to be on disk whole (read or written by this process): not written again.
  let stored: { name: string; changes: readonly Change[] } | null = null;
  return {
    async read(): Promise<SyncData> {
      const { data, outbox } = await readSideFile(dir, SYNC);
      if (outbox) {
        data.outbox = readOutbox(dir, outbox);
        stored = data.outbox;
      }
      return data;
    },
    async write(data: SyncData): Promise<void> {
      const { outbox } = data;
      if (outbox && !(stored?.name === outbox.name && stored.changes === outbox.changes)) {
        const path = outboxPath(dir, outbox.name);
        makeDurableDir(dirname(path));
        removeAbandonedTempFiles(path);
        writeFileWhole(path, `${JSON.stringify({ version: OUTBOX_VERSION, name: outbox.name, changes: outbox.changes })}\n`);
        stored = outbox;
      }
      const path = join(dir, SYNC_FILE);
      removeAbandonedTempFiles(path);
      const ref = outbox && { name: outbox.name, count: outbox.changes.length };
      await openJson(path, SYNC.codec, 'replace', { data, outbox: ref }).db.write();
      sweepOutboxes(dir, outbox ? `outbox-${outbox.name}` : null);
    },
  };
}

/** Outboxes sync.json no longer names (sent, or replaced), and their abandoned temporary files. */
function sweepOutboxes(dir: string, keep: string | null): void {
  const stateDir = join(dir, SYNC_STATE_DIR);
  let names: string[];
  try {
    names = readdirSync(stateDir);
  } catch {
    return;
  }
  for (const name of names) {
    const old = (name.startsWith('outbox-') && name !== keep) || (name.startsWith('.outbox-') && name.endsWith('.tmp'));
    if (old) rmSync(join(stateDir, name), { force: true });
  }
}

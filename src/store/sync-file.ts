import { StintError } from '../core/errors.js';
import { checkSyncData, emptySyncData, type SyncData } from '../core/sync/state.js';
import type { Codec } from './json-file.js';
import { parseObject, unreadable } from './schema.js';
import type { SideFile } from './side-files.js';

// 2: the merged state moved out to sync-state/ (sync-shards.ts).
const SYNC_VERSION = 2;

/** Sync's state beside the sessions (README "Sync across devices"): one small line. */
export const SYNC_FILE = 'sync.json';
/** Held for a whole sync (git included), so two syncs never interleave; the store's writers never wait on it. */
export const SYNC_LOCK = 'sync.lock';

const syncCodec: Codec<SyncData> = {
  encode: (data) => `${JSON.stringify({ version: SYNC_VERSION, ...data })}\n`,
  decode: (text, path) => {
    const { version, ...raw } = parseObject(text, path);
    if (version !== SYNC_VERSION)
      throw unreadable(
        path,
        typeof version === 'number' && version > SYNC_VERSION ? 'written by a newer stint; upgrade stint' : 'unknown version',
      );
    try {
      return checkSyncData(raw);
    } catch (error) {
      if (error instanceof StintError) throw unreadable(path, error.message);
      throw error;
    }
  },
};

export const SYNC: SideFile<SyncData> = { name: SYNC_FILE, codec: syncCodec, defaults: emptySyncData };

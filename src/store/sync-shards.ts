import { join } from 'node:path';
import { StintError } from '../core/errors.js';
import { type Keyed, keyed, type Merged } from '../core/sync/merge.js';
import { checkEntries, checkFiled, type Filing, type SyncEntries } from '../core/sync/state.js';
import { makeDurableDir, readTextIfExists, removeAbandonedTempFiles, removeFilesIn, syncDirectory, writeFileWhole } from './atomic-file.js';
import { parseObject, unreadable } from './schema.js';

// Sync's merged state, split so that a sync reads and writes only what its changes touch (as the
// store splits sessions by month): 256 shards by a hash of the uid, each holding its sessions'
// merged entries and where each is filed locally, and for each place (`active`, a month) the uids
// the last sync left there, which is how a sync finds the sessions removed locally since.
//   sync-state/shard-<xx>.json    {"version":1,"merged":{uid: entry},"local":{uid: [id, where]}}
//   sync-state/filed-<where>.json {"version":1,"uids":{uid: digest of its synced fields}}

export const SYNC_STATE_DIR = 'sync-state';
const VERSION = 1;
const PLACE = /^(active|\d{4}-\d{2})$/;

/** The shard of a uid: FNV-1a of its text, low 8 bits (uids need not be hex: imports keep theirs). */
export function shardOf(uid: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < uid.length; i += 1) hash = Math.imul(hash ^ uid.charCodeAt(i), 0x01000193);
  return (hash & 0xff).toString(16).padStart(2, '0');
}

function decoded<T>(path: string, check: (raw: Record<string, unknown>) => T): T | null {
  const text = readTextIfExists(path);
  if (text === null) return null;
  const { version, ...raw } = parseObject(text, path);
  if (version !== VERSION) {
    throw unreadable(
      path,
      typeof version === 'number' && version > VERSION ? 'written by a newer stint; upgrade stint' : 'unknown version',
    );
  }
  try {
    return check(raw);
  } catch (error) {
    if (error instanceof StintError) throw unreadable(path, error.message);
    throw error;
  }
}

export function createShards(dataDir: string) {
  const dir = join(dataDir, SYNC_STATE_DIR);
  const shardPath = (key: string) => join(dir, `shard-${key}.json`);
  const filedPath = (where: string) => join(dir, `filed-${where}.json`);
  // Parsed once per sync (while the sync lock is held: `during`), handed out as copies: a round
  // that is done again must not see what its first try merged. Outside a sync, read each time.
  let cache: Map<string, SyncEntries> | null = null;
  const readShard = (key: string): SyncEntries => {
    let shard = cache?.get(key);
    if (!shard) {
      shard = decoded(shardPath(key), checkEntries) ?? { merged: keyed(), local: keyed() };
      cache?.set(key, shard);
    }
    return shard;
  };
  const readFiled = (where: string): Keyed<string> => decoded(filedPath(where), checkFiled) ?? keyed();
  /** Written whole and flushed; the directory is flushed once, after all of a put's files. */
  const write = (path: string, value: object) => {
    removeAbandonedTempFiles(path);
    writeFileWhole(path, `${JSON.stringify({ version: VERSION, ...value })}\n`, { deferDirectory: true });
  };

  function byShard(uids: Iterable<string>): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const uid of uids) {
      const key = shardOf(uid);
      const list = out.get(key);
      if (list) list.push(uid);
      else out.set(key, [uid]);
    }
    return out;
  }

  return {
    /** Runs one sync's work with the shards it reads kept parsed. */
    async during<T>(work: () => Promise<T>): Promise<T> {
      cache = new Map();
      try {
        return await work();
      } finally {
        cache = null;
      }
    },

    async entries(uids: Iterable<string>): Promise<SyncEntries> {
      const out: SyncEntries = { merged: keyed(), local: keyed() };
      for (const [key, list] of byShard(uids)) {
        const shard = readShard(key);
        for (const uid of list) {
          const entry = shard.merged[uid];
          if (entry) out.merged[uid] = structuredClone(entry);
          const place = shard.local[uid];
          if (place) out.local[uid] = [place[0], place[1]];
        }
      }
      return out;
    },

    /** uid → digest of the sessions the last sync left at these places. */
    async filed(places: Iterable<string>): Promise<Keyed<string>> {
      const out = keyed<string>();
      for (const where of new Set(places)) if (PLACE.test(where)) Object.assign(out, readFiled(where));
      return out;
    },

    /** Removes every shard and place list (and their abandoned temporary files). */
    forget(): void {
      if (cache) cache = new Map();
      removeFilesIn(dir, (name) => /^\.?(shard|filed)-/.test(name));
      syncDirectory(dir);
    },

    /**
     * Idempotent, so a sync killed half-way writes it all again: the place lists first (a uid
     * added to its new place, taken from the old one the shard still names), then the shards.
     * A list naming a uid filed elsewhere is harmless: the shard's place is what is believed.
     */
    async put(merged: Merged, local: Keyed<Filing | null>): Promise<void> {
      const touched = byShard(new Set([...Object.keys(merged), ...Object.keys(local)]));
      if (touched.size === 0) return;
      makeDurableDir(dir);
      const moves = new Map<string, { add: Keyed<string>; drop: Set<string> }>();
      const move = (where: string) => {
        const m = moves.get(where) ?? { add: keyed<string>(), drop: new Set<string>() };
        moves.set(where, m);
        return m;
      };
      for (const [uid, filing] of Object.entries(local)) {
        const before = readShard(shardOf(uid)).local[uid];
        if (filing) move(filing[1]).add[uid] = filing[2];
        if (before && before[1] !== filing?.[1]) move(before[1]).drop.add(uid);
      }
      for (const [where, { add, drop }] of moves) {
        if (!PLACE.test(where)) continue;
        const list = readFiled(where);
        const before = JSON.stringify(list);
        Object.assign(list, add);
        for (const uid of drop) delete list[uid];
        if (JSON.stringify(list) !== before) write(filedPath(where), { uids: list });
      }
      for (const [key, uids] of touched) {
        const shard = readShard(key);
        for (const uid of uids) {
          const entry = merged[uid];
          // Not copied: put ends the round that handed them in.
          if (entry) shard.merged[uid] = entry;
          if (!(uid in local)) continue;
          const filing = local[uid];
          if (filing) shard.local[uid] = [filing[0], filing[1]];
          else delete shard.local[uid];
        }
        write(shardPath(key), shard);
      }
      syncDirectory(dir);
    },
  };
}

export type SyncShards = ReturnType<typeof createShards>;

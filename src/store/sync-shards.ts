import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StintError } from '../core/errors.js';
import type { Merged } from '../core/sync/merge.js';
import { checkEntries, checkFiled, type LocalPlace, type SyncEntries } from '../core/sync/state.js';
import { readTextIfExists, removeAbandonedTempFiles, writeFileWhole } from './atomic-file.js';
import { parseObject, unreadable } from './schema.js';

// Sync's merged state, split so that a sync reads and writes only what its changes touch (as the
// store splits sessions by month): 256 shards by a hash of the uid, each holding its sessions'
// merged entries and where each is filed locally, and for each place (`active`, a month) the uids
// the last sync left there, which is how a sync finds the sessions removed locally since.
//   sync-state/shard-<xx>.json    {"version":1,"merged":{uid: entry},"local":{uid: [id, where]}}
//   sync-state/filed-<where>.json {"version":1,"uids":[uid, …]}

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
  const readShard = (key: string): SyncEntries => decoded(shardPath(key), checkEntries) ?? { merged: {}, local: {} };
  const readFiled = (where: string): string[] => decoded(filedPath(where), checkFiled) ?? [];
  const write = (path: string, value: object) => {
    removeAbandonedTempFiles(path);
    writeFileWhole(path, `${JSON.stringify({ version: VERSION, ...value })}\n`, { durable: true });
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
    async entries(uids: Iterable<string>): Promise<SyncEntries> {
      const out: SyncEntries = { merged: {}, local: {} };
      for (const [key, list] of byShard(uids)) {
        const shard = readShard(key);
        for (const uid of list) {
          const entry = shard.merged[uid];
          if (entry) out.merged[uid] = entry;
          const place = shard.local[uid];
          if (place) out.local[uid] = place;
        }
      }
      return out;
    },

    async filed(places: Iterable<string>): Promise<string[]> {
      return [...new Set(places)].filter((where) => PLACE.test(where)).flatMap(readFiled);
    },

    /**
     * Idempotent, so a sync killed half-way writes it all again: the place lists first (a uid
     * added to its new place, taken from the old one the shard still names), then the shards.
     * A list naming a uid filed elsewhere is harmless: the shard's place is what is believed.
     */
    async put(merged: Merged, local: Record<string, LocalPlace | null>): Promise<void> {
      const touched = byShard([...Object.keys(merged), ...Object.keys(local)]);
      if (touched.size === 0) return;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const shards = new Map([...touched.keys()].map((key) => [key, readShard(key)]));
      const moves = new Map<string, { add: Set<string>; drop: Set<string> }>();
      const move = (where: string) => moves.get(where) ?? moves.set(where, { add: new Set(), drop: new Set() }).get(where);
      for (const [uid, place] of Object.entries(local)) {
        const before = shards.get(shardOf(uid))?.local[uid];
        if (place) move(place[1])?.add.add(uid);
        if (before && before[1] !== place?.[1]) move(before[1])?.drop.add(uid);
      }
      for (const [where, { add, drop }] of moves) {
        if (!PLACE.test(where)) continue;
        const before = readFiled(where);
        const list = new Set(before);
        for (const uid of add) list.add(uid);
        for (const uid of drop) list.delete(uid);
        const after = [...list].sort();
        if (after.join('\n') !== [...before].sort().join('\n')) write(filedPath(where), { uids: after });
      }
      for (const [key, shard] of shards) {
        for (const uid of touched.get(key) ?? []) {
          const entry = merged[uid];
          if (entry) shard.merged[uid] = entry;
          if (!(uid in local)) continue;
          const place = local[uid];
          if (place) shard.local[uid] = place;
          else delete shard.local[uid];
        }
        write(shardPath(key), shard);
      }
    },
  };
}

export type SyncShards = ReturnType<typeof createShards>;

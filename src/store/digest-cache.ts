import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR } from './paths.js';
import { readTextIfExists, writeFileWhole } from './atomic-file.js';
import type { Session } from '../core/session.js';
import type { Settling } from './store.js';
import { isRecord, type MonthEntry, type Root } from './schema.js';

/**
 * Results derived from month files, kept beside the store so whole-history summaries (stats,
 * badges, the line `stop` prints) need not read every month on every run. It is a cache, not
 * data: each entry names the month file it came from, and month files are immutable and
 * renamed on every change, so an entry is valid exactly while the root still names its file.
 * Day boundaries depend on the time zone, so the whole cache is also keyed by it. Nothing is
 * lost if it is missing, stale or unreadable: the months are derived again.
 */
export interface DigestCache {
  zone: string;
  months: Record<string, { file: string; value: unknown }>;
}

const cachePath = (dir: string, name: string) => join(dir, CACHE_DIR, `${name}.json`);

/** A cache file's JSON object, or null when it is absent or unreadable (never an error). */
function readCacheRecord(dir: string, name: string): Record<string, unknown> | null {
  try {
    const raw: unknown = JSON.parse(readTextIfExists(cachePath(dir, name)) ?? 'null');
    return isRecord(raw) ? raw : null;
  } catch {
    return null;
  }
}

/** The cache for `zone`, or an empty one when absent, unreadable or for another zone. */
function readDigestCache(dir: string, name: string, zone: string): DigestCache {
  const raw = readCacheRecord(dir, name);
  if (!raw || raw.zone !== zone || !isRecord(raw.months)) return { zone, months: {} };
  return raw as unknown as DigestCache;
}

/**
 * Replaces the cache by rename, without the store lock (readers keep it up to date too) and
 * without fsync: a torn or lost cache only costs a recomputation. Failures are ignored.
 */
export function writeDigestCache(dir: string, name: string, cache: object): void {
  try {
    // Not recursive: a reader must never re-create a data directory deleted under it.
    if (!existsSync(join(dir, CACHE_DIR))) mkdirSync(join(dir, CACHE_DIR), { mode: 0o700 });
    writeFileWhole(cachePath(dir, name), JSON.stringify(cache), { durable: false });
  } catch {
    // A cache that cannot be written is derived again next time.
  }
}

/**
 * Each month's result from the cache while its file is the one the root names, derived anew
 * otherwise. The cache is rewritten when an older month had to be derived: the newest month
 * changes with almost every stop, and deriving that one file is cheap. A null zone: no cache.
 */
export async function digestMonths<T>(
  where: { dir: string; name: string; zone: string | null; root: Root },
  { derive, valid }: { derive: (sessions: readonly Session[]) => T; valid: (cached: unknown) => boolean },
  readSessions: (month: string) => Promise<readonly Session[]>,
): Promise<T[]> {
  const { dir, name, zone, root } = where;
  const cache = zone === null ? null : readDigestCache(dir, name, zone);
  const keys = Object.keys(root.months).sort();
  const fresh: DigestCache['months'] = {};
  let stale = false;
  const results: T[] = [];
  for (const month of keys) {
    const { file } = root.months[month] as MonthEntry;
    const cached = cache?.months[month];
    const hit = isRecord(cached) && cached.file === file && valid(cached.value);
    const value = hit ? (cached.value as T) : derive(await readSessions(month));
    if (!hit && month !== keys.at(-1)) stale = true;
    fresh[month] = { file, value };
    results.push(value);
  }
  if (cache && stale) writeDigestCache(dir, name, { zone: cache.zone, months: fresh });
  return results;
}

/**
 * The older months' results folded into one, from the cache when it was made from exactly the
 * files the root names now (and for this zone and key), else folded again from the per-month
 * digests and cached; and the newest month's result, derived on its own (it changes with
 * almost every stop).
 */
export async function digestSettled<T, S>(
  where: { dir: string; name: string; zone: string | null; root: Root },
  digest: { derive: (sessions: readonly Session[]) => T; valid: (cached: unknown) => boolean },
  settling: Settling<T, S>,
  readSessions: (month: string) => Promise<readonly Session[]>,
): Promise<{ settled: S | null; newest: { month: string; value: T } | null }> {
  const { dir, name, zone, root } = where;
  const keys = Object.keys(root.months).sort();
  const newest = keys.at(-1);
  if (newest === undefined) return { settled: null, newest: null };
  const older = keys.slice(0, -1);
  const months = older.map((month) => `${month}=${(root.months[month] as MonthEntry).file}`).join(',');
  const cacheName = `${name}.settled`;
  const cached = zone === null ? null : readCacheRecord(dir, cacheName);
  if (cached && cached.zone === zone && cached.key === settling.key && cached.months === months && settling.valid(cached.value)) {
    return { settled: cached.value as S, newest: { month: newest, value: digest.derive(await readSessions(newest)) } };
  }
  const values = await digestMonths(where, digest, readSessions);
  const settled = older.length === 0 ? null : settling.fold(older.map((month, i) => ({ month, value: values[i] as T })));
  if (zone !== null && settled !== null) writeDigestCache(dir, cacheName, { zone, key: settling.key, months, value: settled });
  return { settled, newest: { month: newest, value: values.at(-1) as T } };
}

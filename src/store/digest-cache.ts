import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR } from './paths.js';
import { readTextIfExists, writeFileWhole } from './atomic-file.js';
import type { Session } from '../core/session.js';
import type { Settling } from './store.js';
import { isRecord, type MonthEntry, monthFiles, type Root } from './schema.js';

/**
 * Results derived from month files, kept beside the store so whole-history summaries (stats,
 * badges, the line `stop` prints) need not read every month on every run. It is a cache, not
 * data: month files are immutable and renamed on every change, so each result is kept under the
 * name of the file it came from, and is valid exactly while the root still names that file.
 * Day boundaries depend on the time zone, so the whole cache is also keyed by it. Nothing is
 * lost if it is missing, stale or unreadable: the files are derived again.
 */
export interface DigestCache {
  zone: string;
  files: Record<string, unknown>;
}

/** One of a month's files and its sessions. */
export interface Piece {
  file: string;
  sessions: readonly Session[];
}

/** Some of a month's files, read (and checked) by the store. */
export type ReadFiles = (month: string, files: readonly string[]) => Promise<Piece[]>;

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
  if (!raw || raw.zone !== zone || !isRecord(raw.files)) return { zone, files: {} };
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

interface Digest<T> {
  derive: (sessions: readonly Session[]) => T;
  valid: (cached: unknown) => boolean;
}

/** `files`' results: from `known` where valid, else derived from the files, read through `read`. */
async function resultsOf<T>(
  month: string,
  files: readonly string[],
  known: Record<string, unknown>,
  { derive, valid }: Digest<T>,
  read: ReadFiles,
): Promise<{ values: T[]; derived: boolean }> {
  const hit = (file: string) => Object.hasOwn(known, file) && valid(known[file]);
  const missing = files.filter((file) => !hit(file));
  const pieces = missing.length === 0 ? [] : await read(month, missing);
  const values = files.map((file) => (hit(file) ? known[file] : derive((pieces.find((p) => p.file === file) as Piece).sessions)) as T);
  return { values, derived: missing.length > 0 };
}

/**
 * Each month file's result, with its month, oldest month first: from the cache while the root
 * names the file, derived anew otherwise. The cache is rewritten when an older month had to be
 * derived: the newest month changes with almost every stop, and its files are few. A null
 * zone: no cache.
 */
export async function digestMonths<T>(
  where: { dir: string; name: string; zone: string | null; root: Root },
  digest: Digest<T>,
  read: ReadFiles,
): Promise<{ month: string; value: T }[]> {
  const { dir, name, zone, root } = where;
  const cache = zone === null ? null : readDigestCache(dir, name, zone);
  const keys = Object.keys(root.months).sort();
  const fresh: DigestCache['files'] = {};
  let stale = false;
  const results: { month: string; value: T }[] = [];
  for (const month of keys) {
    const files = monthFiles(root.months[month] as MonthEntry);
    const { values, derived } = await resultsOf(month, files, cache?.files ?? {}, digest, read);
    if (derived && month !== keys.at(-1)) stale = true;
    files.forEach((file, i) => {
      fresh[file] = values[i];
      results.push({ month, value: values[i] as T });
    });
  }
  if (cache && stale) writeDigestCache(dir, name, { zone: cache.zone, files: fresh });
  return results;
}

/**
 * The older months' results folded into one, from the cache when it was made from exactly the
 * files the root names now (and for this zone and key), else folded again from the per-file
 * digests and cached; and the newest month's results, one per file, kept in the same cache
 * entry (a stop adds a part file to the newest month: only that one is derived, from what the
 * stop just wrote).
 */
export async function digestSettled<T, S>(
  where: { dir: string; name: string; zone: string | null; root: Root },
  digest: Digest<T>,
  settling: Settling<T, S>,
  read: ReadFiles,
): Promise<{ settled: S | null; newest: { month: string; values: T[] } | null }> {
  const { dir, name, zone, root } = where;
  const keys = Object.keys(root.months).sort();
  const newest = keys.at(-1);
  if (newest === undefined) return { settled: null, newest: null };
  const older = keys.slice(0, -1);
  const months = older.map((month) => `${month}=${monthFiles(root.months[month] as MonthEntry).join('+')}`).join(',');
  const newestFiles = monthFiles(root.months[newest] as MonthEntry);
  const cacheName = `${name}.settled`;
  const cached = zone === null ? null : readCacheRecord(dir, cacheName);
  const save = (settled: S, values: readonly T[]) => {
    const known = Object.fromEntries(newestFiles.map((file, i) => [file, values[i]]));
    writeDigestCache(dir, cacheName, { zone, key: settling.key, months, value: settled, newest: known });
  };
  if (cached && cached.zone === zone && cached.key === settling.key && cached.months === months && settling.valid(cached.value)) {
    const known = isRecord(cached.newest) ? cached.newest : {};
    const { values, derived } = await resultsOf(newest, newestFiles, known, digest, read);
    if (derived) save(cached.value as S, values);
    return { settled: cached.value as S, newest: { month: newest, values } };
  }
  const results = await digestMonths(where, digest, read);
  const olderResults = results.filter((r) => r.month !== newest);
  const values = results.filter((r) => r.month === newest).map((r) => r.value);
  const settled = older.length === 0 ? null : settling.fold(olderResults);
  if (zone !== null && settled !== null) save(settled, values);
  return { settled, newest: { month: newest, values } };
}

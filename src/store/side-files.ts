import { join } from 'node:path';
import { removeAbandonedTempFiles } from './atomic-file.js';
import { ensureDataDir } from './housekeeping.js';
import type { Codec } from './json-file.js';
import { openJson } from './json-file.js';
import { type LockTiming, withStoreLock } from './lock.js';

// The small JSON files beside the sessions (config.json, jobs.json) share the store's lock and
// write path: a tick that claims a job and a `jobs edit`, or two `config set`, never lose each
// other's change, and a kill leaves the old file or the new one.

export interface SideFile<T> {
  name: string;
  codec: Codec<T>;
  defaults: () => T;
}

/** The file's content, or its defaults when it does not exist; no lock. */
export async function readSideFile<T>(dir: string, file: SideFile<T>): Promise<T> {
  const { db } = openJson(join(dir, file.name), file.codec, 'replace', file.defaults());
  await db.read();
  return db.data;
}

/** Read–change–write under the store lock; nothing is written when `change` throws or changes nothing. */
export async function updateSideFile<T, R>(
  dir: string,
  file: SideFile<T>,
  change: (data: T) => R | Promise<R>,
  timing?: LockTiming,
): Promise<R> {
  ensureDataDir(dir);
  return withStoreLock(
    dir,
    async (guard) => {
      const path = join(dir, file.name);
      removeAbandonedTempFiles(path); // left by a writer killed mid-write; safe under the lock
      const { db, adapter } = openJson(path, file.codec, 'replace', file.defaults());
      await db.read();
      // A missing file reads as its defaults: writing them back would change nothing.
      const before = adapter.lastText ?? file.codec.encode(file.defaults());
      const result = await change(db.data);
      guard.assertHeld();
      if (file.codec.encode(db.data) !== before) await db.write();
      return result;
    },
    timing,
  );
}

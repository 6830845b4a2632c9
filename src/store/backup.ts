import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { storeError } from '../core/errors.js';
import { syncDirectory } from './atomic-file.js';
import { leadsIntoDataDir } from './data-dir-guard.js';
import { type LockTiming, withStoreLock } from './lock.js';
import { CACHE_DIR, LOCK_NAME, SERVER_FILE, TOKEN_FILE } from './paths.js';
import { SYNC_LOCK } from './sync-file.js';

/** Flushes a copied file's content: a directory fsync alone would leave it possibly empty after a crash. */
function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the store in `dir` to `target` under the locks, so the copy is one committed state:
 * every file but the locks, the digest cache (derived, rebuilt on demand), the server's token and
 * claim, and temporary files.
 * The sync lock is taken first, as a sync takes it (then the store's, inside it): a sync writes
 * sync.json and its outbox outside the store's lock, so without it a copy could hold a sync.json
 * naming an outbox the sync had just removed. A sync running longer than the wait fails the
 * backup (Store locked) rather than copying half of it.
 * The copy is made as `<target>.partial`, flushed, checked by `verify` (reading it back as a
 * store), and only then renamed to `target`: a backup that exists is a complete one.
 */
/**
 * The local server's files: its API token (a password: backups go to shared and synced places,
 * and a restored store's `serve` makes a new one) and what the running server claims (a restored
 * copy would name a process that is gone).
 */
const SERVER_ONLY = new Set([TOKEN_FILE, SERVER_FILE]);

export async function backupStore(
  dir: string,
  target: string,
  verify: (copy: string) => Promise<void>,
  timing?: LockTiming,
): Promise<{ files: number }> {
  // The jobs check this too; the store does not rely on it: a copy inside itself would never end.
  if (leadsIntoDataDir(target, dir)) throw storeError('Backup failed', `${target} leads into the data directory ${dir}`);
  try {
    if (!statSync(dirname(target)).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw storeError('Backup failed', `${dirname(target)} cannot hold backups: ${(error as Error).message}`);
  }
  if (!existsSync(dir)) throw storeError('Backup failed', `${dir} does not exist: there is no store to back up`);
  const partial = `${target}.partial`;
  const underBothLocks = <T>(work: (assertHeld: () => void) => Promise<T>) =>
    withStoreLock(
      dir,
      (syncGuard) =>
        withStoreLock(
          dir,
          (guard) =>
            work(() => {
              syncGuard.assertHeld();
              guard.assertHeld();
            }),
          timing,
        ),
      timing,
      SYNC_LOCK,
    );
  return underBothLocks(async (assertHeld) => {
    let files = 0;
    const copy = (from: string, to: string) => {
      mkdirSync(to, { mode: 0o700 });
      for (const entry of readdirSync(from, { withFileTypes: true })) {
        if (entry.name === LOCK_NAME || entry.name === SYNC_LOCK || entry.name === CACHE_DIR || entry.name.endsWith('.tmp')) continue;
        if (from === dir && SERVER_ONLY.has(entry.name)) continue;
        if (entry.isDirectory()) copy(join(from, entry.name), join(to, entry.name));
        else if (entry.isFile()) {
          copyFileSync(join(from, entry.name), join(to, entry.name));
          syncFile(join(to, entry.name));
          files += 1;
        }
      }
      syncDirectory(to);
    };
    try {
      copy(dir, partial);
      await verify(partial);
      // Still ours? A lock taken over meanwhile could mean a copy of two states.
      assertHeld();
      renameSync(partial, target);
      syncDirectory(dirname(target));
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      throw storeError('Backup failed', `${basename(target)}: ${(error as Error).message}`);
    }
    return { files };
  });
}

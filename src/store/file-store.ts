import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { storeError } from '../core/errors.js';
import { emptyTrackerData, type TrackerData } from '../core/session.js';
import { isErrno, removeAbandonedTempFiles } from './atomic-file.js';
import { withStoreLock } from './lock.js';
import { SESSIONS_FILE } from './paths.js';
import { SessionsFileAdapter } from './sessions-adapter.js';
import type { Store } from './store.js';

/** The store on disk, in `dir` (created 0700 on the first write). */
export function createFileStore(dir: string): Store {
  const file = join(dir, SESSIONS_FILE);
  const open = () => new Low<TrackerData>(new SessionsFileAdapter(file), emptyTrackerData());

  return {
    async read() {
      const db = open();
      await db.read();
      return db.data;
    },

    async update(change) {
      await ensureDataDir(dir);
      return withStoreLock(dir, async (guard) => {
        const db = open();
        await db.read();
        const result = await change(db.data);
        guard.assertHeld();
        await removeAbandonedTempFiles(file);
        await db.write().catch((error: unknown) => {
          throw storeError('Write failed', `${file}: ${(error as Error).message}; the previous version was kept`);
        });
        return result;
      });
    },
  };
}

async function ensureDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    if (isErrno(error, 'EEXIST')) {
      throw storeError('Store unusable', `${dir} exists and is not a directory`);
    }
    throw storeError('Store unusable', `cannot create ${dir}: ${(error as Error).message}`);
  }
}

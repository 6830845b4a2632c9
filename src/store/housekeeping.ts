import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { storeError } from '../core/errors.js';
import { isErrno, removeFile } from './atomic-file.js';
import { MONTHS_DIR } from './paths.js';
import { isMonthFileName, monthFiles, type Root } from './schema.js';
import { undoFiles } from './undo-journal.js';

/** Creates the data directory (0700) for a first write, with a clear error where that fails. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    if (isErrno(error, 'EEXIST')) {
      throw storeError('Store unusable', `${dir} exists and is not a directory`);
    }
    // EACCES, EROFS, ENOTDIR … with the path that failed: worded by the CLI (src/cli/errors.ts).
    throw error;
  }
}

/**
 * How often the CLI's commits remove unnamed month files: every 16th revision. Walking the folder
 * and both roots' names was ~5M instructions of each start and stop at 100,000 sessions, for
 * files that a commit unnames only when it rewrites or drops a month (README "Storage"); until
 * then they only take room.
 */
export const COLLECT_EVERY = 16;

/** Removes month files that neither the root nor its backup names, directly or for undo. */
export function collectGarbage(dir: string, keep: Root[]): void {
  const named = new Set(keep.flatMap((r) => [...Object.values(r.months).flatMap(monthFiles), ...undoFiles(r.undo ?? [])]));
  for (const name of readdirSync(join(dir, MONTHS_DIR))) {
    const file = `${MONTHS_DIR}/${name}`;
    if (!named.has(file) && isMonthFileName(file)) removeFile(join(dir, file));
  }
}

/**
 * Tidying after a commit point (prompt.state, garbage): the change is
 * stored whatever happens here, so a failure must not make the command report one (a retry would
 * apply it twice). Each step is redone or made moot by the next write.
 */
export function afterCommit(...steps: (() => void)[]): void {
  for (const step of steps) {
    try {
      step();
    } catch {
      // Deliberately silent: see above.
    }
  }
}

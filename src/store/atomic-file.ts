import { copyFile, link, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const BACKUP_SUFFIX = '.bak';

/** Reads a file as text, or null when it does not exist. */
export async function readTextIfExists(file: string): Promise<string | null> {
  try {
    const handle = await open(file, 'r');
    try {
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
}

/**
 * Replaces `file` with `text` so that a crash at any instant leaves the old or the new
 * content, never a torn one: write a temporary file beside it, flush it to disk, keep the
 * current version as `<file>.bak`, rename over, then flush the directory entry.
 * The caller must hold the store lock (the backup step is not safe against a second writer).
 */
export async function replaceFileAtomically(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  // Unique enough: only the lock holder writes; pid and a random part keep leftovers apart.
  const unique = `${process.pid}.${Math.random().toString(36).slice(2, 10)}`;
  const tmp = join(dir, `.${basename(file)}.${unique}.tmp`);
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await keepBackup(file);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes `<file>.bak` the current version: a hard link costs nothing and survives the rename. */
async function keepBackup(file: string): Promise<void> {
  const backup = file + BACKUP_SUFFIX;
  const staging = `${backup}.tmp`;
  await rm(staging, { force: true });
  try {
    await link(file, staging);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    // Filesystems without hard links: fall back to a copy.
    await copyFile(file, staging);
  }
  await rename(staging, backup);
}

/** Writes a file that must not exist yet and flushes it to disk (new month files are never replaced). */
export async function writeNewFileDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(file, { force: true });
    throw error;
  }
  await handle.close();
}

export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}

/** Temporary files left by writers that were killed mid-write; only safe to call under the lock. */
export async function removeAbandonedTempFiles(file: string): Promise<void> {
  const dir = dirname(file);
  const prefix = `.${basename(file)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
      .map((name) => rm(join(dir, name), { force: true })),
  );
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

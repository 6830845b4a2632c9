import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LOCK_NAME } from './paths.js';

// The one check that keeps stint's own writers (export --output, summary and backup jobs, backup
// pruning) off the store: a path counts as inside the data directory lexically or once symlinks
// are resolved, in the path and in the data directory (itself sometimes a link).

/** Whether `path` is `parent` or somewhere below it (both absolute and normalized). */
export function isWithin(path: string, parent: string): boolean {
  const rel = relative(parent, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * `path` with its symlinks resolved. A path that does not exist yet (a backup folder to create,
 * a report to write) resolves through its nearest existing ancestor, so a link anywhere above it
 * counts: `~/link-to-store/new/report.md` is in the store.
 */
export function real(path: string): string {
  const absolute = resolve(path);
  const rest: string[] = [];
  for (let at = absolute; ; at = dirname(at)) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      if (dirname(at) === at) return absolute;
      rest.push(basename(at));
    }
  }
}

/** Whether writing at `path` (or below it) could land in the data directory `dataDir`. */
export function leadsIntoDataDir(path: string, dataDir: string): boolean {
  return isWithin(resolve(path), resolve(dataDir)) || isWithin(real(path), real(dataDir));
}

/**
 * Why removing the folder `dir` could destroy a live store, or null: it is the data directory,
 * holds it (a parent of it), or is being written by a stint right now (it holds `stint.lock`).
 */
export function holdsLiveStore(dir: string, dataDir: string): string | null {
  if (isWithin(resolve(dataDir), resolve(dir)) || isWithin(real(dataDir), real(dir))) {
    return `it is or holds the data directory ${dataDir}`;
  }
  if (existsSync(join(dir, LOCK_NAME))) return `it holds ${LOCK_NAME}: a stint store in use`;
  return null;
}

import { join } from 'node:path';
import { JOB_CONFIG_KEYS } from '../core/job-config.js';
import picomatch from 'picomatch';
import type { Files } from './files.js';
import { isErrno } from '../store/atomic-file.js';
import type { Job } from '../core/jobs.js';
import { escapeUnprintable } from '../core/labels.js';
import { isWithin, real } from '../store/data-dir-guard.js';
import { absolutePath, allowKeys, refuse, required, wholeNumber } from './config.js';
import type { ConfigPlaces, JobKind, RunContext } from './runner.js';

const KEYS = JOB_CONFIG_KEYS.cleanup;
const DAY_MS = 86_400_000;
/** Names listed in a result; the rest are counted, so an execution's result stays one short line. */
const LISTED = 20;

/** Refuses the directories whose files must never be swept: `/`, the home itself, the store. */
function assertSafe(path: string, places: ConfigPlaces): void {
  if (path === '/') throw refuse("'path' must not be /");
  if (path === places.home) throw refuse(`'path' must not be the home directory ${places.home}`);
  if (isWithin(path, places.dataDir)) {
    throw refuse(`'path' must be outside the data directory ${places.dataDir} (got ${path})`);
  }
}

function check(config: Record<string, string>, places: ConfigPlaces): Record<string, string> {
  allowKeys(config, 'cleanup', KEYS);
  const path = absolutePath(required(config, 'cleanup', 'path'), 'path', places.home);
  assertSafe(path, places);
  // With symlinks resolved too, when the job is added (SPEC: refused then, not at its first run).
  assertSafe(real(path), { home: real(places.home), dataDir: real(places.dataDir) });
  const pattern = required(config, 'cleanup', 'pattern');
  // Only direct children are swept: a pattern cannot reach into or out of `path`.
  if (pattern.includes('/') || pattern.includes('..')) {
    throw refuse(`'pattern' matches names directly inside 'path': no '/' or '..' (got '${pattern}')`);
  }
  const days = wholeNumber(required(config, 'cleanup', 'days'), 'days', 0);
  return { path, pattern, days };
}

/** The files to delete, sorted: regular files only (a symlink's target may be anywhere). */
function candidates(files: Files, path: string, pattern: string, before: number): string[] {
  let names: string[];
  try {
    names = files.list(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${isErrno(error, 'ENOENT') ? 'it does not exist' : (error as Error).message}`);
  }
  const matches = picomatch(pattern, { dot: false });
  return names
    .filter((name) => {
      if (!matches(name)) return false;
      const info = files.info(join(path, name));
      return info?.kind === 'file' && info.modifiedMs < before;
    })
    .sort();
}

function listing(verb: string, names: readonly string[]): string {
  // A file name may hold a line break or an escape: the result is one line, printed to terminals.
  const shown = escapeUnprintable(names.slice(0, LISTED).join(', '));
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : '';
  return `${verb} ${names.length} file${names.length === 1 ? '' : 's'}: ${shown}${more}`;
}

async function run(job: Job, ctx: RunContext): Promise<string> {
  const config = check(job.config, ctx);
  const path = config.path as string;
  // Checked again with symlinks resolved: a link to the data directory is the data directory.
  assertSafe(real(path), { home: real(ctx.home), dataDir: real(ctx.dataDir) });
  const names = candidates(ctx.files, path, config.pattern as string, ctx.now.getTime() - Number(config.days) * DAY_MS);
  if (names.length === 0) return 'nothing to delete';
  if (ctx.dryRun) return listing('would delete', names);
  const deleted: string[] = [];
  const failed: string[] = [];
  for (const name of names) {
    try {
      ctx.files.removeFile(join(path, name));
      deleted.push(name);
    } catch (error) {
      // Gone already (another sweep): nothing left to do.
      if (!isErrno(error, 'ENOENT')) failed.push(`${name} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (failed.length > 0) {
    const done = deleted.length > 0 ? `${listing('deleted', deleted)}; ` : '';
    throw new Error(`${done}${listing('could not delete', failed)}`);
  }
  return deleted.length === 0 ? 'nothing to delete' : listing('deleted', deleted);
}

export const cleanup: JobKind = { type: 'cleanup', check, run };

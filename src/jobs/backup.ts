import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'date-fns/format';
import type { Job } from '../core/jobs.js';
import { absolutePath, allowKeys, isWithin, real, refuse, required, wholeNumber } from './config.js';
import type { ConfigPlaces, JobKind, RunContext } from './runner.js';

const KEYS = ['target', 'keep'] as const;

/** `target`: the directory that receives the backups; `keep`: how many of this job's to keep. */
function check(config: Record<string, string>, places: ConfigPlaces): Record<string, string> {
  allowKeys(config, 'backup', KEYS);
  const target = absolutePath(required(config, 'backup', 'target'), 'target', places.home);
  // A backup inside the store would be copied into the next backup, and lost with the store.
  if (isWithin(target, places.dataDir)) {
    throw refuse(`'target' must be outside the data directory ${places.dataDir} (got ${target})`);
  }
  const normalized: Record<string, string> = { target };
  if (config.keep !== undefined) normalized.keep = wholeNumber(config.keep, 'keep', 1);
  return normalized;
}

/** This job's backups, and nothing else in `target`: another job's, or the user's own files. */
function ownBackupPattern(jobId: number): RegExp {
  return new RegExp(`^stint-\\d{8}-\\d{6}-j${jobId}(?:-(\\d+))?$`);
}

/** Oldest first: by the timestamp in the name, then by the `-2`, `-3` … of a same-second run. */
function byAge(pattern: RegExp) {
  const suffix = (name: string) => Number(pattern.exec(name)?.[1] ?? 1);
  const stamp = (name: string) => name.slice(0, 'stint-YYYYMMDD-HHMMSS'.length);
  return (a: string, b: string) => (stamp(a) < stamp(b) ? -1 : stamp(a) > stamp(b) ? 1 : suffix(a) - suffix(b));
}

/** `stint-20261122-031500-j3`, local time as the user reads a listing; `-2` … when taken. */
function freshName(target: string, job: Job, now: Date): string {
  const base = `stint-${format(now, 'yyyyMMdd-HHmmss')}-j${job.id}`;
  // A leftover `.partial` of the same name would make the copy fail: skip that name too.
  const taken = (name: string) => existsSync(join(target, name)) || existsSync(join(target, `${name}.partial`));
  let name = base;
  for (let n = 2; taken(name); n += 1) name = `${base}-${n}`;
  return name;
}

/** Removes this job's backups beyond the newest `keep`; returns how many went. */
/** Removes this job's backups beyond the newest `keep` (`adding` more are about to be made); returns how many. */
function prune(target: string, job: Job, keep: number, options: { adding: number; dryRun: boolean }): number {
  const pattern = ownBackupPattern(job.id);
  // lstat: only real directories are backups; a symlink or file with such a name is not ours.
  const own = readdirSync(target)
    .filter((name) => pattern.test(name) && lstatSync(join(target, name)).isDirectory())
    .sort(byAge(pattern));
  const old = own.slice(0, Math.max(0, own.length + options.adding - keep));
  if (!options.dryRun) for (const name of old) rmSync(join(target, name), { recursive: true, force: true });
  return old.length;
}

const older = (n: number) => `${n} older backup${n === 1 ? '' : 's'}`;

async function run(job: Job, ctx: RunContext): Promise<string> {
  // Checked again against this run's places: the data directory may not be the one it was added with.
  const config = check(job.config, ctx);
  const target = config.target as string;
  // Symlinks resolved too: a backup copied into the store it copies would never end.
  if (isWithin(real(target), real(ctx.dataDir))) {
    throw refuse(`'target' ${target} leads into the data directory ${ctx.dataDir}`);
  }
  const name = freshName(target, job, ctx.now);
  const keep = config.keep === undefined ? null : Number(config.keep);
  if (ctx.dryRun) {
    // Says what a run would do, and does none of it: no copy, nothing pruned.
    const would = keep === null ? 0 : prune(target, job, keep, { adding: 1, dryRun: true });
    return `would back up the store to ${join(target, name)}${would === 0 ? '' : `; would remove ${older(would)}`}`;
  }
  const { files } = await ctx.store.backupTo(join(target, name));
  const done = `backed up ${files} file${files === 1 ? '' : 's'} to ${join(target, name)}`;
  if (keep === null) return done;
  const removed = prune(target, job, keep, { adding: 0, dryRun: false });
  return removed === 0 ? done : `${done}; removed ${older(removed)}`;
}

export const backup: JobKind = { type: 'backup', check, run };

import { join } from 'node:path';
import { JOB_CONFIG_KEYS } from '../core/job-config.js';
import { format } from 'date-fns/format';
import type { Job } from '../core/jobs.js';
import { holdsLiveStore } from '../store/data-dir-guard.js';
import type { Files } from './files.js';
import { absolutePath, allowKeys, assertOutsideDataDir, required, wholeNumber } from './config.js';
import type { ConfigPlaces, JobKind, RunContext } from './runner.js';

const KEYS = JOB_CONFIG_KEYS.backup;

/** `target`: the directory that receives the backups; `keep`: how many of this job's to keep. */
function check(config: Record<string, string>, places: ConfigPlaces): Record<string, string> {
  allowKeys(config, 'backup', KEYS);
  const target = absolutePath(required(config, 'backup', 'target'), 'target', places.home);
  // A backup inside the store would be copied into the next backup, and lost with the store.
  assertOutsideDataDir(target, 'target', places.dataDir);
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
function freshName(files: Files, target: string, job: Job, now: Date): string {
  const base = `stint-${format(now, 'yyyyMMdd-HHmmss')}-j${job.id}`;
  // A leftover `.partial` of the same name would make the copy fail: skip that name too.
  const taken = (name: string) => files.info(join(target, name)) !== null || files.info(join(target, `${name}.partial`)) !== null;
  let name = base;
  for (let n = 2; taken(name); n += 1) name = `${base}-${n}`;
  return name;
}

/** Marks a copy as this job's, inside it: only a marked copy is ever pruned. */
const MARK_FILE = 'stint-backup.json';

const markText = (job: Job, name: string) => `${JSON.stringify({ job_id: job.id, name })}\n`;

/** Whether `dir` holds the mark this job wrote when it made the copy named `name`. */
function markedAsOwn(files: Files, dir: string, job: Job, name: string): boolean {
  const file = join(dir, MARK_FILE);
  const info = files.info(file);
  if (info?.kind !== 'file' || info.size > 1024) return false;
  try {
    return files.readText(file) === markText(job, name);
  } catch {
    return false;
  }
}

interface Pruning {
  /** This job's marked copies beyond the newest `keep`, oldest first. */
  old: string[];
  /** Folders with this job's name pattern that it did not mark: never removed. */
  unmarked: string[];
}

/**
 * This job's copies beyond the newest `keep` (`adding` more are about to be made). A folder is
 * one only if its name is exactly one this job writes, it is a real directory (not a link), and
 * it holds this job's mark for that name; and none may hold a live store (the data directory, a
 * parent of it, or a folder a stint is writing): that fails the run and removes nothing.
 */
function pruning(files: Files, target: string, job: Job, keep: number, adding: number, dataDir: string): Pruning {
  const pattern = ownBackupPattern(job.id);
  const named =
    files.info(target, true) === null
      ? []
      : files.list(target).filter((name) => pattern.test(name) && files.info(join(target, name))?.kind === 'directory');
  const own = named.filter((name) => markedAsOwn(files, join(target, name), job, name)).sort(byAge(pattern));
  const old = own.slice(0, Math.max(0, own.length + adding - keep));
  for (const name of old) {
    const danger = holdsLiveStore(join(target, name), dataDir);
    if (danger) throw new Error(`refused to remove ${join(target, name)}: ${danger}; nothing was pruned`);
  }
  return { old, unmarked: named.filter((name) => !own.includes(name)).sort() };
}

const older = (n: number) => `${n} older backup${n === 1 ? '' : 's'}`;

function pruneNote(verb: string, { old, unmarked }: Pruning): string {
  const removed = old.length === 0 ? '' : `; ${verb} ${older(old.length)}`;
  const left = unmarked.length === 0 ? '' : `; left ${unmarked.join(', ')} (not marked as this job's copy)`;
  return removed + left;
}

/** Creates a missing target (0700, parents too): a backup folder is made on the first run. */
function ensureTarget(files: Files, target: string): void {
  try {
    files.makeDir(target);
  } catch (error) {
    throw new Error(`cannot create ${target}: ${(error as Error).message}`);
  }
}

async function run(job: Job, ctx: RunContext): Promise<string> {
  // Checked again against this run's places, links resolved: the data directory may not be the
  // one it was added with, and a link into it may have been made since.
  const config = check(job.config, ctx);
  const target = config.target as string;
  const name = freshName(ctx.files, target, job, ctx.now);
  const keep = config.keep === undefined ? null : Number(config.keep);
  if (ctx.dryRun) {
    // Says what a run would do, and does none of it: no folder made, no copy, nothing pruned.
    const would = keep === null ? '' : pruneNote('would remove', pruning(ctx.files, target, job, keep, 1, ctx.dataDir));
    return `would back up the store to ${join(target, name)}${would}`;
  }
  ensureTarget(ctx.files, target);
  const copy = join(target, name);
  const { files } = await ctx.store.backupTo(copy);
  ctx.files.writeText(join(copy, MARK_FILE), markText(job, name));
  const done = `backed up ${files} file${files === 1 ? '' : 's'} to ${copy}`;
  if (keep === null) return done;
  let plan: Pruning;
  try {
    plan = pruning(ctx.files, target, job, keep, 0, ctx.dataDir);
  } catch (error) {
    throw new Error(`${done}, but ${(error as Error).message}`);
  }
  for (const old of plan.old) ctx.files.removeTree(join(target, old));
  return done + pruneNote('removed', plan);
}

export const backup: JobKind = { type: 'backup', check, run };

import { join } from 'node:path';
import { emptyJobsData, type JobsData } from '../core/jobs.js';
import { ensureDataDir } from './housekeeping.js';
import { jobsCodec } from './jobs-file.js';
import { openJson } from './json-file.js';
import { withStoreLock } from './lock.js';
import { JOBS_FILE } from './paths.js';

// jobs.json lives beside the sessions and shares their lock and write path: a tick that claims a
// job and a `jobs edit` never lose each other's change, and a kill leaves the old file or the new.

export async function readJobs(dir: string): Promise<JobsData> {
  const { db } = openJson(join(dir, JOBS_FILE), jobsCodec, 'replace', emptyJobsData());
  await db.read();
  return db.data;
}

export async function updateJobs<T>(dir: string, change: (data: JobsData) => T | Promise<T>): Promise<T> {
  ensureDataDir(dir);
  return withStoreLock(dir, async (guard) => {
    const { db, adapter } = openJson(join(dir, JOBS_FILE), jobsCodec, 'replace', emptyJobsData());
    await db.read();
    const before = adapter.lastText;
    const result = await change(db.data);
    guard.assertHeld();
    if (jobsCodec.encode(db.data) !== before) await db.write();
    return result;
  });
}

import type { JobType } from '../core/jobs.js';
import { backup } from './backup.js';
import { cleanup } from './cleanup.js';
import type { ConfigPlaces, JobKind } from './runner.js';
import { summary } from './summary.js';
import { sync } from './sync.js';

/** Every job type, by name: adding a type to JOB_TYPES fails to compile until it is here. */
export const JOB_KINDS: Record<JobType, JobKind> = { backup, summary, cleanup, sync };

/** A type's config checked and normalized, as `jobs add` and `jobs edit` store it; throws invalidInput (exit 2). */
export function checkJobConfig(type: JobType, config: Record<string, string>, places: ConfigPlaces): Record<string, string> {
  return JOB_KINDS[type].check(config, places);
}

import { CronExpressionParser } from 'cron-parser';
import type { Job } from './jobs.js';
import { YEARS } from './time.js';

// Cron expressions are read by cron-parser (Vixie semantics: a restricted day-of-month and
// day-of-week are ORed), in the local time zone. Only the standard five fields and the
// @-shorthands are accepted: cron-parser would also take a sixth (seconds) field, which a
// crontab user would not expect. Nor is its `H`: a value drawn at random on every parse, so a
// job's next run would move each time it is read (an hourly job ran 2-4 times an hour). The rest
// of its syntax is kept, being deterministic and documented there: `?` (same as `*`), `L` (the
// last day of the month, or `5L` the last Friday) and `#` (`1#2`, the second Monday).

/** The first slot strictly after `after`. */
export function nextSlot(schedule: string, after: Date): Date {
  // Seeded by the schedule itself: a job stored with H before it was refused still gets the same slot at every read.
  return CronExpressionParser.parse(schedule, { currentDate: after, hashSeed: schedule }).next().toDate();
}

/**
 * The slot a job runs at next: the first after its last run, or after it was created or last
 * changed, whichever is later. A change (an edit, an enable) starts the schedule afresh, so a
 * slot that passed while the job was disabled, or had another schedule, is not owed. The slot
 * is in the past when a run is overdue (no tick since it came): the next tick runs it, once
 * however many slots were missed. `jobs list`, `show`, the server and `tick` all read this one
 * function, so the next run shown is the one `tick` makes, across DST changes too (cron-parser
 * places a skipped or repeated local time differently depending on where it starts counting).
 */
export function nextRun(job: Pick<Job, 'schedule' | 'created_at' | 'updated_at' | 'last_run'>): Date | null {
  const since = job.last_run ?? job.created_at;
  const slot = nextSlot(job.schedule, new Date(Math.max(Date.parse(job.updated_at), Date.parse(since))));
  // None past the last year stint reads and writes (9999, local time): no instant there can be
  // shown or stored (a `@yearly` job in 9999 showed `next undefined NaN …`).
  return slot.getFullYear() > YEARS.last ? null : slot;
}

/** Whether a job is due: its next run has come by `now`. */
export function isDue(job: Pick<Job, 'schedule' | 'created_at' | 'updated_at' | 'last_run'>, now: Date): boolean {
  const next = nextRun(job);
  return next !== null && next.getTime() <= now.getTime();
}

import { isAbsolute, join, resolve } from 'node:path';
import { invalidInput, type StintError } from '../core/errors.js';
import type { JobType } from '../core/jobs.js';
import { isWithin, leadsIntoDataDir } from '../store/data-dir-guard.js';

// The checks the three job types share. Every refusal is the same typed error (exit 2), raised
// when a job is added or edited, so a job that cannot work is never stored.

export const refuse = (why: string): StintError => invalidInput('Invalid config', why);

/** Refuses keys the type does not know, own keys only: a typo (`traget=`) must not be silently ignored. */
export function allowKeys(config: Record<string, string>, type: JobType, known: readonly string[]): void {
  for (const key of Object.keys(config)) {
    if (!known.includes(key)) refuseKey(type, key, known);
  }
}

function refuseKey(type: JobType, key: string, known: readonly string[]): never {
  throw refuse(`A ${type} job has no '${key}' setting (it takes ${known.join(', ')})`);
}

/** A value that must be there; an empty one (`target=`) counts as missing. */
export function required(config: Record<string, string>, type: JobType, key: string): string {
  const value = config[key];
  if (value === undefined || value === '') throw refuse(`A ${type} job needs '${key}'`);
  return value;
}

/**
 * A path as the user typed it, `~` expanded against the home given (not the process's: tests
 * and the daemon pass their own), made absolute and normalized so comparisons are lexical.
 * A relative path is refused: a job runs from crontab, whose working directory is no one's.
 */
export function absolutePath(raw: string, key: string, home: string): string {
  const expanded = raw === '~' ? home : raw.startsWith('~/') ? join(home, raw.slice(2)) : raw;
  if (!isAbsolute(expanded)) throw refuse(`'${key}' must be an absolute path or start with ~/ (got '${raw}')`);
  return resolve(expanded);
}

/** A whole number written in digits, at least `min`; returned in its plain form (`007` → `7`). */
export function wholeNumber(raw: string, key: string, min: number): string {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw refuse(`'${key}' must be a whole number of at least ${min} (got '${raw}')`);
  }
  return String(value);
}

/**
 * Refuses a `key` path in the data directory (exit 2), lexically or once links are resolved: a
 * job writing there could replace the user's history. Checked when the job is added or edited,
 * and again at every run (a link may have been made since).
 */
export function assertOutsideDataDir(path: string, key: string, dataDir: string): void {
  if (isWithin(path, resolve(dataDir))) {
    throw refuse(`'${key}' must be outside the data directory ${dataDir} (got ${path})`);
  }
  if (leadsIntoDataDir(path, dataDir)) throw refuse(`'${key}' ${path} leads into the data directory ${dataDir}`);
}

import { extname, isAbsolute, resolve } from 'node:path';
import type { JobType } from './jobs.js';
import { REPORT_BY } from './report.js';

// Each job type's settings as stored: the keys its check (src/jobs/<type>.ts) takes, and the form
// it stores them in. The checks use these lists; jobs.json's reader holds a stored config to
// them, so a hand-edited one fails there (exit 1, naming the file) rather than at a run.

export const JOB_CONFIG_KEYS: Readonly<Record<JobType, readonly string[]>> = {
  backup: ['target', 'keep'],
  summary: ['target', 'period', 'by'],
  cleanup: ['path', 'pattern', 'days'],
  sync: [],
};

/** A summary's `period`. */
export const SUMMARY_PERIODS = ['day', 'week', 'month'] as const;
/** A summary's format, by its target's extension. */
export const SUMMARY_EXTENSIONS = ['.md', '.markdown', '.csv', '.json'] as const;

/** The settings each type cannot run without (the others have defaults). */
const REQUIRED: Readonly<Record<JobType, readonly string[]>> = {
  backup: ['target'],
  summary: ['target'],
  cleanup: ['path', 'pattern', 'days'],
  sync: [],
};

/** An absolute path as a check stores it: `~` expanded, resolved, no trailing slash. */
const storedPath = (value: string) => isAbsolute(value) && resolve(value) === value;
/** A whole number as a check stores it: digits, no leading zero. */
const storedWhole = (value: string, min: number) =>
  /^(0|[1-9]\d*)$/.test(value) && Number.isSafeInteger(Number(value)) && Number(value) >= min;

const VALUE_RULES: Readonly<Record<string, (value: string, type: JobType) => string | null>> = {
  target: (value, type) => {
    if (!storedPath(value)) return 'is not an absolute path';
    return type === 'summary' && !(SUMMARY_EXTENSIONS as readonly string[]).includes(extname(value).toLowerCase())
      ? `does not end in ${SUMMARY_EXTENSIONS.join(', ')}`
      : null;
  },
  keep: (value) => (storedWhole(value, 1) ? null : 'is not a whole number from 1'),
  period: (value) => ((SUMMARY_PERIODS as readonly string[]).includes(value) ? null : `is not ${SUMMARY_PERIODS.join(', ')}`),
  by: (value) => ((REPORT_BY as readonly string[]).includes(value) ? null : `is not ${REPORT_BY.join(', ')}`),
  path: (value) => (!storedPath(value) ? 'is not an absolute path' : value === '/' ? 'is /' : null),
  pattern: (value) => (value === '' || value.includes('/') || value.includes('..') ? "is empty or holds '/' or '..'" : null),
  days: (value) => (storedWhole(value, 0) ? null : 'is not a whole number'),
};

/**
 * What is wrong with a config as stored for `type` (a key it does not take, one it needs
 * missing, a value no check stores), or null. Only what the text itself says: where a path
 * leads now (a link into the data directory, the home) is checked again at every run.
 */
export function storedConfigProblem(type: JobType, config: Readonly<Record<string, unknown>>): string | null {
  const keys = JOB_CONFIG_KEYS[type];
  for (const key of Object.keys(config)) {
    if (!keys.includes(key)) return `a ${type} job has no '${key}' setting`;
    const value = config[key];
    if (typeof value !== 'string') return `'${key}' is not a string`;
    const problem = (VALUE_RULES[key] as (value: string, type: JobType) => string | null)(value, type);
    if (problem) return `'${key}' ${problem}`;
  }
  const missing = REQUIRED[type].find((key) => !Object.hasOwn(config, key));
  return missing === undefined ? null : `a ${type} job needs '${missing}'`;
}

import { afterEach, beforeEach, expect, test } from 'vitest';
import { storedConfigProblem } from '../../src/core/job-config.js';
import type { JobType } from '../../src/core/jobs.js';
import { checkJobConfig } from '../../src/jobs/index.js';
import { tempPlaces } from './helpers.js';

// jobs.json's reader holds a stored config to core/job-config.ts; the types' checks (src/jobs)
// store it. Whatever a check stores must read back, or a job added today would make the file
// unreadable tomorrow.

let places: ReturnType<typeof tempPlaces>;
beforeEach(() => {
  places = tempPlaces();
});
afterEach(() => places.cleanup());

test.each<[JobType, Record<string, string>]>([
  ['backup', { target: '~/backups' }],
  ['backup', { target: '/srv/b/', keep: '007' }],
  ['summary', { target: '~/week.MD' }],
  ['summary', { target: '/r/../r/month.csv', period: 'month', by: 'day' }],
  ['summary', { target: '/r/x.markdown', period: 'day', by: 'tag' }],
  ['summary', { target: '/r/x.json' }],
  ['cleanup', { path: '~/logs/', pattern: '*.log', days: '0' }],
  ['cleanup', { path: '/var/tmp/x', pattern: '[a-z]*.tmp', days: '30' }],
  // The largest whole numbers a check takes: sixteen digits once made the file unreadable.
  ['cleanup', { path: '/var/tmp/x', pattern: '*', days: '9007199254740991' }],
  ['backup', { target: '/srv/b', keep: '1000000000000000' }],
  ['sync', {}],
])('a %s job with %j is stored as its reader reads it', (type, input) => {
  const stored = checkJobConfig(type, input, places);
  expect(storedConfigProblem(type, stored)).toBeNull();
});

test.each([['9007199254740992'], ['1e3'], ['01'], ['-1'], ['']])('days %j is no whole number a check stores', (days) => {
  expect(storedConfigProblem('cleanup', { path: '/var/tmp/x', pattern: '*', days })).toMatch(/whole number/);
});

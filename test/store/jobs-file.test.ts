import { describe, expect, test } from 'vitest';
import { jobsCodec } from '../../src/store/jobs-file.js';

// jobs.json is read as strictly as the sessions' files: a hand edit stint could not have written
// is refused whole, naming the file and what is wrong, never read in part.

const PATH = '/data/jobs.json';

const job = (fields: Record<string, unknown> = {}) => ({
  id: 1,
  name: 'nightly',
  description: null,
  type: 'backup',
  schedule: '0 3 * * *',
  config: { target: '/backups', keep: '14' },
  enabled: true,
  created_at: '2026-01-10T12:00:00Z',
  updated_at: '2026-01-10T12:00:00Z',
  last_run: null,
  runs: { completed: 1, failed: 0 },
  ...fields,
});

const execution = (fields: Record<string, unknown> = {}) => ({
  id: 1,
  job_id: 1,
  status: 'completed',
  started_at: '2026-01-11T02:00:00Z',
  completed_at: '2026-01-11T02:00:01Z',
  result: 'backed up 3 files to /backups/stint-20260111-030000-j1',
  error: null,
  ...fields,
});

const file = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({ version: 1, next_job_id: 2, next_execution_id: 2, jobs: [job()], executions: [execution()], ...fields });

const decode = (text: string) => jobsCodec.decode(text, PATH);

describe('jobs.json as stint writes it', () => {
  test('reads back what it encodes', () => {
    const data = decode(file());
    expect(decode(jobsCodec.encode(data))).toEqual(data);
    expect(data.jobs[0]).toEqual(job());
  });

  test.each([
    ['a summary with its defaults', job({ type: 'summary', config: { target: '/r/week.md', period: 'week', by: 'task' } })],
    ['a cleanup', job({ type: 'cleanup', config: { path: '/logs', pattern: '*.log', days: '0' } })],
    ['a sync job', job({ type: 'sync', config: {} })],
    ['a description and a last run', job({ description: 'for me', last_run: '2026-01-11T02:00:00Z' })],
    ['a name an older stint took', job({ name: '\u0301' })],
  ])('%s is read', (_what, stored) => {
    expect(decode(file({ jobs: [stored] })).jobs).toEqual([stored]);
  });

  test('a running and a failed execution are read', () => {
    const running = execution({ id: 1, status: 'running', completed_at: null, result: null, runner: 'host 42 99 pid:[4026531836] b00t' });
    const failed = execution({ id: 2, status: 'failed', result: null, error: 'cannot write /r' });
    expect(
      decode(file({ next_execution_id: 3, jobs: [job({ runs: { completed: 0, failed: 1 } })], executions: [running, failed] })).executions,
    ).toEqual([running, failed]);
  });

  test('a file from before the run counts: they start from the executions it keeps', () => {
    const executions = [
      execution({ id: 1 }),
      execution({ id: 2, status: 'failed', result: null, error: 'x' }),
      execution({ id: 3 }),
      execution({ id: 4, status: 'running', completed_at: null, result: null }),
      execution({ id: 5, job_id: 2 }),
    ];
    const jobs = [job({ runs: undefined }), job({ id: 2, name: 'other', runs: undefined })];
    const data = decode(file({ next_job_id: 3, next_execution_id: 6, jobs, executions }));
    expect(data.jobs.map((j) => j.runs)).toEqual([
      { completed: 2, failed: 1 },
      { completed: 1, failed: 0 },
    ]);
  });

  // What an older stint stored, which this one would not: read, in the form this one stores.
  test.each([
    ['0\t3  * * *', '0 3 * * *'],
    ['H 3 * * *', 'H 3 * * *'],
  ])('a schedule stored as %j reads as %j', (stored, read) => {
    expect(decode(file({ jobs: [job({ schedule: stored })] })).jobs[0]?.schedule).toBe(read);
  });
});

describe('jobs.json that stint could not have written is refused (exit 1, naming the file)', () => {
  test.each([
    ['an unknown field', file({ colour: 'red' }), 'unknown field "colour"'],
    [
      'a bogus schedule',
      file({ jobs: [job({ schedule: 'bogus' })] }),
      'job at index 0: invalid "schedule": \'bogus\' is not a cron expression',
    ],
    ['a schedule of six fields', file({ jobs: [job({ schedule: '* * * * * *' })] }), 'invalid "schedule"'],
    ['a minute of 61', file({ jobs: [job({ schedule: '61 * * * *' })] }), "the minute field '61' is not valid"],
    ['a numeric schedule', file({ jobs: [job({ schedule: 5 })] }), 'job at index 0: invalid "schedule"'],
    ['a last_run of 5', file({ jobs: [job({ last_run: 5 })] }), 'job at index 0: invalid "last_run"'],
    ['a created_at of "yesterday"', file({ jobs: [job({ created_at: 'yesterday' })] }), 'job at index 0: invalid "created_at"'],
    ['no updated_at', file({ jobs: [job({ updated_at: undefined })] }), 'job at index 0: invalid "updated_at"'],
    ['a job field stint does not write', file({ jobs: [job({ owner: 'me' })] }), 'job at index 0: unknown field "owner"'],
    ['an unknown type', file({ jobs: [job({ type: 'mail' })] }), 'job at index 0: invalid "type"'],
    ['a name with an escape', file({ jobs: [job({ name: 'a\u001b[2J' })] }), 'job at index 0: invalid "name"'],
    ['an empty name', file({ jobs: [job({ name: '' })] }), 'job at index 0: invalid "name"'],
    ['a numeric description', file({ jobs: [job({ description: 3 })] }), 'invalid "description"'],
    ['an enabled of "yes"', file({ jobs: [job({ enabled: 'yes' })] }), 'invalid "enabled"'],
    [
      'a config key its type does not take',
      file({ jobs: [job({ config: { target: '/b', colour: 'red' } })] }),
      "a backup job has no 'colour' setting",
    ],
    ['a backup without target', file({ jobs: [job({ config: {} })] }), "a backup job needs 'target'"],
    ['a relative target', file({ jobs: [job({ config: { target: 'backups' } })] }), "'target' is not an absolute path"],
    ['a keep of 0', file({ jobs: [job({ config: { target: '/b', keep: '0' } })] }), "'keep' is not a whole number from 1"],
    ['a numeric keep', file({ jobs: [job({ config: { target: '/b', keep: 3 } })] }), "'keep' is not a string"],
    ['a cleanup of /', file({ jobs: [job({ type: 'cleanup', config: { path: '/', pattern: '*', days: '1' } })] }), "'path' is /"],
    ['a cleanup reaching up', file({ jobs: [job({ type: 'cleanup', config: { path: '/l', pattern: '../*', days: '1' } })] }), "'pattern'"],
    ['a summary to a .exe', file({ jobs: [job({ type: 'summary', config: { target: '/r/x.exe' } })] }), "'target' does not end in .md"],
    [
      'a summary by month',
      file({ jobs: [job({ type: 'summary', config: { target: '/r/x.md', by: 'month' } })] }),
      "'by' is not task, tag, day",
    ],
    ['a job ID at next_job_id', file({ next_job_id: 1 }), '"id" 1 is not below "next_job_id" 1'],
    ['a job ID twice', file({ next_job_id: 3, jobs: [job(), job({ name: 'other' })] }), 'job "id" 1 appears twice'],
    ['runs of "many"', file({ jobs: [job({ runs: 'many' })] }), 'job at index 0: invalid "runs"'],
    ['runs without failed', file({ jobs: [job({ runs: { completed: 1 } })] }), 'job at index 0: invalid "runs"'],
    ['runs with a field more', file({ jobs: [job({ runs: { completed: 1, failed: 0, running: 0 } })] }), 'invalid "runs"'],
    ['runs of -1', file({ jobs: [job({ runs: { completed: 1, failed: -1 } })] }), 'invalid "runs"'],
    [
      'runs fewer than kept',
      file({ jobs: [job({ runs: { completed: 0, failed: 0 } })] }),
      '"runs" counts fewer runs than its executions kept',
    ],
    ['an unknown status', file({ executions: [execution({ status: 'done' })] }), 'execution at index 0: invalid "status"'],
    ['a started_at of 5', file({ executions: [execution({ started_at: 5 })] }), 'execution at index 0: invalid "started_at"'],
    [
      'a running one completed',
      file({ executions: [execution({ status: 'running' })] }),
      '"status" running with an invalid "completed_at"',
    ],
    [
      'a completed one never completed',
      file({ executions: [execution({ completed_at: null })] }),
      '"status" completed with an invalid "completed_at"',
    ],
    ['a failed one without its error', file({ executions: [execution({ status: 'failed' })] }), '"status" failed with an invalid "error"'],
    ['an execution field stint does not write', file({ executions: [execution({ pid: 4 })] }), 'unknown field "pid"'],
    ['a runner of an ended run', file({ executions: [execution({ runner: 'host 42 99 - -' })] }), 'execution at index 0: invalid "runner"'],
    [
      'an empty runner',
      file({ executions: [execution({ status: 'running', completed_at: null, result: null, runner: '' })] }),
      'invalid "runner"',
    ],
    ['an execution ID twice', file({ next_execution_id: 3, executions: [execution(), execution()] }), 'execution "id" 1 appears twice'],
    ['an execution ID at next_execution_id', file({ next_execution_id: 1 }), '"id" 1 is not below "next_execution_id" 1'],
  ])('%s', (_what, text, why) => {
    let message = '';
    try {
      decode(text);
    } catch (error) {
      expect(error).toMatchObject({ code: 'store', title: 'Store unreadable' });
      message = (error as Error).message;
    }
    expect(message.startsWith(`${PATH}: `)).toBe(true);
    expect(message).toContain(why);
    expect(message).toMatch(/; the file was left untouched$/);
  });
});

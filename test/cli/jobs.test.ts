import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { harness, type Harness } from '../helpers/in-process.js';

let work: string;
let h: Harness;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'stint-jobs-cli-'));
  // Jobs write summaries into a real folder.
  h = harness({ now: '2026-01-10T12:00:00Z', realFiles: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const json = async (...args: string[]) => {
  const result = await h.run(...args, '--json');
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
};
const addSummary = (name: string, ...extra: string[]) =>
  h.run('jobs', 'add', name, '--type', 'summary', '--cron', '@daily', '--config', `target=${join(work, `${name}.md`)}`, ...extra);

describe('jobs list', () => {
  test('pages of 10 by default; --page, --page-size, --type and --enabled filter before paging', async () => {
    for (let i = 1; i <= 12; i += 1) expect((await addSummary(`s${i}`, ...(i % 4 === 0 ? ['--disabled'] : []))).code).toBe(0);
    await h.run('jobs', 'add', 'nightly', '--type', 'backup', '--cron', '0 3 * * *', '--config', `target=${work}`);
    const first = await json('jobs', 'list');
    expect([first.jobs.length, first.total, first.page, first.page_size]).toEqual([10, 13, 1, 10]);
    const second = await json('jobs', 'list', '--page', '2');
    expect(second.jobs.map((j: { name: string }) => j.name)).toEqual(['s11', 's12', 'nightly']);
    const small = await json('jobs', 'list', '--page', '3', '--page-size', '4');
    expect(small.jobs.map((j: { job_id: number }) => j.job_id)).toEqual([9, 10, 11, 12]);
    expect((await json('jobs', 'list', '--type', 'backup')).jobs.map((j: { name: string }) => j.name)).toEqual(['nightly']);
    const off = await json('jobs', 'list', '--enabled', 'false');
    expect([off.total, off.jobs.every((j: { enabled: boolean; next_run: null }) => !j.enabled && j.next_run === null)]).toEqual([3, true]);
    expect((await json('jobs', 'list', '--enabled', 'true')).total).toBe(10);
    expect((await h.run('jobs', 'list', '--enabled', 'maybe')).code).toBe(2);
  });

  test('human: one job a line, and a hint when there are none', async () => {
    expect((await h.run('jobs', 'list')).stdout).toMatch(/^No jobs yet/);
    await addSummary('daily');
    expect((await h.run('jobs', 'list')).stdout).toBe('#1 daily (summary) @daily  next tomorrow 00:00, last -\n');
  });
});

describe('jobs edit, enable, disable, rm, show', () => {
  test('edit checks the result as add does; a refused edit changes nothing', async () => {
    await addSummary('daily');
    const before = await json('jobs', 'show', '1');
    for (const args of [
      ['--cron', '61 * * * *'],
      ['--config', 'target=/tmp/x.exe'],
      ['--type', 'cleanup'],
      ['--config', 'colour=red'],
    ]) {
      const result = await h.run('jobs', 'edit', '1', ...args);
      expect([args, result.code]).toEqual([args, 2]);
    }
    expect(await json('jobs', 'show', '1')).toEqual(before);
    h.setNow('2026-01-10T13:00:00Z');
    const edited = await json(
      'jobs',
      'edit',
      '1',
      '--cron',
      '30 6 * * 1-5',
      '--config',
      'period=month',
      '--description',
      'for the timesheet',
    );
    expect(edited).toMatchObject({ schedule: '30 6 * * 1-5', description: 'for the timesheet', next_run: '2026-01-12T06:30:00+01:00' });
    expect(edited.config.period).toBe('month');
    expect(edited.updated_at).toBe('2026-01-10T14:00:00+01:00');
  });

  test('a second job with the same name is a conflict; unknown IDs are not found', async () => {
    await addSummary('daily');
    expect((await addSummary('daily')).code).toBe(4);
    expect((await h.run('jobs', 'show', '7')).stderr).toBe('stint: Job not found: No job with ID 7\n');
    expect((await h.run('jobs', 'rm', '7')).code).toBe(3);
  });

  test('disable clears next_run, enable brings it back; rm deletes the job and its history', async () => {
    await addSummary('daily');
    expect(await json('jobs', 'disable', '1')).toMatchObject({ enabled: false, next_run: null });
    expect(await json('jobs', 'enable', '1')).toMatchObject({ enabled: true, next_run: '2026-01-11T00:00:00+01:00' });
    await h.run('jobs', 'run', '1');
    expect(await json('jobs', 'rm', '1')).toEqual({ message: 'Job deleted successfully', job_id: 1, name: 'daily' });
    expect(await json('jobs', 'stats')).toEqual({
      total_jobs: 0,
      active_jobs: 0,
      total_executions: 0,
      successful_executions: 0,
      failed_executions: 0,
    });
  });
});

describe('jobs run, history, stats', () => {
  test('run records an execution and prints it; a failure is exit 1 with the error recorded', async () => {
    await addSummary('daily');
    // The in-memory store has no files: a backup of it fails, as an unwritable target would.
    await h.run('jobs', 'add', 'nightly', '--type', 'backup', '--cron', '0 3 * * *', '--config', `target=${work}`);
    const ok = await json('jobs', 'run', '1');
    expect(Object.keys(ok)).toEqual(['execution_id', 'job_id', 'status', 'started_at', 'completed_at', 'result', 'error']);
    expect(ok).toMatchObject({ execution_id: 1, job_id: 1, status: 'completed', error: null });
    const failed = await h.run('jobs', 'run', '2', '--json');
    expect(failed.code).toBe(1);
    const execution = JSON.parse(failed.stdout);
    expect(execution).toMatchObject({ execution_id: 2, status: 'failed', result: null, error: expect.any(String) });
    // The failure is the command's error too, on stderr as every error is.
    expect(JSON.parse(failed.stderr)).toEqual({ error: 'Job failed', message: `job #2 nightly: ${execution.error} (execution 2)` });
    const human = await h.run('jobs', 'run', '2');
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/ job #2 nightly: failed: /);
    expect(human.stderr).toBe(`stint: Job failed: job #2 nightly: ${execution.error} (execution 3)\n`);
    expect(await json('jobs', 'stats')).toEqual({
      total_jobs: 2,
      active_jobs: 2,
      total_executions: 3,
      successful_executions: 1,
      failed_executions: 2,
    });
  });

  test('stats count every run, not only the 100 executions kept per job', async () => {
    await addSummary('daily');
    await h.run('jobs', 'add', 'lost', '--type', 'summary', '--cron', '@daily', '--config', `target=${join(work, 'gone', 'x.md')}`);
    for (let i = 0; i < 104; i += 1) expect((await h.run('jobs', 'run', '1')).code).toBe(0);
    for (let i = 0; i < 3; i += 1) expect((await h.run('jobs', 'run', '2')).code).toBe(1);
    const data = await h.store.jobs.read();
    expect(data.executions.filter((e) => e.job_id === 1)).toHaveLength(100);
    expect(await json('jobs', 'stats')).toEqual({
      total_jobs: 2,
      active_jobs: 2,
      total_executions: 107,
      successful_executions: 104,
      failed_executions: 3,
    });
    expect((await h.run('jobs', 'stats')).stdout).toBe('Jobs        2 (2 enabled)\nExecutions  107: 104 completed, 3 failed\n');
    // A removed job's runs go with it, as its history does.
    await h.run('jobs', 'rm', '2');
    expect(await json('jobs', 'stats')).toMatchObject({ total_executions: 104, failed_executions: 0 });
  });

  test('history: newest first, 20 by default, --limit', async () => {
    await addSummary('daily');
    for (let i = 0; i < 23; i += 1) await h.run('jobs', 'run', '1');
    const all = await json('jobs', 'history', '1');
    expect(all.executions).toHaveLength(20);
    expect(all.executions[0].execution_id).toBe(23);
    expect((await json('jobs', 'history', '1', '--limit', '2')).executions.map((e: { execution_id: number }) => e.execution_id)).toEqual([
      23, 22,
    ]);
  });

  test('tick catches up once after missed days, then waits for the next slot', async () => {
    await addSummary('daily');
    h.setNow('2026-01-14T09:00:00Z');
    expect((await json('jobs', 'tick')).executions).toHaveLength(1);
    expect((await json('jobs', 'tick')).executions).toEqual([]);
    expect((await json('jobs', 'show', '1')).last_run).toBe('2026-01-14T10:00:00+01:00');
    h.setNow('2026-01-15T00:00:00Z'); // 01:00 in Paris: the 15th's slot has come
    expect((await json('jobs', 'tick')).executions).toHaveLength(1);
  });

  test('disabled jobs are not run by tick', async () => {
    await addSummary('daily', '--disabled');
    h.setNow('2026-01-14T09:00:00Z');
    expect((await h.run('jobs', 'tick')).stdout).toBe('Nothing due.\n');
  });
});

test('jobs show: the job line, then its description and config', async () => {
  await h.run(
    'jobs',
    'add',
    'daily',
    '--type',
    'summary',
    '--cron',
    '@daily',
    '--description',
    'for me',
    '--config',
    `target=${join(work, 'daily.md')}`,
  );
  expect((await h.run('jobs', 'show', '1')).stdout).toBe(
    `#1 daily (summary) @daily  next tomorrow 00:00, last -\n  for me\n  config {"target":"${join(work, 'daily.md')}","period":"week","by":"task"}\n`,
  );
});

test.each([
  ['add', ['jobs', 'add', 'nightly', '--type', 'backup', '--cron', '@daily', '--config', 'target=/a', '--config', 'target=/b']],
  ['edit', ['jobs', 'edit', '1', '--config', 'period=week', '--config', 'period=month']],
])('jobs %s with one --config key given two values: exit 2, nothing changed', async (_name, argv) => {
  await addSummary('daily');
  const before = await json('jobs', 'list');
  const result = await h.run(...argv);
  expect(result).toMatchObject({ code: 2, stdout: '' });
  expect(result.stderr).toMatch(/^stint: Invalid config: '(target|period)' is given twice \('.*', then '.*'\); give it once\n$/);
  expect(await json('jobs', 'list')).toEqual(before);
});

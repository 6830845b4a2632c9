import { expect, test } from 'vitest';
import { emptyJobsData, finishExecution, INTERRUPTED, recordExecution, settleInterrupted, type JobsData } from '../../src/core/jobs.js';

function withJob(): JobsData {
  const data = emptyJobsData();
  data.jobs.push({
    id: 1,
    name: 'nightly',
    description: null,
    type: 'backup',
    schedule: '@daily',
    config: { target: '/b' },
    enabled: true,
    created_at: '2026-01-10T12:00:00Z',
    updated_at: '2026-01-10T12:00:00Z',
    last_run: null,
    runs: { completed: 0, failed: 0 },
  });
  data.next_job_id = 2;
  return data;
}

const running = (data: JobsData, runner: string) =>
  recordExecution(data, {
    job_id: 1,
    status: 'running',
    started_at: '2026-01-11T02:00:00Z',
    completed_at: null,
    result: null,
    error: null,
    runner,
  });

test('the runs found over end as failed, interrupted, and are counted; the others run on', () => {
  const data = withJob();
  running(data, 'gone');
  running(data, 'alive');
  expect(settleInterrupted(data, (e) => e.runner === 'gone', '2026-01-11T09:00:00Z')).toBe(1);
  expect(data.executions).toEqual([
    {
      id: 1,
      job_id: 1,
      status: 'failed',
      started_at: '2026-01-11T02:00:00Z',
      completed_at: '2026-01-11T09:00:00Z',
      result: null,
      error: INTERRUPTED,
    },
    {
      id: 2,
      job_id: 1,
      status: 'running',
      started_at: '2026-01-11T02:00:00Z',
      completed_at: null,
      result: null,
      error: null,
      runner: 'alive',
    },
  ]);
  expect(data.jobs[0]?.runs).toEqual({ completed: 0, failed: 1 });
  // Judged again: only the one still running is, the ended one is not counted twice.
  expect(settleInterrupted(data, () => true, '2026-01-11T10:00:00Z')).toBe(1);
  expect(data.jobs[0]?.runs).toEqual({ completed: 0, failed: 2 });
});

test('a run judged interrupted that then ends after all takes its own outcome, counted once', () => {
  const data = withJob();
  const claimed = running(data, 'unseen');
  settleInterrupted(data, () => true, '2026-01-12T03:00:00Z');
  const ended = finishExecution(data, claimed, { status: 'completed', result: 'backed up', error: null }, '2026-01-12T03:00:05Z');
  expect(ended).toMatchObject({ status: 'completed', result: 'backed up', error: null, completed_at: '2026-01-12T03:00:05Z' });
  expect(ended).not.toHaveProperty('runner');
  expect(data.jobs[0]?.runs).toEqual({ completed: 1, failed: 0 });
});

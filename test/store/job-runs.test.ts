import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { INTERRUPTED, recordExecution } from '../../src/core/jobs.js';
import { jobStatsOf } from '../../src/jobs/operations.js';
import { createFileStore } from '../../src/store/file-store.js';
import { processName } from '../../src/store/lock-holder.js';
import { tempHome } from '../helpers/spawn.js';

// An execution left `running` by a process that is gone (a tick killed while its job ran) is over:
// the store names the process running each execution, and the next read sees it failed.

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  mkdirSync(home, { recursive: true });
});
afterEach(() => cleanup());

const NOW = new Date('2026-01-12T12:00:00Z');
const store = () => createFileStore(home, { now: () => NOW });

/** A stored job (as `jobs add` writes it) and its executions, in jobs.json as written by hand. */
function writeJobs(executions: Record<string, unknown>[]) {
  const job = {
    id: 1,
    name: 'nightly',
    description: null,
    type: 'backup',
    schedule: '@daily',
    config: { target: '/backups' },
    enabled: true,
    created_at: '2026-01-10T12:00:00Z',
    updated_at: '2026-01-10T12:00:00Z',
    last_run: '2026-01-12T11:00:00Z',
    runs: { completed: 0, failed: 0 },
  };
  const text = JSON.stringify({ version: 1, next_job_id: 2, next_execution_id: executions.length + 1, jobs: [job], executions }, null, 1);
  writeFileSync(join(home, 'jobs.json'), text);
  return text;
}

const running = (id: number, fields: Record<string, unknown>) => ({
  id,
  job_id: 1,
  status: 'running',
  started_at: '2026-01-12T11:00:00Z',
  completed_at: null,
  result: null,
  error: null,
  ...fields,
});

/** This machine's name for a process that is not running: this process's, with a pid past any pid_max. */
const deadProcess = () => processName().replace(` ${process.pid} `, ' 99999999 ');

describe('a running execution', () => {
  test('is recorded with the process that runs it, removed when it ends', async () => {
    writeJobs([]);
    const recorded = await store().jobs.update((data) =>
      recordExecution(data, {
        job_id: 1,
        status: 'running',
        started_at: '2026-01-12T12:00:00Z',
        completed_at: null,
        result: null,
        error: null,
      }),
    );
    const stored = JSON.parse(readFileSync(join(home, 'jobs.json'), 'utf8'));
    expect(stored.executions[0].runner).toBe(processName());
    // Its process is this one, alive: it runs on.
    expect((await store().jobs.read()).executions[0]).toMatchObject({ id: recorded.id, status: 'running' });
  });

  test.skipIf(!existsSync('/proc/self/stat'))(
    'whose process is gone reads as failed, interrupted; the next change writes it so',
    async () => {
      const text = writeJobs([running(1, { runner: deadProcess() }), running(2, { runner: processName() })]);
      const read = await store().jobs.read();
      expect(read.executions.map((e) => [e.id, e.status, e.error, e.completed_at])).toEqual([
        [1, 'failed', INTERRUPTED, '2026-01-12T12:00:00Z'],
        [2, 'running', null, null],
      ]);
      expect(jobStatsOf(read)).toMatchObject({ total_executions: 2, successful_executions: 0, failed_executions: 1 });
      // A read writes nothing.
      expect(readFileSync(join(home, 'jobs.json'), 'utf8')).toBe(text);
      await store().jobs.update(() => undefined);
      const stored = JSON.parse(readFileSync(join(home, 'jobs.json'), 'utf8'));
      expect(stored.executions[0]).toEqual({
        ...running(1, {}),
        status: 'failed',
        completed_at: '2026-01-12T12:00:00Z',
        error: INTERRUPTED,
      });
      expect(stored.jobs[0].runs).toEqual({ completed: 0, failed: 1 });
    },
  );

  test('whose process cannot be seen (none named: an older stint) is over after a day', async () => {
    writeJobs([running(1, { started_at: '2026-01-11T11:59:59Z' }), running(2, { started_at: '2026-01-11T12:00:01Z' })]);
    const read = await store().jobs.read();
    expect(read.executions.map((e) => e.status)).toEqual(['failed', 'running']);
  });
});

test('a backup copies no execution still running, its own among them', async () => {
  await store().update({ kind: 'all' }, () => undefined);
  writeJobs([running(1, { runner: processName() })]);
  const target = join(home, '..', 'copy');
  await store().backupTo(target);
  expect(JSON.parse(readFileSync(join(target, 'jobs.json'), 'utf8')).executions).toEqual([]);
  expect((await createFileStore(target).jobs.read()).executions).toEqual([]);
  // The live store keeps it, running.
  expect((await store().jobs.read()).executions.map((e) => e.status)).toEqual(['running']);
});

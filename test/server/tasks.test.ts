import { describe, expect, test } from 'vitest';
import { checkedHarness } from '../helpers/server.js';

const NOW = '2026-01-15T13:30:00Z';
const cleanupTask = {
  name: 'old-logs',
  description: 'Clean old logs',
  task_type: 'file_cleanup',
  schedule: '0 3 * * *',
  config: { path: '/home/tester/logs', pattern: '*.log', days: 7 },
};

test('create, list with filters and paging, show, update, toggle, execute, executions, stats, delete', async () => {
  const h = checkedHarness({ now: NOW });
  const created = await h.request('POST', '/api/v1/tasks', { body: cleanupTask });
  expect(created).toMatchObject({
    status: 201,
    body: {
      success: true,
      data: { task_id: '1', name: 'old-logs', task_type: 'file_cleanup', schedule: '0 3 * * *', enabled: true, created_at: NOW },
    },
  });
  await h.request('POST', '/api/v1/tasks', {
    body: { name: 'weekly', task_type: 'data_summary', schedule: '@weekly', config: { target: '/home/tester/sum.md' }, enabled: false },
  });

  const page = async (query: string) =>
    ((await h.request('GET', `/api/v1/tasks${query}`)).body as { data: { tasks: { task_id: string }[] } }).data;
  expect(await page('')).toMatchObject({ total: 2, page: 1, page_size: 10, tasks: [{ task_id: '1' }, { task_id: '2' }] });
  expect(await page('?task_type=data_summary')).toMatchObject({ total: 1, tasks: [{ task_id: '2' }] });
  expect(await page('?enabled=true')).toMatchObject({ total: 1, tasks: [{ task_id: '1' }] });
  expect(await page('?page=2&page_size=1')).toMatchObject({ total: 2, page: 2, page_size: 1, tasks: [{ task_id: '2' }] });

  expect((await h.request('GET', '/api/v1/tasks/1')).body).toMatchObject({
    data: {
      description: 'Clean old logs',
      config: { path: '/home/tester/logs', pattern: '*.log', days: '7' },
      next_run: '2026-01-16T02:00:00Z',
      last_run: null,
    },
  });

  h.setNow('2026-01-15T14:00:00Z');
  expect(
    await h.request('PUT', '/api/v1/tasks/1', {
      body: { schedule: '@daily', config: { path: '/home/tester/logs', pattern: '*.tmp', days: 1 } },
    }),
  ).toMatchObject({
    status: 200,
    body: { data: { task_id: '1', schedule: '@daily', updated_at: '2026-01-15T14:00:00Z' } },
  });
  expect((await h.request('POST', '/api/v1/tasks/2/toggle', { body: { enabled: true } })).body).toMatchObject({
    data: { task_id: '2', enabled: true },
  });

  h.files.set('/home/tester/logs/a.tmp', 'old');
  const run = await h.request('POST', '/api/v1/tasks/1/execute');
  expect(run).toMatchObject({
    status: 200,
    body: { data: { execution_id: '1', task_id: '1', status: 'completed', started_at: '2026-01-15T14:00:00Z' } },
  });
  expect((await h.request('GET', '/api/v1/tasks/1/executions?limit=5')).body).toMatchObject({
    data: { executions: [{ execution_id: '1', status: 'completed', result: { summary: expect.any(String) }, error: null }] },
  });
  expect((await h.request('GET', '/api/v1/stats')).body).toEqual({
    success: true,
    data: { total_tasks: 2, active_tasks: 2, total_executions: 1, successful_executions: 1, failed_executions: 0 },
  });

  expect(await h.request('DELETE', '/api/v1/tasks/1')).toMatchObject({ status: 200, body: { success: true, message: 'Task 1 deleted' } });
  expect((await h.request('GET', '/api/v1/tasks/1')).status).toBe(404);
  expect((await h.request('GET', '/api/v1/stats')).body).toMatchObject({ data: { total_tasks: 1, total_executions: 0 } });
});

test('a task whose run fails is recorded as failed', async () => {
  const h = checkedHarness({ now: NOW });
  // The in-memory store cannot be copied: the backup fails, as a full disk would make it.
  await h.request('POST', '/api/v1/tasks', {
    body: { name: 'nightly', task_type: 'data_backup', schedule: '@daily', config: { target: '/home/tester/bak' } },
  });
  expect((await h.request('POST', '/api/v1/tasks/1/execute')).body).toMatchObject({
    success: true,
    message: 'Task failed',
    data: { status: 'failed' },
  });
  expect((await h.request('GET', '/api/v1/tasks/1/executions')).body).toMatchObject({
    data: { executions: [{ status: 'failed', result: null, error: 'the in-memory store has no files to back up' }] },
  });
  expect((await h.request('GET', '/api/v1/stats')).body).toMatchObject({ data: { total_executions: 1, failed_executions: 1 } });
});

describe('bad input: the envelope with the error, nothing stored', () => {
  test.each([
    ['POST', '/api/v1/tasks', { ...cleanupTask, task_type: 'cleanup' }, 400, 'Invalid task_type'],
    ['POST', '/api/v1/tasks', { ...cleanupTask, schedule: 'every day' }, 400, 'Invalid schedule'],
    [
      'POST',
      '/api/v1/tasks',
      { ...cleanupTask, config: { path: '/home/tester/logs', pattern: '*', days: 7, source: '/x' } },
      400,
      'Invalid config',
    ],
    ['POST', '/api/v1/tasks', { ...cleanupTask, config: { days: true } }, 400, 'Invalid config'],
    ['POST', '/api/v1/tasks', { ...cleanupTask, enabled: 'yes' }, 400, 'Invalid enabled'],
    ['POST', '/api/v1/tasks', { ...cleanupTask, name: 'first' }, 400, 'Job exists'],
    ['POST', '/api/v1/tasks/1/toggle', {}, 400, 'Invalid enabled'],
    ['POST', '/api/v1/tasks/9/toggle', { enabled: false }, 404, 'Job not found'],
    ['PUT', '/api/v1/tasks/1', { task_type: 'data_backup' }, 400, 'Invalid field'],
    ['GET', '/api/v1/tasks?page=0', undefined, 400, 'Invalid page'],
    ['GET', '/api/v1/tasks?page=1&page=2', undefined, 400, 'Invalid page'],
    ['GET', '/api/v1/tasks?enabled=true&enabled=false', undefined, 400, 'Invalid enabled'],
    ['GET', '/api/v1/tasks?enabled=yes', undefined, 400, 'Invalid enabled'],
    ['GET', '/api/v1/tasks/9/executions', undefined, 404, 'Job not found'],
    ['POST', '/api/v1/tasks/9/execute', undefined, 404, 'Job not found'],
    ['DELETE', '/api/v1/tasks/9', undefined, 404, 'Job not found'],
    // Task IDs are strings in the document: one no task has is not found, whatever it is.
    ['GET', '/api/v1/tasks/abc', undefined, 404, 'Job not found'],
    ['DELETE', '/api/v1/tasks/0', undefined, 404, 'Job not found'],
    ['POST', '/api/v1/tasks/-1/toggle', { enabled: false }, 404, 'Job not found'],
  ])('%s %s %j → %i %s', async (method, path, body, status, error) => {
    const h = checkedHarness({ now: NOW });
    await h.request('POST', '/api/v1/tasks', { body: { ...cleanupTask, name: 'first' } });
    const before = JSON.stringify(await h.store.jobs.read());
    expect(await h.request(method, path, body === undefined ? {} : { body })).toMatchObject({ status, body: { success: false, error } });
    expect(JSON.stringify(await h.store.jobs.read())).toBe(before);
  });
});

test('a task named as the document names its examples ("Daily Backup") is created and stored as a job', async () => {
  const h = checkedHarness({ now: NOW });
  const body = { name: 'Daily Backup', task_type: 'data_backup', schedule: '0 2 * * *', config: { target: '/home/tester/bak' } };
  const created = await h.request('POST', '/api/v1/tasks', { body });
  expect(created).toMatchObject({ status: 201, body: { success: true, data: { task_id: '1', name: 'Daily Backup' } } });
  expect((await h.store.jobs.read()).jobs.map((j) => j.name)).toEqual(['Daily Backup']);
});

test('a task with no slot before the year 10000 has next_run null', async () => {
  const h = checkedHarness({ now: '9999-06-01T12:00:00Z' });
  await h.request('POST', '/api/v1/tasks', { body: { ...cleanupTask, schedule: '@yearly' } });
  expect((await h.request('GET', '/api/v1/tasks/1')).body).toMatchObject({ data: { schedule: '@yearly', next_run: null } });
});

import { describe, expect, test } from 'vitest';
import { checkedHarness } from '../helpers/server.js';

const START = '2025-12-05T10:00:00Z';

test('start (with a sequence), pause, current, complete with its statistics', async () => {
  const h = checkedHarness({ now: START });
  expect(await h.request('POST', '/api/v1/sessions/start', { body: { sequence_id: 123 } })).toMatchObject({
    status: 201,
    body: {
      session_id: 1,
      user_id: 1,
      sequence_id: 123,
      started_at: START,
      completed_at: null,
      duration_seconds: 0,
      completion_status: 'abandoned',
    },
  });
  h.setNow('2025-12-05T10:05:00Z');
  expect(await h.request('PUT', '/api/v1/sessions/1/pause', { body: { duration_so_far: 300 } })).toEqual(
    expect.objectContaining({ status: 200, body: { session_id: 1, duration_seconds: 300, completion_status: 'abandoned' } }),
  );
  h.setNow('2025-12-05T10:20:00Z');
  expect((await h.request('GET', '/api/v1/sessions/current')).body).toMatchObject({ session_id: 1, duration_seconds: 300 });
  const done = await h.request('POST', '/api/v1/sessions/complete', {
    body: { session_id: 1, duration_seconds: 900, poses_completed: 10, completion_status: 'completed' },
  });
  expect(done).toMatchObject({
    status: 200,
    body: {
      session_id: 1,
      sequence_id: 123,
      completed_at: '2025-12-05T10:20:00Z',
      duration_seconds: 900,
      completion_status: 'completed',
      statistics: { total_sessions: 1, total_practice_time_seconds: 900, average_duration_seconds: 900, completion_rate_percent: 100 },
    },
  });
  expect(await h.request('GET', '/api/v1/sessions/current')).toMatchObject({ status: 404, body: { error: 'No active session' } });
});

test('free practice; partial; the statistics are stint stats’ figures', async () => {
  const h = checkedHarness({ now: START });
  expect((await h.request('POST', '/api/v1/sessions/start')).body).toMatchObject({ session_id: 1, sequence_id: null });
  await h.request('POST', '/api/v1/sessions/start', { body: { sequence_id: null } });
  h.setNow('2025-12-05T10:30:00Z');
  await h.request('POST', '/api/v1/sessions/complete', { body: { session_id: 1, duration_seconds: 600, completion_status: 'completed' } });
  const partial = await h.request('POST', '/api/v1/sessions/complete', {
    body: { session_id: 2, duration_seconds: 300, completion_status: 'partial' },
  });
  expect(partial.body).toMatchObject({
    completion_status: 'partial',
    statistics: { total_sessions: 2, total_practice_time_seconds: 900, completion_rate_percent: 50 },
  });
});

test('current is the most recently started running or paused session', async () => {
  const h = checkedHarness({ now: START });
  await h.request('POST', '/api/v1/sessions/start');
  h.setNow('2025-12-05T10:01:00Z');
  await h.request('POST', '/api/v1/sessions/start');
  expect((await h.request('GET', '/api/v1/sessions/current')).body).toMatchObject({ session_id: 2 });
});

describe('bad input → 422 as FastAPI answers it (404, 409 otherwise), the store unchanged', () => {
  test.each([
    [
      'POST',
      '/api/v1/sessions/complete',
      { session_id: 1, duration_seconds: -5, completion_status: 'completed' },
      422,
      'Invalid duration_seconds',
    ],
    [
      'POST',
      '/api/v1/sessions/complete',
      { session_id: 1, duration_seconds: 14_401, completion_status: 'completed' },
      422,
      'Invalid duration_seconds',
    ],
    [
      'POST',
      '/api/v1/sessions/complete',
      { session_id: 1, duration_seconds: 60, completion_status: 'done' },
      422,
      'Invalid completion_status',
    ],
    ['POST', '/api/v1/sessions/complete', { duration_seconds: 60, completion_status: 'completed' }, 422, 'Invalid session_id'],
    [
      'POST',
      '/api/v1/sessions/complete',
      { session_id: 9, duration_seconds: 60, completion_status: 'completed' },
      404,
      'Session not found',
    ],
    ['POST', '/api/v1/sessions/start', { sequence_id: 'abc' }, 422, 'Invalid sequence_id'],
    ['POST', '/api/v1/sessions/start', 'not json', 422, 'Invalid JSON'],
    ['PUT', '/api/v1/sessions/1/pause', {}, 422, 'Invalid duration_so_far'],
    ['PUT', '/api/v1/sessions/9/pause', { duration_so_far: 5 }, 404, 'Session not found'],
    ['PUT', '/api/v1/sessions/0/pause', { duration_so_far: 5 }, 422, 'Invalid ID'],
    ['PUT', '/api/v1/sessions/abc/pause', { duration_so_far: 5 }, 422, 'Invalid ID'],
  ])('%s %s %j → %i %s', async (method, path, body, status, error) => {
    const h = checkedHarness({ now: START });
    await h.request('POST', '/api/v1/sessions/start');
    const before = h.store.text;
    expect(await h.request(method, path, { body })).toMatchObject({ status, body: { error, message: expect.any(String) } });
    expect(h.store.text).toBe(before);
  });

  test('completing twice is a conflict', async () => {
    const h = checkedHarness({ now: START });
    await h.request('POST', '/api/v1/sessions/start');
    const body = { session_id: 1, duration_seconds: 0, completion_status: 'abandoned' };
    expect((await h.request('POST', '/api/v1/sessions/complete', { body })).status).toBe(200);
    expect((await h.request('POST', '/api/v1/sessions/complete', { body })).status).toBe(409);
  });
});

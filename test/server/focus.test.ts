import { describe, expect, test } from 'vitest';
import { checkedHarness } from '../helpers/server.js';

const START = '2026-02-18T08:00:00Z';

test('the Focus Session Flow step by step: start, pause, resume, end completed', async () => {
  const h = checkedHarness({ now: START });
  // 1. Start
  expect(await h.request('POST', '/api/v1/sessions', { body: { duration_seconds: 1500 } })).toMatchObject({
    status: 201,
    body: {
      success: true,
      message: 'focus session started',
      data: { id: 1, user_id: 1, duration_seconds: 1500, elapsed_seconds: 0, status: 'active', started_at: START, ended_at: null },
    },
  });
  // A second focus session while one runs → 409
  expect(await h.request('POST', '/api/v1/sessions', { body: { duration_seconds: 2700 } })).toMatchObject({
    status: 409,
    body: { success: false, error: 'Focus session active' },
  });
  // 3. Pause with the client's elapsed seconds: that is what is recorded.
  h.setNow('2026-02-18T08:12:00Z');
  expect(await h.request('PATCH', '/api/v1/sessions/1/pause', { body: { elapsed_seconds: 750, status: 'paused' } })).toMatchObject({
    status: 200,
    body: { data: { id: 1, elapsed_seconds: 750, status: 'paused' } },
  });
  // 7. Restore on reopen
  h.setNow('2026-02-18T08:30:00Z');
  expect((await h.request('GET', '/api/v1/sessions/active')).body).toMatchObject({
    success: true,
    data: { id: 1, elapsed_seconds: 750, duration_seconds: 1500, status: 'paused' },
  });
  // 4. Resume: no body needed
  expect(await h.request('PATCH', '/api/v1/sessions/1/resume')).toMatchObject({
    status: 200,
    body: { data: { id: 1, elapsed_seconds: 750, status: 'active' } },
  });
  // 5. End completed
  h.setNow('2026-02-18T08:40:00Z');
  expect(await h.request('PATCH', '/api/v1/sessions/1/end', { body: { elapsed_seconds: 1500, status: 'completed' } })).toMatchObject({
    status: 200,
    body: { data: { id: 1, elapsed_seconds: 1500, status: 'completed', ended_at: '2026-02-18T08:40:00Z' } },
  });
  expect((await h.request('GET', '/api/v1/sessions/active')).body).toEqual({ success: true, data: null });
  // History, newest first; a new focus may start now.
  expect((await h.request('POST', '/api/v1/sessions', { body: { duration_seconds: 60 } })).status).toBe(201);
  const history = (await h.request('GET', '/api/v1/sessions')).body as { data: { id: number; status: string }[] };
  expect(history.data.map((s) => [s.id, s.status])).toEqual([
    [2, 'active'],
    [1, 'completed'],
  ]);
});

test('abandoned is recorded with its elapsed time and frees the slot', async () => {
  const h = checkedHarness({ now: START });
  await h.request('POST', '/api/v1/sessions', { body: { duration_seconds: 1500 } });
  h.setNow('2026-02-18T08:10:00Z');
  expect((await h.request('PATCH', '/api/v1/sessions/1/end', { body: { elapsed_seconds: 400, status: 'abandoned' } })).body).toMatchObject({
    data: { status: 'abandoned', elapsed_seconds: 400 },
  });
});

test('a plain timer (from the CLI or the Task Timer API) does not count as the active focus session', async () => {
  const h = checkedHarness({ now: START });
  await h.request('POST', '/sessions/start', { body: { task_name: 'coding' } });
  expect((await h.request('GET', '/api/v1/sessions/active')).body).toEqual({ success: true, data: null });
  expect((await h.request('POST', '/api/v1/sessions', { body: { duration_seconds: 1500 } })).status).toBe(201);
});

describe('bad input: the envelope with the error, the store unchanged', () => {
  test.each([
    ['POST', '/api/v1/sessions', { duration_seconds: 59 }, 400, 'Invalid duration_seconds'],
    ['POST', '/api/v1/sessions', { duration_seconds: 86_401 }, 400, 'Invalid duration_seconds'],
    ['POST', '/api/v1/sessions', { duration_seconds: '1500' }, 400, 'Invalid duration_seconds'],
    ['POST', '/api/v1/sessions', {}, 400, 'Invalid duration_seconds'],
    ['POST', '/api/v1/sessions', '{', 400, 'Invalid JSON'],
    ['PATCH', '/api/v1/sessions/1/pause', { elapsed_seconds: -1 }, 400, 'Invalid elapsed_seconds'],
    ['PATCH', '/api/v1/sessions/1/pause', { elapsed_seconds: 1.5 }, 400, 'Invalid elapsed_seconds'],
    ['PATCH', '/api/v1/sessions/1/pause', { status: 'active' }, 400, 'Invalid status'],
    ['PATCH', '/api/v1/sessions/9/pause', {}, 404, 'Session not found'],
    ['PATCH', '/api/v1/sessions/1/resume', undefined, 409, 'Session not paused'],
    ['PATCH', '/api/v1/sessions/1/end', { status: 'done' }, 400, 'Invalid status'],
    ['PATCH', '/api/v1/sessions/1/end', { elapsed_seconds: 10 }, 400, 'Invalid status'],
    ['PATCH', '/api/v1/sessions/x/end', { status: 'completed' }, 400, 'Invalid ID'],
    ['PATCH', '/api/v1/sessions/0/end', { status: 'completed' }, 400, 'Invalid ID'],
  ])('%s %s %j → %i %s', async (method, path, body, status, error) => {
    const h = checkedHarness({ now: START });
    await h.request('POST', '/api/v1/sessions', { body: { duration_seconds: 1500 } });
    const before = h.store.text;
    const reply = await h.request(method, path, body === undefined ? {} : { body });
    expect(reply).toMatchObject({ status, body: { success: false, error, message: expect.any(String) } });
    expect(h.store.text).toBe(before);
  });

  test('pausing twice is a conflict; ending twice too', async () => {
    const h = checkedHarness({ now: START });
    await h.request('POST', '/api/v1/sessions', { body: { duration_seconds: 1500 } });
    await h.request('PATCH', '/api/v1/sessions/1/pause', { body: {} });
    expect((await h.request('PATCH', '/api/v1/sessions/1/pause', { body: {} })).status).toBe(409);
    await h.request('PATCH', '/api/v1/sessions/1/end', { body: { status: 'completed' } });
    expect((await h.request('PATCH', '/api/v1/sessions/1/end', { body: { status: 'completed' } })).body).toMatchObject({
      error: 'Session already stopped',
    });
  });
});

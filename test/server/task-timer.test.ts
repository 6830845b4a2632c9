import { describe, expect, test } from 'vitest';
import { BASE, checkedHarness, reply, TEST_TOKEN } from '../helpers/server.js';

const running = (id: number, task: string, started: string, duration: number) => ({
  session_id: id,
  task_name: task,
  started_at: started,
  stopped_at: null,
  duration_seconds: duration,
  status: 'running',
});

// The document's "Testing Checklist", step by step as written, each response checked against
// the OpenAPI document. The clock moves between steps so durations are real.
test('the Task Timer API testing checklist passes as written', async () => {
  const h = checkedHarness({ now: '2024-01-15T13:30:00Z' });

  // 1. Start first session → session_id: 1
  const first = await h.request('POST', '/sessions/start', { body: { task_name: 'coding' } });
  expect(first).toMatchObject({ status: 201, body: running(1, 'coding', '2024-01-15T14:30:00+01:00', 0) });

  // 2. Start second session → session_id: 2
  h.setNow('2024-01-15T15:00:00Z');
  const second = await h.request('POST', '/sessions/start', { body: { task_name: 'meeting' } });
  expect(second).toMatchObject({ status: 201, body: running(2, 'meeting', '2024-01-15T16:00:00+01:00', 0) });

  // 3. Stop first session → returns duration
  h.setNow('2024-01-15T15:10:00Z');
  const stopped = await h.request('POST', '/sessions/1/stop');
  expect(stopped).toMatchObject({
    status: 200,
    body: {
      session_id: 1,
      task_name: 'coding',
      started_at: '2024-01-15T14:30:00+01:00',
      stopped_at: '2024-01-15T16:10:00+01:00',
      duration_seconds: 6000,
      status: 'completed',
    },
  });

  // 4. Try to stop again → 400 Error: Already stopped
  expect(await h.request('POST', '/sessions/1/stop')).toMatchObject({
    status: 400,
    body: { error: 'Session already stopped', message: 'Session 1 was already stopped' },
  });

  // 5. List all sessions → 2 sessions (1 completed, 1 running)
  h.setNow('2024-01-15T15:20:00Z');
  const all = await h.request('GET', '/sessions');
  expect(all.status).toBe(200);
  expect(all.body).toMatchObject({
    total: 2,
    sessions: [{ session_id: 1, status: 'completed' }, running(2, 'meeting', '2024-01-15T16:00:00+01:00', 1200)],
  });

  // 6. Filter running sessions → only session 2
  expect((await h.request('GET', '/sessions?status=running')).body).toMatchObject({ total: 1, sessions: [{ session_id: 2 }] });

  // 7. Filter completed sessions → only session 1
  expect((await h.request('GET', '/sessions?status=completed')).body).toMatchObject({ total: 1, sessions: [{ session_id: 1 }] });

  // 8. Get specific session → session 2 with current duration
  h.setNow('2024-01-15T15:25:00Z');
  expect(await h.request('GET', '/sessions/2')).toMatchObject({
    status: 200,
    body: running(2, 'meeting', '2024-01-15T16:00:00+01:00', 1500),
  });

  // 9. Delete session → success
  expect(await h.request('DELETE', '/sessions/1')).toMatchObject({
    status: 200,
    body: { message: 'Session deleted successfully', session_id: 1, task_name: 'coding' },
  });
  expect((await h.request('GET', '/sessions/1')).status).toBe(404);

  // 10. Invalid task name → 400 Error: Too short
  expect(await h.request('POST', '/sessions/start', { body: { task_name: 'ab' } })).toMatchObject({
    status: 400,
    body: { error: 'Invalid task name', message: 'Task name must be between 3 and 20 characters' },
  });
  // The ID counter was not moved by the refusal, nor wound back by the delete.
  expect((await h.request('POST', '/sessions/start', { body: { task_name: 'review' } })).body).toMatchObject({ session_id: 3 });
});

describe('bad input gets the error shape, and the store is unchanged', () => {
  test.each([
    ['POST', '/sessions/start', '{"task_name": "coding"', 400, 'Invalid JSON'],
    ['POST', '/sessions/start', '["coding"]', 400, 'Invalid JSON'],
    ['POST', '/sessions/start', '{"task_name": 42}', 400, 'Invalid task_name'],
    ['POST', '/sessions/start', '{}', 400, 'Invalid task_name'],
    ['POST', '/sessions/start', '{"task_name": "coding", "extra": 1}', 400, 'Invalid field'],
    ['POST', '/sessions/start', '{"task_name": "has space"}', 400, 'Invalid task name'],
    ['POST', '/sessions/99/stop', undefined, 404, 'Session not found'],
    ['POST', '/sessions/abc/stop', undefined, 400, 'Invalid ID'],
    ['POST', '/sessions/01/stop', undefined, 400, 'Invalid ID'],
    ['POST', '/sessions/1/stop', '{"at": "now"}', 400, 'Invalid field'],
    ['GET', '/sessions/99', undefined, 404, 'Session not found'],
    ['GET', '/sessions?status=done', undefined, 400, 'Invalid status'],
    ['GET', '/sessions?status=running&status=completed', undefined, 400, 'Invalid status'],
    ['DELETE', '/sessions/99', undefined, 404, 'Session not found'],
    ['DELETE', '/sessions/-1', undefined, 400, 'Invalid ID'],
    ['DELETE', '/sessions/1e3', undefined, 400, 'Invalid ID'],
    // A session ID is a whole number from 1 (SPEC), as `stint show 0` says: 0 and a number past
    // 2^53 are not IDs, like `abc`; a valid ID no session has is 404.
    ['GET', '/sessions/0', undefined, 400, 'Invalid ID'],
    ['GET', '/sessions/abc', undefined, 400, 'Invalid ID'],
    ['POST', '/sessions/99999999999999999999/stop', undefined, 400, 'Invalid ID'],
    ['DELETE', '/sessions/0', undefined, 400, 'Invalid ID'],
    ['GET', '/sessions/9007199254740991', undefined, 404, 'Session not found'],
  ])('%s %s %s → %i %s', async (method, path, body, status, error) => {
    const h = checkedHarness();
    await h.request('POST', '/sessions/start', { body: { task_name: 'coding' } });
    const before = h.store.text;
    const reply = await h.request(method, path, body === undefined ? {} : { body });
    expect(reply).toMatchObject({ status, body: { error, message: expect.any(String) } });
    expect(h.store.text).toBe(before);
    expect((await h.request('GET', '/sessions')).status).toBe(200);
  });
});

test('a session started with the API is the CLI’s: same ID counter, same undo', async () => {
  const h = checkedHarness();
  await h.request('POST', '/sessions/start', { body: { task_name: 'coding' } });
  expect(await h.store.undo()).toBe('start #1 coding');
  expect((await h.request('GET', '/sessions')).body).toEqual({ sessions: [], total: 0 });
});

describe('a body declared as a form or another type is refused, even when the text parses', () => {
  test.each([
    // fetch() sends a string body as text/plain: read as JSON, strictly, like no type at all.
    ['text/plain;charset=UTF-8', 201],
    ['', 201],
    ['text/html', 400],
    ['application/x-www-form-urlencoded', 400],
    ['multipart/form-data; boundary=x', 400],
    ['application/jsonp', 400],
    ['application/json', 201],
    ['application/json; charset=utf-8', 201],
    ['Application/JSON', 201],
    ['application/merge-patch+json', 201],
  ])('%s → %i', async (type, status) => {
    const h = checkedHarness();
    const before = h.store.text;
    const reply = await h.request('POST', '/sessions/start', { body: '{"task_name": "coding"}', headers: { 'content-type': type } });
    expect(reply.status).toBe(status);
    if (status === 400) {
      expect(reply.body).toEqual({ error: 'Invalid content type', message: expect.any(String) });
      expect(h.store.text).toBe(before);
    }
  });

  test('an empty body needs no type (stop takes none)', async () => {
    const h = checkedHarness();
    await h.request('POST', '/sessions/start', { body: { task_name: 'coding' } });
    expect((await h.request('POST', '/sessions/1/stop', { headers: { 'content-type': 'text/plain' } })).status).toBe(200);
  });
});

describe('a body that is not UTF-8 is refused whole, never read with replacement characters', () => {
  // 0xE9 is é in Latin-1: a decoder that replaces it would store U+FFFD in a note or a name.
  const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  test.each([
    ['/sessions/start', '{"task_name": "caf\u00e9x"}'],
    ['/api/stint/sessions/start', '{"task": "coding", "note": "caf\u00e9"}'],
    ['/api/v1/sessions', '{"duration_seconds": 1500, "task_name": "caf\u00e9x"}'],
  ])('POST %s %s → 400 Invalid JSON, the store unchanged', async (path, text) => {
    const h = checkedHarness();
    const before = h.store.text;
    const headers = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
    const response = await h.app.fetch(new Request(`${BASE}${path}`, { method: 'POST', headers, body: latin1(text) }));
    expect(await reply(response)).toMatchObject({
      status: 400,
      body: { error: 'Invalid JSON', message: 'The request body is not valid UTF-8' },
    });
    expect(h.store.text).toBe(before);
  });

  test('a byte-order mark is not part of the JSON', async () => {
    const h = checkedHarness();
    const reply = await h.request('POST', '/sessions/start', { body: '\ufeff{"task_name": "coding"}' });
    expect(reply.status).toBe(201);
  });
});

test('an ID of thousands of digits is refused, and echoed cut short', async () => {
  const reply = await checkedHarness().request('GET', `/sessions/${'9'.repeat(5000)}`);
  expect(reply).toMatchObject({
    status: 400,
    body: { error: 'Invalid ID', message: `'${'9'.repeat(21)}...' is not an ID (a whole number from 1)` },
  });
});

import { expect, test } from 'vitest';
import { checkedHarness } from '../helpers/server.js';

// A query parameter a route does not declare (in /api/openapi.json) is refused, as an unknown
// body field is: a typo such as `?stauts=running` must not answer with every session.

const ERROR = { error: 'Invalid query', message: expect.stringMatching(/^Unknown parameter '/) };
const ENVELOPE = { success: false, ...ERROR };

test.each([
  ['GET', '/sessions?stauts=running', 400, ERROR],
  ['GET', '/sessions?status=running&limit=5', 400, ERROR],
  ['GET', '/sessions/1?verbose=1', 400, ERROR],
  ['POST', '/sessions/1/stop?at=now', 400, ERROR],
  ['GET', '/api/v1/sessions?page=2', 400, ENVELOPE],
  ['GET', '/api/v1/sessions/active?x=', 400, ENVELOPE],
  ['GET', '/api/v1/sessions/current?user_id=2', 422, ERROR],
  ['GET', '/api/v1/tasks?pagesize=5', 400, ENVELOPE],
  ['GET', '/api/v1/tasks/1/executions?limit=5&offset=5', 400, ENVELOPE],
  ['GET', '/api/v1/stats?x=1', 400, ENVELOPE],
])('%s %s → %i', async (method, path, status, body) => {
  const h = checkedHarness();
  await h.request('POST', '/sessions/start', { body: { task_name: 'coding' } });
  const before = h.store.text;
  expect(await h.request(method, path)).toMatchObject({ status, body });
  expect(h.store.text).toBe(before);
});

test.each([
  ['/sessions?status=running', 200],
  ['/api/v1/tasks?page=1&page_size=5&task_type=data_backup&enabled=true', 200],
  ['/api/v1/tasks/1/executions?limit=5', 404],
])('a declared parameter is read: GET %s → %i', async (path, status) => {
  expect((await checkedHarness().request('GET', path)).status).toBe(status);
});

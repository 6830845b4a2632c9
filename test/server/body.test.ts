import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { repeatedKey } from '../../src/core/json-keys.js';
import { checkedHarness } from '../helpers/server.js';

// JSON.parse keeps the last of two equal keys; which was meant cannot be known, so a body with a
// key given twice in one object is refused whole, as an option given twice is on the command line.

test.each([
  ['/sessions/start', '{"task_name": "coding", "task_name": "meeting"}', 'task_name'],
  ['/sessions/start', '{"task_name": "coding", "\\u0074ask_name": "meeting"}', 'task_name'],
  ['/api/stint/sessions/start', '{"task": "coding", "note": "a", "tags": [], "note": "b"}', 'note'],
  [
    '/api/v1/tasks',
    '{"name": "n", "task_type": "data_backup", "schedule": "0 3 * * *", "config": {"target": "/a", "target": "/b"}}',
    'target',
  ],
])('POST %s %s → 400, the store unchanged', async (path, body, key) => {
  const h = checkedHarness();
  const before = h.store.text;
  expect(await h.request('POST', path, { body })).toMatchObject({
    status: 400,
    body: { error: 'Invalid JSON', message: `The field '${key}' is given twice` },
  });
  expect(h.store.text).toBe(before);
});

test.each([
  // The same key in two objects, braces, commas, colons and quotes inside strings are no repeat.
  ['/api/stint/sessions/start', '{"task": "coding", "note": "a {\\"task\\": 1, \\"note\\": 2} \\\\", "tags": ["note", "task"]}'],
  ['/api/v1/tasks', '{"name": "n", "task_type": "data_backup", "schedule": "0 3 * * *", "config": {"name": "x", "target": "/b"}}'],
])('POST %s %s is read as JSON', async (path, body) => {
  const reply = await checkedHarness().request('POST', path, { body });
  expect(reply.text).not.toContain('Invalid JSON');
});

describe('repeatedKey, over any JSON', () => {
  test('JSON.stringify never repeats a key: nothing is found, whatever the strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(repeatedKey(JSON.stringify({ v: value }))).toBeNull();
      }),
    );
  });

  test('a key written again at the top level is found, whatever the object holds', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), (object) => {
        const text = JSON.stringify(object);
        const key = Object.keys(object)[0] as string;
        expect(repeatedKey(`${text.slice(0, -1)},${JSON.stringify(key)}:null}`)).toBe(key);
      }),
    );
  });
});

test.each([
  ['/sessions/1', 'Unknown field: x'],
  ['/api/v1/tasks/1', 'Unknown field: x'],
])('DELETE %s with a body asking for something → 400, nothing removed', async (path, message) => {
  const h = checkedHarness();
  await h.request('POST', '/sessions/start', { body: { task_name: 'coding' } });
  await h.request('POST', '/api/v1/tasks', {
    body: { name: 'n', task_type: 'data_backup', schedule: '0 3 * * *', config: { target: '/backups' } },
  });
  const before = h.store.text;
  expect(await h.request('DELETE', path, { body: { x: 1 } })).toMatchObject({ status: 400, body: { message } });
  expect(h.store.text).toBe(before);
  // Without a body, or with an empty object, it is removed.
  expect((await h.request('DELETE', path, { body: {} })).status).toBe(200);
});

test.each(['iso-8859-1', 'latin1', 'utf-16'])('a body declared as charset %s is refused: JSON is read as UTF-8 only', async (charset) => {
  const h = checkedHarness();
  const before = h.store.text;
  const reply = await h.request('POST', '/sessions/start', {
    body: '{"task_name": "coding"}',
    headers: { 'content-type': `application/json; charset=${charset}` },
  });
  expect(reply).toMatchObject({ status: 400, body: { error: 'Invalid content type' } });
  expect(h.store.text).toBe(before);
});

test.each(['utf-8', 'UTF8', '"utf-8"', 'us-ascii'])('charset %s is read', async (charset) => {
  const reply = await checkedHarness().request('POST', '/sessions/start', {
    body: '{"task_name": "coding"}',
    headers: { 'content-type': `application/json; charset=${charset}` },
  });
  expect(reply.status).toBe(201);
});

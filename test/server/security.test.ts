import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { BODY_LIMIT } from '../../src/server/app.js';
import { COOKIE_NAME, createAuth, sameSecret } from '../../src/server/auth.js';
import type { RouteGroup } from '../../src/server/route-group.js';
import { expectResponseMatches } from '../helpers/openapi.js';
import { BASE, serverHarness, TEST_PORT, TEST_TOKEN } from '../helpers/server.js';

// A tiny group standing in for the documents' routes: the layers are the app's, not a group's.
const probe = (): RouteGroup[] => {
  const routes = new Hono();
  routes.get('/api/probe', (c) => c.json({ ok: true }));
  routes.post('/api/probe', async (c) => c.json({ read: (await c.req.text()).length }));
  routes.get('/', (c) => c.html('<p>dashboard</p>'));
  return [{ name: 'probe', routes, openapi: {} }];
};

const harness = () => serverHarness({ groups: probe });

describe('Host: loopback names only (421), against DNS rebinding', () => {
  test.each([`127.0.0.1:${TEST_PORT}`, `localhost:${TEST_PORT}`, `[::1]:${TEST_PORT}`])('%s is served', async (host) => {
    expect((await harness().request('GET', '/api/probe', { base: `http://${host}` })).status).toBe(200);
  });

  test.each([
    [`evil.example:${TEST_PORT}`, 'a rebound name'],
    [`127.0.0.1.nip.io:${TEST_PORT}`, 'a name that resolves to loopback'],
    ['127.0.0.1:80', 'another port'],
    [`192.168.1.2:${TEST_PORT}`, 'a LAN address'],
    [`localhost.:${TEST_PORT}`, 'a trailing dot'],
  ])('%s (%s) is refused with 421, even with the token', async (host) => {
    const reply = await harness().request('GET', '/api/probe', { base: `http://${host}` });
    expect(reply.status).toBe(421);
    expect(reply.body).toEqual({ error: 'Misdirected request', message: expect.any(String) });
  });
});

describe('the token (401)', () => {
  test.each([
    ['no token', null],
    ['a wrong token', 'x'.repeat(43)],
    ['the token with one more character', `${TEST_TOKEN}x`],
    ['a prefix of the token', TEST_TOKEN.slice(0, 10)],
  ])('%s → 401 with the error shape', async (_name, token) => {
    const reply = await harness().request('GET', '/api/probe', { token });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="stint"');
    expect(reply.body).toEqual({ error: 'Unauthorized', message: expect.any(String) });
  });

  test.each(['bearer', 'BEARER'])('the scheme %s is Bearer (its name is case-insensitive)', async (scheme) => {
    const reply = await harness().request('GET', '/api/probe', { token: null, headers: { authorization: `${scheme} ${TEST_TOKEN}` } });
    expect(reply.status).toBe(200);
  });

  test('another scheme is refused', async () => {
    const reply = await harness().request('GET', '/api/probe', { token: null, headers: { authorization: `Basic ${TEST_TOKEN}` } });
    expect(reply.status).toBe(401);
  });

  test('the comparison hashes both sides to one length, so any length is compared, not rejected early', () => {
    expect(sameSecret(TEST_TOKEN, TEST_TOKEN)).toBe(true);
    for (const given of ['', 'a', TEST_TOKEN.slice(1), `${TEST_TOKEN}\0`]) expect(sameSecret(given, TEST_TOKEN)).toBe(false);
  });

  test('the dashboard without a cookie gets a page saying where to go, not JSON', async () => {
    const reply = await harness().request('GET', '/', { token: null });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    expect(reply.text).toContain('stint serve');
    expect(reply.text).not.toContain(TEST_TOKEN);
  });
});

describe('the one-time code → cookie', () => {
  test('the code gives an HttpOnly SameSite=Strict cookie and a 303 to /, once', async () => {
    const h = harness();
    const code = h.ctx.auth.issueCode();
    const first = await h.request('GET', `/auth/${code}`, { token: null });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${COOKIE_NAME}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    const value = cookie.split(';')[0] as string;
    expect((await h.request('GET', '/', { token: null, headers: { cookie: value } })).status).toBe(200);
    expect((await h.request('GET', '/api/probe', { token: null, headers: { cookie: value } })).status).toBe(200);
    // Spent: the same URL again (from the history, say) gets nothing.
    const again = await h.request('GET', `/auth/${code}`, { token: null });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  test('an unknown code or cookie gets nothing', async () => {
    const h = harness();
    expect((await h.request('GET', '/auth/nope', { token: null })).status).toBe(401);
    expect((await h.request('GET', '/api/probe', { token: null, headers: { cookie: `${COOKIE_NAME}=nope` } })).status).toBe(401);
  });

  test('rotating the token drops every cookie and the old token', () => {
    let token = 'first-token';
    const auth = createAuth(() => token);
    const cookie = auth.redeem(auth.issueCode()) as string;
    expect(auth.cookieOk(cookie)).toBe(true);
    token = 'second-token';
    expect(auth.cookieOk(cookie)).toBe(false);
    expect(auth.bearerOk('Bearer first-token')).toBe(false);
    expect(auth.bearerOk('Bearer second-token')).toBe(true);
    token = 'first-token';
    expect(auth.cookieOk(cookie)).toBe(false);
  });
});

describe('Origin on writes (403), and no CORS', () => {
  test.each([
    ['POST', 'https://evil.example', 403],
    ['POST', 'null', 403],
    ['POST', `http://localhost:${TEST_PORT}`, 403],
    ['POST', BASE, 200],
    ['GET', 'https://evil.example', 200],
  ])('%s from %s → %i', async (method, origin, status) => {
    expect((await harness().request(method, '/api/probe', { headers: { origin } })).status).toBe(status);
  });

  test('a write without Origin (curl, scripts) is served', async () => {
    expect((await harness().request('POST', '/api/probe', { body: '{}' })).status).toBe(200);
  });

  test('no Access-Control header on any answer, preflight included', async () => {
    const h = harness();
    const origin = 'https://evil.example';
    for (const [method, headers] of [
      ['GET', { origin }],
      ['OPTIONS', { origin, 'access-control-request-method': 'POST' }],
    ] as const) {
      const reply = await h.request(method, '/api/probe', { headers });
      expect([...reply.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });
});

test('the security layers’ answers are in the OpenAPI document of every route', async () => {
  const h = serverHarness();
  const doc = (await h.request('GET', '/api/openapi.json')).body as object;
  const refused = [
    [await h.request('GET', '/sessions', { token: null }), 401],
    [await h.request('GET', '/sessions', { base: `http://evil.example:${TEST_PORT}` }), 421],
    [await h.request('POST', '/sessions/start', { headers: { origin: 'https://evil.example' }, body: {} }), 403],
    [await h.request('POST', '/sessions/start', { body: 'x'.repeat(BODY_LIMIT + 1) }), 413],
  ] as const;
  for (const [reply, status] of refused) expect(reply.status).toBe(status);
  for (const [reply, status] of refused)
    expectResponseMatches(
      doc,
      status === 401 || status === 421 ? 'GET' : 'POST',
      status === 401 || status === 421 ? '/sessions' : '/sessions/start',
      status,
      reply.body,
    );
});

describe('bodies', () => {
  test.each([
    ['5 MB', 5 * 1024 * 1024],
    ['one byte over the limit', BODY_LIMIT + 1],
  ])('%s → 413 with the error shape, and the server keeps answering', async (_name, size) => {
    const h = harness();
    const reply = await h.request('POST', '/api/probe', { body: 'x'.repeat(size) });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ error: 'Payload too large', message: expect.any(String) });
    expect((await h.request('GET', '/api/probe')).status).toBe(200);
  });

  test('the limit itself is accepted', async () => {
    expect((await harness().request('POST', '/api/probe', { body: 'x'.repeat(BODY_LIMIT) })).body).toEqual({ read: BODY_LIMIT });
  });
});

test('an unknown route is a 404 in the error shape', async () => {
  const reply = await harness().request('GET', '/api/nothing-here');
  expect(reply).toMatchObject({ status: 404, body: { error: 'Not found', message: 'No route GET /api/nothing-here' } });
});

test.each(['PUT', 'DELETE', 'PATCH'])('%s on a path served with other methods is 405 with Allow', async (method) => {
  const reply = await harness().request(method, '/api/probe', { body: {} });
  expect(reply).toMatchObject({ status: 405, body: { error: 'Method not allowed', message: expect.any(String) } });
  expect(reply.headers.get('allow')).toBe('GET, HEAD, POST');
});

test('HEAD is answered where GET is, without a body, and Allow names it', async () => {
  const h = harness();
  const reply = await h.request('HEAD', '/api/probe');
  expect(reply.status).toBe(200);
  expect(reply.text).toBe('');
  expect((await h.request('OPTIONS', '/api/probe')).headers.get('allow')).toBe('GET, HEAD, POST');
});

test('a route of the documents with the wrong method is 405 too', async () => {
  const reply = await serverHarness().request('PUT', '/sessions/1', { body: {} });
  expect(reply.status).toBe(405);
  expect(reply.headers.get('allow')).toBe('GET, HEAD, DELETE');
});

test('responses are not cached, sniffed or framed, and send no Referer', async () => {
  const reply = await harness().request('GET', '/api/probe');
  expect(Object.fromEntries(['cache-control', 'x-content-type-options', 'referrer-policy'].map((n) => [n, reply.headers.get(n)]))).toEqual({
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
});

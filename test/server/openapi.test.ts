import { describe, expect, test } from 'vitest';
import { routeGroups } from '../../src/server/groups.js';
import { expectResponseMatches } from '../helpers/openapi.js';
import { serverHarness } from '../helpers/server.js';

const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

describe('/api/openapi.json', () => {
  test('is OpenAPI 3.1 and describes every route the app serves, and nothing it does not', async () => {
    const h = serverHarness();
    const doc = (await h.request('GET', '/api/openapi.json')).body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const served = h.app.routes
      .filter((r) => r.method !== 'ALL' && r.path !== '/auth/:code')
      .map((r) => `${r.method} ${openApiPath(r.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(new Set(documented)).toEqual(new Set(served));
    expectResponseMatches(doc, 'GET', '/api/openapi.json', 200, doc);
  });

  test('no two groups claim the same method on the same path', () => {
    const h = serverHarness();
    const claims = routeGroups(h.ctx).flatMap((g) =>
      Object.entries(g.openapi).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)),
    );
    expect(claims.length).toBe(new Set(claims).size);
  });
});

describe('expectResponseMatches, the check every route test relies on', () => {
  const doc = {
    openapi: '3.1.0',
    components: { schemas: { Thing: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } } },
    paths: {
      '/things/{id}': {
        get: {
          responses: { '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
    },
  };

  test('passes a body that matches', () => {
    expectResponseMatches(doc, 'GET', '/things/3', 200, { id: 3 });
  });

  test.each([
    ['a body that does not match', 'GET', '/things/3', 200, { id: 'three' }],
    ['an undocumented status', 'GET', '/things/3', 404, { id: 3 }],
    ['an undocumented method', 'DELETE', '/things/3', 200, { id: 3 }],
    ['an undocumented path', 'GET', '/others/3', 200, { id: 3 }],
  ])('fails %s', (_name, method, path, status, body) => {
    expect(() => expectResponseMatches(doc, method, path, status, body)).toThrow();
  });
});

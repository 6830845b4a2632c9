import type { OpenApiPaths, OpenApiSchemas, RouteGroup } from './route-group.js';

/** The OpenAPI 3.1 document of every group's routes, plus its own path. */
export function openApiDocument(version: string, groups: readonly RouteGroup[], shared: OpenApiSchemas): Record<string, unknown> {
  const paths: OpenApiPaths = {
    '/api/openapi.json': {
      get: {
        summary: 'This document.',
        responses: { '200': { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  };
  const schemas: OpenApiSchemas = { ...shared };
  for (const group of groups) {
    for (const [path, operations] of Object.entries(group.openapi)) {
      // Two groups may share a path (the two /api/v1/sessions documents) but not a method on it.
      paths[path] = { ...paths[path], ...operations };
    }
    Object.assign(schemas, group.schemas);
  }
  for (const operations of Object.values(paths)) {
    for (const [method, operation] of Object.entries(operations)) operations[method] = withSecurityResponses(operation as Operation);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'stint', version, description: 'The HTTP APIs of `stint serve`, over the store the CLI uses.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token in server.token in the data directory.' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'stint_session', description: 'The dashboard, after the one-time URL.' },
      },
      schemas,
    },
    paths,
  };
}

type Operation = { responses?: Record<string, unknown> };

const errorShape = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** What the security layers answer before any route: every operation can get these. */
const SECURITY_RESPONSES = {
  '401': errorShape('No token or dashboard cookie, or a wrong one.'),
  '403': errorShape('A write from a foreign Origin.'),
  '413': errorShape('A body over the limit.'),
  '421': errorShape('A Host that is not a loopback name with the port (DNS rebinding).'),
};

function withSecurityResponses(operation: Operation): Operation {
  return { ...operation, responses: { ...SECURITY_RESPONSES, ...operation.responses } };
}

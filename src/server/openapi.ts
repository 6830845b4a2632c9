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

import type { Hono } from 'hono';

/** An OpenAPI 3.1 `paths` object: path → method → operation. Kept loose: it is data we serve. */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

/** Schemas shared by several paths, under `components.schemas`. */
export type OpenApiSchemas = Record<string, unknown>;

/**
 * One document's routes (or stint's own), mounted at the root by createApp, with the part of
 * `/api/openapi.json` that describes them. Paths in `openapi` are written in OpenAPI's `{id}`
 * form and must match the routes exactly: the OpenAPI test checks every response against them.
 */
export interface RouteGroup {
  name: string;
  routes: Hono;
  openapi: OpenApiPaths;
  schemas?: OpenApiSchemas;
}

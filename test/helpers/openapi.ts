import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>> };

// Keyed by the document's text: every harness fetches its own copy of the same document, and
// compiling it is the slow part of a route test.
const ajvFor = new Map<string, Ajv2020>();

function ajv(doc: object): Ajv2020 {
  const key = JSON.stringify(doc);
  let found = ajvFor.get(key);
  if (!found) {
    // OpenAPI's own keywords (paths, operationId…) are not JSON Schema: not strict. Formats are
    // checked by hand for the two the documents use.
    found = new Ajv2020({ strict: false, allErrors: true });
    found.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/);
    found.addFormat('uri', /^[a-z]+:/);
    found.addSchema(doc, 'openapi.json');
    ajvFor.set(key, found);
  }
  return found;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** The documented path template a concrete path matches (`/sessions/3` → `/sessions/{id}`). */
export function templateOf(doc: Doc, path: string): string | undefined {
  const bare = path.split('?')[0] ?? path;
  const templates = Object.keys(doc.paths);
  // Literal segments win over parameters (`/api/v1/sessions/active` before `/{id}`).
  const literal = templates.find((t) => t === bare);
  if (literal) return literal;
  return templates.find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
}

/**
 * Fails unless the OpenAPI document describes `status` for `method path` and `body` matches that
 * response's JSON schema. An undocumented status or path fails too.
 */
export function expectResponseMatches(doc: object, method: string, path: string, status: number, body: unknown): void {
  const paths = (doc as Doc).paths;
  const template = templateOf(doc as Doc, path);
  expect(template, `${method} ${path} is not in the OpenAPI document`).toBeDefined();
  const operation = paths[template as string]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is not in the OpenAPI document`).toBeDefined();
  const response = operation?.responses?.[String(status)];
  expect(response, `${method} ${template} does not document status ${status}`).toBeDefined();
  const content = response?.content;
  if (content === undefined) return;
  const type = Object.keys(content)[0] as string;
  if (type !== 'application/json') return;
  const ref = `openapi.json#/${pointer('paths', template as string, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema')}`;
  const validate = ajv(doc).getSchema(ref);
  expect(validate, `no schema at ${ref}`).toBeDefined();
  const ok = validate?.(body);
  expect(ok, `${method} ${path} → ${status}: ${JSON.stringify(validate?.errors)}\n${JSON.stringify(body)}`).toBe(true);
}

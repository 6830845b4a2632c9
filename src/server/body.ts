import type { Context, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { invalidInput, notFound } from '../core/errors.js';
import { repeatedKey } from '../core/json-keys.js';
import type { OpenApiPaths } from './route-group.js';

/** `application/json` or a `+json` type, with or without parameters (`; charset=utf-8`). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const TEXT_TYPE = /^text\/plain\s*(?:;|$)/i;

export type JsonObject = Record<string, unknown>;

/**
 * The request's JSON object, read whole and strictly: malformed JSON, another JSON value, or a
 * field the route does not know is refused (400), never guessed at. An empty body is `{}` when
 * the route's fields are all optional. A body declared as another type than JSON or text is refused.
 */
export async function jsonObject(c: Context, known: readonly string[]): Promise<JsonObject> {
  const text = utf8(await c.req.arrayBuffer());
  if (text.trim() === '') return {};
  // A body declared as something else (a form, multipart, XML) is refused whole, even when it
  // parses. No type and text/plain are read as JSON: fetch() sends a string as text/plain, and the
  // token already stands in for the CSRF check a form's type would matter for.
  const type = c.req.header('content-type') ?? '';
  // JSON is UTF-8 (RFC 8259), and the bytes are read as such: another declared charset is refused
  // rather than its text misread.
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
  // US-ASCII is UTF-8's first 128 characters: a body in it reads the same.
  if (charset !== undefined && !/^(?:utf-?8|us-ascii)$/i.test(charset)) {
    throw invalidInput('Invalid content type', `Send the body as UTF-8 JSON (charset ${charset} is not read)`);
  }
  if (type.trim() !== '' && !JSON_TYPE.test(type) && !TEXT_TYPE.test(type)) {
    throw invalidInput('Invalid content type', 'Send the body as JSON, with Content-Type: application/json');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidInput('Invalid JSON', 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput('Invalid JSON', 'The request body must be a JSON object');
  }
  const twice = repeatedKey(text);
  if (twice !== null) throw invalidInput('Invalid JSON', `The field '${twice}' is given twice`);
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw invalidInput('Invalid field', `Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  }
  return value as JsonObject;
}

/**
 * The body's bytes as UTF-8, strictly, as import reads files: `req.text()` would put U+FFFD in
 * place of bytes that are not UTF-8 (a Latin-1 `é`), and that would be stored in a note or name.
 * A byte-order mark is dropped.
 */
function utf8(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidInput('Invalid JSON', 'The request body is not valid UTF-8');
  }
}

/** A required string field. */
export function stringField(body: JsonObject, name: string): string {
  const value = body[name];
  if (typeof value !== 'string') throw invalidInput(`Invalid ${name}`, `${name} must be a string`);
  return value;
}

/** A whole number within [min, max]; undefined when absent and not required. */
export function integerField(body: JsonObject, name: string, min: number, max: number, required: true): number;
export function integerField(body: JsonObject, name: string, min: number, max: number, required?: false): number | undefined;
export function integerField(body: JsonObject, name: string, min: number, max: number, required = false): number | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidInput(`Invalid ${name}`, `${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/**
 * A path parameter that must be a session (or job) ID: digits only, no sign, no leading zero,
 * from 1 to 2^53 − 1, as SPEC defines a session ID and the CLI reads one (`stint show 0` is exit
 * 2). Anything else, `0` and `abc` alike, is refused (400; the Practice routes answer 422); a
 * valid ID no row has is 404. Where IDs are strings (Timer4Tasker's task IDs), any text that is
 * no ID names nothing: 404.
 */
export function idParam(c: Context, subject: 'session' | 'job' = 'session', otherText: 'invalid' | 'absent' = 'invalid'): number {
  const text = c.req.param('id') ?? '';
  const id = /^[1-9]\d*$/.test(text) ? Number(text) : 0;
  if (Number.isSafeInteger(id) && id >= 1) return id;
  // Echoed cut short: a path may be kilobytes long.
  const shown = text.length > 24 ? `${text.slice(0, 21)}...` : text;
  if (otherText === 'invalid') throw invalidInput('Invalid ID', `'${shown}' is not an ID (a whole number from 1)`);
  const title = subject === 'session' ? 'Session' : 'Job';
  throw notFound(`${title} not found`, `No ${subject} with ID ${shown}`);
}

/** A query parameter given at most once: `?status=running&status=completed` is refused, not half read. */
export function queryParam(c: Context, name: string): string | undefined {
  const values = c.req.queries(name) ?? [];
  if (values.length > 1) throw invalidInput(`Invalid ${name}`, `${name} is given ${values.length} times; give it once`);
  return values[0];
}

/**
 * Middleware for a document's routes: a query parameter its operation does not declare in the
 * group's OpenAPI part is refused (400, or the document's status through the group's error
 * handler), as an unknown body field is: `?stauts=running` would otherwise list everything.
 * The OpenAPI part is the one list of what each route takes, so the two cannot drift apart.
 */
export function declaredQueryOnly(openapi: OpenApiPaths): MiddlewareHandler {
  const router = new TrieRouter<readonly string[]>();
  for (const [path, operations] of Object.entries(openapi)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = ((operation as { parameters?: { name: string; in: string }[] }).parameters ?? []).filter((p) => p.in === 'query');
      router.add(
        method.toUpperCase(),
        path.replace(/\{(\w+)\}/g, ':$1'),
        parameters.map((p) => p.name),
      );
    }
  }
  return async (c, next) => {
    const [matched] = router.match(c.req.method === 'HEAD' ? 'GET' : c.req.method, c.req.path);
    const declared = matched[0]?.[0];
    if (declared !== undefined) {
      for (const key of new URL(c.req.url).searchParams.keys()) {
        if (!declared.includes(key)) {
          const expected = declared.length === 0 ? 'it takes none' : `expected ${declared.join(', ')}`;
          throw invalidInput('Invalid query', `Unknown parameter '${key}' (${expected})`);
        }
      }
    }
    await next();
  };
}

import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { TrieRouter } from 'hono/router/trie-router';
import packageJson from '../../package.json' with { type: 'json' };
import { COOKIE_NAME } from './auth.js';
import type { ServerContext } from './context.js';
import { ERROR_SCHEMA, errorResponse } from './http-errors.js';
import { openApiDocument } from './openapi.js';
import type { RouteGroup } from './route-group.js';

/** Bigger bodies are refused (413) before they are read: no route takes more than a few fields. */
export const BODY_LIMIT = 64 * 1024;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Paths whose callers are programs: they get JSON errors; the others (the dashboard's) a page. */
const isApiPath = (path: string) => path.startsWith('/api/') || path === '/sessions' || path.startsWith('/sessions/');

const SIGN_IN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>stint</title></head>
<body><h1>stint</h1><p>Open the URL that <code>stint serve</code> printed when it started (it works once).
Lost it? Stop the server and run <code>stint serve</code> again.</p></body></html>
`;

const refuse = (c: Context, status: 401 | 403 | 421, error: string, message: string) =>
  isApiPath(c.req.path) ? c.json({ error, message }, status) : c.html(SIGN_IN_PAGE, status);

/**
 * The server: the security layers in order (Host → Origin → size → credentials), then every
 * group's routes, then `/api/openapi.json` assembled from the groups' fragments.
 */
export function createApp(ctx: ServerContext, groups: readonly RouteGroup[]): Hono {
  const app = new Hono();
  app.onError(errorResponse);
  app.notFound((c) => {
    // A path served with other methods is 405 with Allow, as the documents' frameworks answer.
    const allowed = methodsOf(c.req.path);
    if (allowed.length === 0) return c.json({ error: 'Not found', message: `No route ${c.req.method} ${c.req.path}` }, 404);
    c.header('Allow', allowed.join(', '));
    return c.json({ error: 'Method not allowed', message: `${c.req.path} takes ${allowed.join(', ')}, not ${c.req.method}` }, 405);
  });

  app.use(async (c, next) => {
    // The URL's host is the request's Host header. A name other than loopback's is another site's
    // page reaching us through DNS rebinding (or a proxy): refused before anything else.
    if (!ctx.hosts.has(new URL(c.req.url).host)) {
      return c.json({ error: 'Misdirected request', message: 'This server answers only to 127.0.0.1, localhost and [::1]' }, 421);
    }
    const origin = c.req.header('origin');
    if (WRITES.has(c.req.method) && origin !== undefined && origin !== new URL(c.req.url).origin) {
      return refuse(c, 403, 'Forbidden', `Writes from ${origin} are refused`);
    }
    await next();
    // Never cached, never framed, never sniffed, and the one-time URL never sent as a Referer.
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'");
  });

  app.use(
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: (c) => c.json({ error: 'Payload too large', message: `The request body is over ${BODY_LIMIT} bytes` }, 413),
    }),
  );

  // The one-time code from the printed URL becomes a cookie; the code is then spent.
  app.get('/auth/:code', (c) => {
    const cookie = ctx.auth.redeem(c.req.param('code'));
    if (cookie === null) return c.html(SIGN_IN_PAGE, 401);
    setCookie(c, COOKIE_NAME, cookie, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.redirect('/', 303);
  });

  app.use(async (c, next) => {
    if (ctx.auth.bearerOk(c.req.header('authorization')) || ctx.auth.cookieOk(getCookie(c, COOKIE_NAME))) return next();
    c.header('WWW-Authenticate', 'Bearer realm="stint"');
    return refuse(c, 401, 'Unauthorized', 'Send Authorization: Bearer <token> (the token is in server.token in the data directory)');
  });

  const document = openApiDocument(packageJson.version, groups, { Error: ERROR_SCHEMA });
  app.get('/api/openapi.json', (c) => c.json(document));
  for (const group of groups) app.route('/', group.routes);
  const routes = new TrieRouter<string>();
  for (const route of app.routes) if (route.method !== 'ALL') routes.add(route.method, route.path, route.method);
  // HEAD is answered wherever GET is (Hono runs the GET route and drops the body), so Allow names it too.
  const methodsOf = (path: string) =>
    [...new Set(METHODS.filter((method) => routes.match(method, path)[0].length > 0))].flatMap((m) =>
      m === 'GET' ? ['GET', 'HEAD'] : [m],
    );
  return app;
}

import { Hono } from 'hono';
import type { ServerContext } from '../context.js';
import type { RouteGroup } from '../route-group.js';
import { strictQuery } from '../stint-data.js';
import script from './assets/dashboard.js?raw';
import style from './assets/dashboard.css?raw';
import icon from './assets/icon.svg?raw';
import { dashboardData, FILTERS } from './data.js';
import { dashboardPage, liveParts } from './page.js';

/** The assets, embedded in the bundle at build time: the package ships them, and no CDN is needed. */
export const ASSETS: Record<string, { type: string; body: string }> = {
  '/assets/dashboard.js': { type: 'text/javascript; charset=utf-8', body: script },
  '/assets/dashboard.css': { type: 'text/css; charset=utf-8', body: style },
  '/assets/icon.svg': { type: 'image/svg+xml', body: icon },
};

const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const asset = (description: string, type: string) => ({
  get: {
    tags: ['dashboard'],
    summary: description,
    responses: { '200': { description, content: { [type]: { schema: { type: 'string' } } } } },
  },
});

/**
 * The dashboard at `/` (after the one-time URL's cookie: the app's security comes first), the
 * live parts the page swaps in on a change, and its three assets.
 */
export function dashboardGroup(ctx: ServerContext): RouteGroup {
  const app = new Hono();
  const render = async (url: string) => dashboardData(ctx.store, ctx.now(), strictQuery(new URL(url).searchParams, FILTERS));
  app.get('/', async (c) => c.html(dashboardPage(await render(c.req.url))));
  app.get('/dashboard/live', async (c) => c.html(liveParts(await render(c.req.url))));
  for (const [path, { type, body }] of Object.entries(ASSETS)) {
    app.get(path, (c) => c.body(body, 200, { 'Content-Type': type }));
  }
  const filters = FILTERS.map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
  const bad = {
    '400': { description: 'A filter not understood.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  };
  return {
    name: 'dashboard',
    routes: app,
    openapi: {
      '/': {
        get: { tags: ['dashboard'], summary: 'The dashboard page.', parameters: filters, responses: { '200': html('The page.'), ...bad } },
      },
      '/dashboard/live': {
        get: {
          tags: ['dashboard'],
          summary: 'The parts of the page that change.',
          parameters: filters,
          responses: { '200': html('HTML parts.'), ...bad },
        },
      },
      '/assets/dashboard.js': asset('The dashboard’s script.', 'text/javascript'),
      '/assets/dashboard.css': asset('The dashboard’s styles.', 'text/css'),
      '/assets/icon.svg': asset('The icon.', 'image/svg+xml'),
    },
  };
}

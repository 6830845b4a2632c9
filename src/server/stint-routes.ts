import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { changeSession, type SessionAction } from '../cli/session-actions.js';
import { invalidInput } from '../core/errors.js';
import { validateLabels } from '../core/labels.js';
import { startSession } from '../core/session.js';
import { sessionJson } from '../render/json.js';
import { ACTIVE } from '../store/store.js';
import { idParam, jsonObject, stringField, type JsonObject } from './body.js';
import type { ServerContext } from './context.js';
import { changeFeed, type ChangeFeed } from './events.js';
import type { RouteGroup } from './route-group.js';
import {
  badgesView,
  jobHistoryView,
  REPORT_QUERY,
  reportView,
  SESSIONS_QUERY,
  sessionsView,
  statsView,
  statusView,
  strictQuery,
} from './stint-data.js';
import { STINT_OPENAPI, STINT_SCHEMAS } from './stint-openapi.js';

/** A comment line on the event stream this often, so a proxy or the browser keeps it open. */
const KEEPALIVE_MS = 15_000;

const queryOf = (c: Context, allowed: readonly string[]) => strictQuery(new URL(c.req.url).searchParams, allowed);

/** `tags`, when given: an array of strings. */
function tagsField(body: JsonObject): string[] | undefined {
  const tags = body.tags;
  if (tags === undefined) return undefined;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string'))
    throw invalidInput('Invalid tags', 'tags must be an array of strings');
  return tags;
}

const ACTIONS: readonly SessionAction[] = ['pause', 'resume', 'stop'];

/**
 * stint's own API under /api/stint: what the CLI prints with --json (stint-data.ts), the plain
 * timer's writes the dashboard's buttons send, and the change stream. Every handler parses its
 * input strictly and calls the same functions as the command.
 */
export function stintGroup(ctx: ServerContext, feed: ChangeFeed = changeFeed(ctx.store)): RouteGroup {
  const app = new Hono();
  const { store } = ctx;

  app.get('/api/stint/status', async (c) => {
    queryOf(c, []);
    return c.json(await statusView(store, ctx.now()));
  });
  app.get('/api/stint/sessions', async (c) => c.json(await sessionsView(store, ctx.now(), queryOf(c, SESSIONS_QUERY))));
  app.get('/api/stint/report', async (c) => c.json(await reportView(store, ctx.now(), queryOf(c, REPORT_QUERY))));
  app.get('/api/stint/stats', async (c) => {
    queryOf(c, []);
    return c.json(await statsView(store, ctx.now()));
  });
  app.get('/api/stint/badges', async (c) => {
    queryOf(c, []);
    return c.json(await badgesView(store, ctx.now()));
  });
  app.get('/api/stint/jobs/:id/history', async (c) => c.json(await jobHistoryView(store, idParam(c, 'job'), queryOf(c, ['limit']))));

  // A plain timer, as `stint start <task> [--tag t] [--note n]`: undoable with `stint undo`.
  app.post('/api/stint/sessions/start', async (c) => {
    const body = await jsonObject(c, ['task', 'tags', 'note']);
    const note = body.note === undefined ? undefined : stringField(body, 'note');
    const { task, tags, note: checked } = validateLabels({ task: stringField(body, 'task'), tag: tagsField(body), note });
    const now = ctx.now();
    const uid = ctx.newUid();
    const session = await store.update(
      ACTIVE,
      (data) => startSession(data, { task, uid, tags, note: checked }, now),
      (s) => `start #${s.id} ${s.task}`,
    );
    return c.json(sessionJson(session, now), 201);
  });

  for (const action of ACTIONS) {
    app.post(`/api/stint/sessions/:id/${action}`, async (c) => {
      const id = idParam(c);
      await jsonObject(c, []);
      const now = ctx.now();
      return c.json(sessionJson(await changeSession(store, id, action, now, now), now));
    });
  }

  // One `change` event per store change, whoever made it; `ready` first, with the revision.
  app.get('/api/stint/events', (c) => {
    queryOf(c, []);
    return streamSSE(c, async (stream) => {
      let close = () => undefined as void;
      const closed = new Promise<void>((resolve) => {
        close = resolve;
      });
      const unsubscribe = feed.subscribe((revision) => {
        void stream.writeSSE({ event: 'change', id: String(revision), data: JSON.stringify({ revision }) });
      });
      const keepalive = setInterval(() => void stream.write(': keepalive\n\n'), KEEPALIVE_MS);
      stream.onAbort(() => close());
      // The first listener's subscribe starts the first read: `ready` waits for its revision.
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ revision: await feed.settled() }) });
      await closed;
      clearInterval(keepalive);
      unsubscribe();
    });
  });

  return { name: 'stint', routes: app, openapi: STINT_OPENAPI, schemas: STINT_SCHEMAS };
}

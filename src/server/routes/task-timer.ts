import { Hono } from 'hono';
import { conflict } from '../../core/errors.js';
import { sessionMatcher } from '../../core/query.js';
import { compareByStart, findSession, removeSessions, startSession, stopSession, STATUSES, type Status } from '../../core/session.js';
import { validateTaskName } from '../../core/task-name.js';
import { invalidInput } from '../../core/errors.js';
import { sessionJson, sessionListJson } from '../../render/json.js';
import { ACTIVE, ALL } from '../../store/store.js';
import { idParam, jsonObject, queryParam, stringField, declaredQueryOnly } from '../body.js';
import { updateSession } from '../../cli/session-actions.js';
import type { ServerContext } from '../context.js';
import { describeHttpError } from '../http-errors.js';
import type { RouteGroup } from '../route-group.js';
import { ERROR, idParameter, json, ref, requestBody, SESSION_SCHEMA } from '../schemas.js';

/**
 * The Task Timer API: independent timers by ID. Its document answers a second stop with 400,
 * where stint's core calls it a conflict (the CLI's exit 4): this group words conflicts as 400.
 */
export function taskTimer(ctx: ServerContext): RouteGroup {
  const routes = new Hono();
  routes.onError((error, c) => {
    const { status, body } = describeHttpError(error);
    return c.json(body, status === 409 ? 400 : status);
  });
  routes.use(declaredQueryOnly(OPENAPI));

  routes.post('/sessions/start', async (c) => {
    const body = await jsonObject(c, ['task_name']);
    const task = validateTaskName(stringField(body, 'task_name'));
    const now = ctx.now();
    const uid = ctx.newUid();
    const session = await ctx.store.update(
      ACTIVE,
      (data) => startSession(data, { task, uid }, now),
      (s) => `start #${s.id} ${s.task}`,
    );
    return c.json(sessionJson(session, now), 201);
  });

  routes.post('/sessions/:id/stop', async (c) => {
    const id = idParam(c);
    await jsonObject(c, []);
    const now = ctx.now();
    const session = await updateSession(ctx.store, id, 'stop', (target) => stopSession(target, now, 'completed'));
    return c.json(sessionJson(session, now));
  });

  routes.get('/sessions', async (c) => {
    const status = statusQuery(queryParam(c, 'status'));
    const now = ctx.now();
    // Running and paused sessions are all in the store's small active part: no history read.
    const active = status === 'running' || status === 'paused';
    const data = await ctx.store.read(active ? ACTIVE : ALL);
    const matches = data.sessions.filter(sessionMatcher({ status }, now)).sort(compareByStart);
    return c.json(sessionListJson(matches, matches.length, now));
  });

  routes.get('/sessions/:id', async (c) => {
    const id = idParam(c);
    const now = ctx.now();
    return c.json(sessionJson(findSession(await ctx.store.read({ kind: 'ids', ids: [id] }), id), now));
  });

  routes.delete('/sessions/:id', async (c) => {
    const id = idParam(c);
    await jsonObject(c, []); // no fields: a body that asks for something is refused, not ignored
    const [removed] = await ctx.store.update(
      { kind: 'ids', ids: [id] },
      (data) => removeSessions(data, [id]),
      (gone) => `rm ${gone.map((s) => `#${s.id} ${s.task}`).join(', ')}`,
    );
    if (!removed) throw conflict('Session not deleted', `Session ${id} was not deleted`);
    return c.json({ message: 'Session deleted successfully', session_id: removed.id, task_name: removed.task });
  });

  return { name: 'Task Timer API', routes, openapi: OPENAPI, schemas: { Session: SESSION_SCHEMA } };
}

function statusQuery(value: string | undefined): Status | undefined {
  if (value === undefined) return undefined;
  if (!(STATUSES as readonly string[]).includes(value)) {
    throw invalidInput('Invalid status', `status must be one of ${STATUSES.join(', ')}`);
  }
  return value as Status;
}

const SESSION = ref('Session');
const tags = ['Task Timer API'];
const notFound = json(ERROR, 'No session with that ID.');
const invalid = json(ERROR, 'Invalid input (a bad ID, body or task name; a second stop).');

const OPENAPI = {
  '/sessions/start': {
    post: {
      tags,
      summary: 'Start a timer for a task.',
      requestBody: requestBody({
        type: 'object',
        required: ['task_name'],
        additionalProperties: false,
        properties: { task_name: { type: 'string', minLength: 3, maxLength: 20, pattern: '^[\\p{L}\\p{M}\\p{Nd}_-]+$' } },
      }),
      responses: { '201': json(SESSION, 'The running session.'), '400': invalid },
    },
  },
  '/sessions/{id}/stop': {
    post: {
      tags,
      summary: 'Stop a running or paused session.',
      parameters: [idParameter()],
      responses: { '200': json(SESSION, 'The stopped session.'), '400': invalid, '404': notFound },
    },
  },
  '/sessions': {
    get: {
      tags,
      summary: 'Every session, oldest first, optionally of one status.',
      parameters: [{ name: 'status', in: 'query', required: false, schema: { enum: [...STATUSES] } }],
      responses: {
        '200': json(
          {
            type: 'object',
            required: ['sessions', 'total'],
            properties: { sessions: { type: 'array', items: SESSION }, total: { type: 'integer' } },
          },
          'The sessions; running ones with their duration so far.',
        ),
        '400': invalid,
      },
    },
  },
  '/sessions/{id}': {
    get: {
      tags,
      summary: 'One session.',
      parameters: [idParameter()],
      responses: { '200': json(SESSION, 'The session.'), '400': invalid, '404': notFound },
    },
    delete: {
      tags,
      summary: 'Delete a session.',
      parameters: [idParameter()],
      responses: {
        '200': json(
          {
            type: 'object',
            required: ['message', 'session_id', 'task_name'],
            properties: { message: { type: 'string' }, session_id: { type: 'integer' }, task_name: { type: 'string' } },
          },
          'Deleted.',
        ),
        '400': invalid,
        '404': notFound,
      },
    },
  },
};

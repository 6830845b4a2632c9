import { STATUSES } from '../core/session.js';
import { REPORT_BY } from '../core/report.js';
import { EXECUTION_STATUSES } from '../core/jobs.js';
import { errorResponseDoc } from './http-errors.js';
import type { OpenApiPaths, OpenApiSchemas } from './route-group.js';

// The OpenAPI part of stint's own routes (stint-routes.ts) and their JSON (the CLI's --json).

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });
const int = { type: 'integer', minimum: 0 };
const str = { type: 'string' };
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
const time = { type: 'string', format: 'date-time' };
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

/** A closed object: every property required, no other. */
const object = (properties: Record<string, unknown>, optional: readonly string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  properties,
});

export const STINT_SCHEMAS: OpenApiSchemas = {
  StintSession: object(
    {
      session_id: { type: 'integer', minimum: 1 },
      task_name: str,
      started_at: time,
      stopped_at: nullable(time),
      duration_seconds: int,
      status: { enum: [...STATUSES] },
      planned_seconds: nullable(int),
      paused_seconds: int,
      tags: { type: 'array', items: str },
      note: nullable(str),
      // Only once synced: the device the session was created on.
      device: str,
    },
    ['device'],
  ),
  StintSessionList: object({ sessions: { type: 'array', items: ref('StintSession') }, total: int }),
  StintStatus: object({
    sessions: { type: 'array', items: ref('StintSession') },
    total: int,
    warnings: { type: 'array', items: object({ session_id: int, message: str }) },
    focus: nullable(object({ session_id: int, planned_seconds: int, remaining_seconds: int, overtime_seconds: int })),
  }),
  StintReport: object(
    {
      from: day,
      to: day,
      by: { enum: [...REPORT_BY] },
      round_seconds: int,
      total_seconds: int,
      rows: { type: 'array', items: object({ name: str, seconds: int, sessions: int }) },
      overlaps: {
        type: 'array',
        items: object({
          task_name: str,
          session_ids: { type: 'array', items: int, minItems: 2, maxItems: 2 },
          overlap_seconds: int,
        }),
      },
    },
    ['round_seconds'],
  ),
  StintStats: object({
    total_sessions: int,
    completed_sessions: int,
    total_seconds: int,
    average_duration_seconds: int,
    completion_rate_percent: { type: 'number', minimum: 0, maximum: 100 },
    current_streak_days: int,
    longest_streak_days: int,
    today_seconds: int,
    daily_goal_seconds: int,
    today_running_seconds: int,
  }),
  StintBadges: object({
    badges: {
      type: 'array',
      items: object({
        id: str,
        name: str,
        description: str,
        earned: { type: 'boolean' },
        earned_at: nullable(time),
        progress: { type: 'number', minimum: 0, maximum: 1 },
      }),
    },
  }),
  StintExecutions: object({
    executions: {
      type: 'array',
      items: object({
        execution_id: int,
        job_id: int,
        status: { enum: [...EXECUTION_STATUSES] },
        started_at: time,
        completed_at: nullable(time),
        result: nullable(str),
        error: nullable(str),
      }),
    },
  }),
};

const param = (name: string, description: string, schema: unknown = str, place = 'query') => ({
  name,
  in: place,
  required: place === 'path',
  description,
  schema,
});
const id = param('id', 'The ID.', { type: 'integer', minimum: 1 }, 'path');
const limit = param('limit', 'The newest n (1–10000).', { type: 'integer', minimum: 1, maximum: 10000 });
const period = [
  param('period', 'The current day, week or month; not with from/to.', { enum: ['day', 'week', 'month'] }),
  param('from', 'First day, included (a date, or any time the CLI takes: yesterday, monday…).'),
  param('to', 'Last day, included.'),
];
const bad = { '400': errorResponseDoc('A parameter not understood, given twice, or unknown.') };

const get = (summary: string, schema: string, parameters: unknown[] = [], more: Record<string, unknown> = {}) => ({
  get: { tags: ['stint'], summary, parameters, responses: { '200': json(summary, ref(schema)), ...bad, ...more } },
});

const write = (summary: string, status: string, requestBody?: unknown) => ({
  post: {
    tags: ['stint'],
    summary,
    parameters: status === '201' ? [] : [id],
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [status]: json('The session after the change.', ref('StintSession')),
      '400': errorResponseDoc('A body or ID not understood.'),
      ...(status === '201' ? {} : { '404': errorResponseDoc('No such session.') }),
      '409': errorResponseDoc('The session cannot do that now (already stopped, not paused…).'),
    },
  },
});

export const STINT_OPENAPI: OpenApiPaths = {
  '/api/stint/status': get('The running and paused sessions (`stint status --json`).', 'StintStatus'),
  '/api/stint/sessions': get('Sessions, oldest first, filtered (`stint list --json`).', 'StintSessionList', [
    ...period,
    param('task', 'Only this task (any case).'),
    param('tag', 'Only sessions with this tag.'),
    param('status', 'Only sessions in this state.', { enum: [...STATUSES] }),
    limit,
  ]),
  '/api/stint/report': get('Totals for a period, today by default (`stint report --json`).', 'StintReport', [
    ...period,
    param('by', 'Rows by task (default), tag or day.', { enum: [...REPORT_BY] }),
  ]),
  '/api/stint/stats': get('Totals, streaks and today against the goal (`stint stats --json`).', 'StintStats'),
  '/api/stint/badges': get('Every badge, earned or how far along (`stint badges --json`).', 'StintBadges'),
  '/api/stint/jobs/{id}/history': get(
    'A job’s newest executions, newest first (`stint jobs history --json`).',
    'StintExecutions',
    [id, limit],
    {
      '404': errorResponseDoc('No such job.'),
    },
  ),
  '/api/stint/sessions/start': write('Starts a plain timer (`stint start`).', '201', {
    required: true,
    content: {
      'application/json': {
        schema: object({ task: str, tags: { type: 'array', items: str }, note: str }, ['tags', 'note']),
      },
    },
  }),
  '/api/stint/sessions/{id}/pause': write('Pauses a running session (`stint pause <id>`).', '200'),
  '/api/stint/sessions/{id}/resume': write('Resumes a paused session (`stint resume <id>`).', '200'),
  '/api/stint/sessions/{id}/stop': write('Stops a session as completed (`stint stop <id>`).', '200'),
  '/api/stint/events': {
    get: {
      tags: ['stint'],
      summary: 'Server-sent events: `ready` with the revision, then one `change` per store change, the CLI’s included.',
      responses: {
        '200': { description: 'An event stream; each data line is `{"revision": n}`.', content: { 'text/event-stream': { schema: str } } },
        ...bad,
      },
    },
  },
};

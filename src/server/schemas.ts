import { STATUSES } from '../core/session.js';

// OpenAPI pieces several groups use.

const nullable = (type: string) => ({ type: [type, 'null'] });
const instant = { type: 'string', format: 'date-time' } as const;

/** stint's JSON view of a session (render/json.ts sessionJson): the Task Timer API's names. */
export const SESSION_SCHEMA = {
  type: 'object',
  required: ['session_id', 'task_name', 'started_at', 'stopped_at', 'duration_seconds', 'status'],
  properties: {
    session_id: { type: 'integer', minimum: 1 },
    task_name: { type: 'string' },
    started_at: instant,
    stopped_at: { anyOf: [instant, { type: 'null' }] },
    duration_seconds: { type: 'integer', minimum: 0 },
    status: { enum: [...STATUSES] },
    planned_seconds: nullable('integer'),
    paused_seconds: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' } },
    note: nullable('string'),
    /** Only once synced: the device the session was created on. */
    device: { type: 'string' },
  },
} as const;

export const json = (schema: unknown, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const ERROR = ref('Error');

/** A path parameter that is an ID. */
export const idParameter = (name = 'id') => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
});

/** A JSON request body. */
export const requestBody = (schema: unknown, required = true) => ({ required, content: { 'application/json': { schema } } });

import { ENVELOPE_ERROR, envelopeSchema } from '../envelope.js';
import { idParameter, json, ref, requestBody } from '../schemas.js';

const instant = { type: 'string', format: 'date-time' };

export const FOCUS_SCHEMA = {
  type: 'object',
  required: ['id', 'user_id', 'duration_seconds', 'elapsed_seconds', 'status', 'started_at', 'ended_at'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    user_id: { const: 1 },
    task_name: { type: 'string' },
    duration_seconds: { type: ['integer', 'null'], description: 'The planned duration (null for a plain timer).' },
    elapsed_seconds: { type: 'integer', minimum: 0 },
    status: { enum: ['active', 'paused', 'completed', 'abandoned'] },
    started_at: instant,
    ended_at: { anyOf: [instant, { type: 'null' }] },
  },
};

const tags = ['Focus Session Flow'];
const FOCUS = ref('FocusSession');
const error = (description: string) => json(ENVELOPE_ERROR, description);
const one = (description: string) => json(envelopeSchema(FOCUS), description);
const elapsed = { type: 'integer', minimum: 0, maximum: 86_400 };
const common = { '400': error('Invalid input.'), '404': error('No session with that ID.'), '409': error('Not in a state for this.') };

export const FOCUS_OPENAPI = {
  '/api/v1/sessions': {
    post: {
      tags,
      summary: 'Start a focus session (one at a time).',
      requestBody: requestBody({
        type: 'object',
        required: ['duration_seconds'],
        additionalProperties: false,
        properties: { duration_seconds: { type: 'integer', minimum: 60, maximum: 86_400 }, task_name: { type: 'string' } },
      }),
      responses: { '201': one('Started.'), '400': common['400'], '409': error('A focus session is already active or paused.') },
    },
    get: {
      tags,
      summary: 'Every focus session, newest first.',
      responses: { '200': json(envelopeSchema({ type: 'array', items: FOCUS }), 'The history.'), '400': common['400'] },
    },
  },
  '/api/v1/sessions/active': {
    get: {
      tags,
      summary: 'The active or paused focus session, or null.',
      responses: { '200': json(envelopeSchema({ anyOf: [FOCUS, { type: 'null' }] }), 'The session or null.'), '400': common['400'] },
    },
  },
  '/api/v1/sessions/{id}/pause': {
    patch: {
      tags,
      summary: 'Pause, recording the client’s elapsed seconds.',
      parameters: [idParameter()],
      requestBody: requestBody(
        { type: 'object', additionalProperties: false, properties: { elapsed_seconds: elapsed, status: { const: 'paused' } } },
        false,
      ),
      responses: { '200': one('Paused.'), ...common },
    },
  },
  '/api/v1/sessions/{id}/resume': {
    patch: {
      tags,
      summary: 'Resume a paused session.',
      parameters: [idParameter()],
      responses: { '200': one('Running again.'), ...common },
    },
  },
  '/api/v1/sessions/{id}/end': {
    patch: {
      tags,
      summary: 'End as completed or abandoned, recording the client’s elapsed seconds.',
      parameters: [idParameter()],
      requestBody: requestBody({
        type: 'object',
        required: ['status'],
        additionalProperties: false,
        properties: { elapsed_seconds: elapsed, status: { enum: ['completed', 'abandoned'] } },
      }),
      responses: { '200': one('Ended.'), ...common },
    },
  },
};

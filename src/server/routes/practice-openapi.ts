import { ERROR, idParameter, json, ref, requestBody } from '../schemas.js';

const instant = { type: 'string', format: 'date-time' };
const seconds = { type: 'integer', minimum: 0, maximum: 14_400 };

export const PRACTICE_SCHEMA = {
  type: 'object',
  required: ['session_id', 'user_id', 'sequence_id', 'started_at', 'completed_at', 'duration_seconds', 'completion_status'],
  properties: {
    session_id: { type: 'integer', minimum: 1 },
    user_id: { const: 1 },
    sequence_id: { type: ['integer', 'null'] },
    started_at: instant,
    completed_at: { anyOf: [instant, { type: 'null' }] },
    duration_seconds: { type: 'integer', minimum: 0 },
    completion_status: { enum: ['completed', 'partial', 'abandoned'] },
  },
};

const tags = ['Practice Session API'];
const PRACTICE = ref('PracticeSession');
const errors = {
  '404': json(ERROR, 'No session with that ID.'),
  '409': json(ERROR, 'The session was already completed.'),
  '422': json(ERROR, 'Invalid input (FastAPI’s status for it).'),
};

export const PRACTICE_OPENAPI = {
  '/api/v1/sessions/start': {
    post: {
      tags,
      summary: 'Start a practice (free, or of a sequence).',
      requestBody: requestBody(
        { type: 'object', additionalProperties: false, properties: { sequence_id: { type: ['integer', 'null'], minimum: 1 } } },
        false,
      ),
      responses: { '201': json(PRACTICE, 'Started.'), '422': errors['422'] },
    },
  },
  '/api/v1/sessions/complete': {
    post: {
      tags,
      summary: 'Complete a practice with its duration; answers with the statistics.',
      requestBody: requestBody({
        type: 'object',
        required: ['session_id', 'duration_seconds', 'completion_status'],
        additionalProperties: false,
        properties: {
          session_id: { type: 'integer', minimum: 1 },
          duration_seconds: seconds,
          poses_completed: { type: 'integer', minimum: 0 },
          completion_status: { enum: ['completed', 'partial', 'abandoned'] },
        },
      }),
      responses: {
        '200': json(
          {
            allOf: [
              PRACTICE,
              {
                type: 'object',
                required: ['statistics'],
                properties: {
                  statistics: {
                    type: 'object',
                    required: ['total_sessions', 'total_practice_time_seconds', 'average_duration_seconds', 'completion_rate_percent'],
                    properties: {
                      total_sessions: { type: 'integer' },
                      total_practice_time_seconds: { type: 'integer' },
                      average_duration_seconds: { type: 'number' },
                      completion_rate_percent: { type: 'number' },
                    },
                  },
                },
              },
            ],
          },
          'Completed, with the statistics of `stint stats`.',
        ),
        ...errors,
      },
    },
  },
  '/api/v1/sessions/{id}/pause': {
    put: {
      tags,
      summary: 'Record the duration so far and pause.',
      parameters: [idParameter()],
      requestBody: requestBody({
        type: 'object',
        required: ['duration_so_far'],
        additionalProperties: false,
        properties: { duration_so_far: seconds },
      }),
      responses: {
        '200': json(
          {
            type: 'object',
            required: ['session_id', 'duration_seconds', 'completion_status'],
            properties: {
              session_id: { type: 'integer' },
              duration_seconds: { type: 'integer' },
              completion_status: { const: 'abandoned' },
            },
          },
          'Paused.',
        ),
        ...errors,
      },
    },
  },
  '/api/v1/sessions/current': {
    get: {
      tags,
      summary: 'The most recently started running or paused session.',
      responses: { '200': json(PRACTICE, 'The session.'), '404': json(ERROR, 'No running or paused session.'), '422': errors['422'] },
    },
  },
};

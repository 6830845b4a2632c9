import { ENVELOPE_ERROR, envelopeSchema } from '../envelope.js';
import { json, ref, requestBody } from '../schemas.js';

const instant = { type: 'string', format: 'date-time' };
const maybeInstant = { anyOf: [instant, { type: 'null' }] };
const taskType = { enum: ['file_cleanup', 'data_summary', 'data_backup'] };
const config = { type: 'object', additionalProperties: { type: ['string', 'integer'] } };
const id = { type: 'string', pattern: '^[1-9][0-9]*$' };

const TASK = {
  type: 'object',
  required: ['task_id', 'name', 'task_type', 'schedule', 'enabled', 'created_at', 'last_run'],
  properties: {
    task_id: id,
    name: { type: 'string' },
    task_type: taskType,
    schedule: { type: 'string' },
    enabled: { type: 'boolean' },
    created_at: instant,
    last_run: maybeInstant,
  },
};

const EXECUTION = {
  type: 'object',
  required: ['execution_id', 'task_id', 'status', 'started_at'],
  properties: {
    execution_id: id,
    task_id: id,
    status: { enum: ['running', 'completed', 'failed'] },
    started_at: instant,
    completed_at: maybeInstant,
    result: { anyOf: [{ type: 'object', properties: { summary: { type: 'string' } } }, { type: 'null' }] },
    error: { type: ['string', 'null'] },
  },
};

export const TASK_SCHEMAS = { Task: TASK, TaskExecution: EXECUTION };

const tags = ['Timer4Tasker'];
const error = (description: string) => json(ENVELOPE_ERROR, description);
const bad = error('Invalid input (also a name already taken).');
const missing = error('No task with that ID.');
const taskId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const data = (schema: unknown, description: string) => json(envelopeSchema(schema), description);
const query = (name: string, schema: unknown) => ({ name, in: 'query', required: false, schema });

export const TASKS_OPENAPI = {
  '/api/v1/tasks': {
    post: {
      tags,
      summary: 'Create a scheduled task (a stint job).',
      requestBody: requestBody({
        type: 'object',
        required: ['name', 'task_type', 'schedule'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          description: { type: 'string' },
          task_type: taskType,
          schedule: { type: 'string' },
          config,
          enabled: { type: 'boolean' },
        },
      }),
      responses: {
        '201': data(
          { type: 'object', required: ['task_id', 'name', 'task_type', 'schedule', 'enabled', 'created_at'], properties: TASK.properties },
          'Created.',
        ),
        '400': bad,
      },
    },
    get: {
      tags,
      summary: 'The tasks, filtered and a page at a time.',
      parameters: [
        query('task_type', taskType),
        query('enabled', { enum: ['true', 'false'] }),
        query('page', { type: 'integer', minimum: 1 }),
        query('page_size', { type: 'integer', minimum: 1, maximum: 1000 }),
      ],
      responses: {
        '200': data(
          {
            type: 'object',
            required: ['tasks', 'total', 'page', 'page_size'],
            properties: {
              tasks: { type: 'array', items: ref('Task') },
              total: { type: 'integer' },
              page: { type: 'integer' },
              page_size: { type: 'integer' },
            },
          },
          'A page of tasks.',
        ),
        '400': bad,
      },
    },
  },
  '/api/v1/tasks/{id}': {
    get: {
      tags,
      summary: 'One task in full.',
      parameters: [taskId],
      responses: {
        '200': data(
          {
            allOf: [
              ref('Task'),
              {
                type: 'object',
                required: ['description', 'config', 'updated_at', 'next_run'],
                properties: { description: { type: ['string', 'null'] }, config, updated_at: instant, next_run: maybeInstant },
              },
            ],
          },
          'The task.',
        ),
        '400': bad,
        '404': missing,
      },
    },
    put: {
      tags,
      summary: 'Change a task; a config given replaces the stored one.',
      parameters: [taskId],
      requestBody: requestBody({
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          description: { type: 'string' },
          schedule: { type: 'string' },
          config,
          enabled: { type: 'boolean' },
        },
      }),
      responses: {
        '200': data(
          {
            type: 'object',
            required: ['task_id', 'name', 'task_type', 'schedule', 'enabled', 'updated_at'],
            properties: { ...TASK.properties, updated_at: instant },
          },
          'Changed.',
        ),
        '400': bad,
        '404': missing,
      },
    },
    delete: {
      tags,
      summary: 'Delete a task and its executions.',
      parameters: [taskId],
      responses: {
        '200': json(
          { type: 'object', required: ['success', 'message'], properties: { success: { const: true }, message: { type: 'string' } } },
          'Deleted.',
        ),
        '400': bad,
        '404': missing,
      },
    },
  },
  '/api/v1/tasks/{id}/toggle': {
    post: {
      tags,
      summary: 'Enable or disable a task.',
      parameters: [taskId],
      requestBody: requestBody({
        type: 'object',
        required: ['enabled'],
        additionalProperties: false,
        properties: { enabled: { type: 'boolean' } },
      }),
      responses: {
        '200': data(
          { type: 'object', required: ['task_id', 'enabled'], properties: { task_id: id, enabled: { type: 'boolean' } } },
          'Toggled.',
        ),
        '400': bad,
        '404': missing,
      },
    },
  },
  '/api/v1/tasks/{id}/execute': {
    post: {
      tags,
      summary: 'Run a task now; answers when it has finished.',
      parameters: [taskId],
      responses: {
        '200': data(
          { type: 'object', required: ['execution_id', 'task_id', 'status', 'started_at'], properties: EXECUTION.properties },
          'The execution.',
        ),
        '400': bad,
        '404': missing,
      },
    },
  },
  '/api/v1/tasks/{id}/executions': {
    get: {
      tags,
      summary: 'A task’s executions, newest first.',
      parameters: [taskId, query('limit', { type: 'integer', minimum: 1, maximum: 1000 })],
      responses: {
        '200': data(
          { type: 'object', required: ['executions'], properties: { executions: { type: 'array', items: ref('TaskExecution') } } },
          'Executions.',
        ),
        '400': bad,
        '404': missing,
      },
    },
  },
  '/api/v1/stats': {
    get: {
      tags,
      summary: 'Tasks and executions counted.',
      responses: {
        '200': data(
          {
            type: 'object',
            required: ['total_tasks', 'active_tasks', 'total_executions', 'successful_executions', 'failed_executions'],
            properties: Object.fromEntries(
              ['total_tasks', 'active_tasks', 'total_executions', 'successful_executions', 'failed_executions'].map((k) => [
                k,
                { type: 'integer' },
              ]),
            ),
          },
          'The counts.',
        ),
        '400': bad,
      },
    },
  },
};

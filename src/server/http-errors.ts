import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StintError, type ErrorCode } from '../core/errors.js';

/** The documents' common error shape: `{"error": <title>, "message": <sentence>}`. */
export interface ErrorBody {
  error: string;
  message: string;
}

export const ERROR_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  store: 500,
};

/** A thrown error as a status and the error shape; what is not a StintError is a bug (500). */
export function describeHttpError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof StintError) {
    return { status: ERROR_STATUS[error.code], body: { error: error.title, message: error.message } };
  }
  return { status: 500, body: { error: 'Internal error', message: 'The server failed; this is a bug in stint' } };
}

/** The default error handler: a group whose document words errors otherwise sets its own. */
export function errorResponse(error: unknown, c: Context): Response {
  const { status, body } = describeHttpError(error);
  return c.json(body, status);
}

/** The OpenAPI schema of ErrorBody, for the groups' error responses. */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

/** An OpenAPI response of the error shape. */
export const errorResponseDoc = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

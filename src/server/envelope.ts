import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeHttpError } from './http-errors.js';

// The Focus Session Flow and Timer4Tasker wrap every answer: `{"success", "message", "data"}`.

export const ok = (c: Context, data: unknown, message?: string, status: ContentfulStatusCode = 200) =>
  c.json(message === undefined ? { success: true, data } : { success: true, message, data }, status);

/** Errors in the envelope: `{"success": false, "error", "message"}`, the status the core's code gives. */
export const envelopeErrors: ErrorHandler = (error, c) => {
  const { status, body } = describeHttpError(error);
  return c.json({ success: false, ...body }, status);
};

/** The envelope's OpenAPI schema around `data`. */
export const envelopeSchema = (data: unknown) => ({
  type: 'object',
  required: ['success', 'data'],
  properties: { success: { const: true }, message: { type: 'string' }, data },
});

export const ENVELOPE_ERROR = {
  type: 'object',
  required: ['success', 'error', 'message'],
  properties: { success: { const: false }, error: { type: 'string' }, message: { type: 'string' } },
};

import { Hono } from 'hono';
import { anchorElapsed } from '../../core/client-elapsed.js';
import { invalidInput } from '../../core/errors.js';
import {
  activeFocus,
  assertNoActiveFocus,
  compareByStart,
  durationSeconds,
  pauseSession,
  resumeSession,
  startSession,
  stopSession,
  type Session,
} from '../../core/session.js';
import { validateTaskName } from '../../core/task-name.js';
import { ACTIVE, ALL } from '../../store/store.js';
import { idParam, integerField, jsonObject, stringField, type JsonObject, declaredQueryOnly } from '../body.js';
import { updateSession } from '../../cli/session-actions.js';
import type { ServerContext } from '../context.js';
import { envelopeErrors, ok } from '../envelope.js';
import { FOCUS_OPENAPI, FOCUS_SCHEMA } from './focus-openapi.js';

/** The document's custom range of planned durations: 60 s to 24 h, as `start --for`. */
export const PLANNED = { min: 60, max: 86_400 } as const;

/** The document's four statuses; stint's `partial` (not reachable from this API) reads as abandoned. */
const focusStatus = (session: Session) =>
  session.status === 'running' ? 'active' : session.status === 'partial' ? 'abandoned' : session.status;

export function focusJson(session: Session, now: Date) {
  return {
    id: session.id,
    user_id: 1,
    task_name: session.task,
    duration_seconds: session.planned_seconds,
    elapsed_seconds: durationSeconds(session, now),
    status: focusStatus(session),
    started_at: session.started_at,
    ended_at: session.stopped_at,
  };
}

const elapsed = (body: JsonObject) => integerField(body, 'elapsed_seconds', 0, PLANNED.max);

/**
 * The Focus Session Flow: one focus session (a session with a planned duration) at a time, its
 * timer on the client. The client's `elapsed_seconds` on pause and end is what is recorded
 * (anchorElapsed). Streak, progress and badges are derived from the sessions, so the end
 * needs no side effect: `stint stats`, `badges` and stint's own API show them at once.
 */
export function focusSessions(ctx: ServerContext) {
  const routes = new Hono();
  routes.onError(envelopeErrors);
  routes.use(declaredQueryOnly(FOCUS_OPENAPI));

  routes.post('/api/v1/sessions', async (c) => {
    const body = await jsonObject(c, ['duration_seconds', 'task_name']);
    const planned = integerField(body, 'duration_seconds', PLANNED.min, PLANNED.max, true);
    const task = body.task_name === undefined ? 'focus' : validateTaskName(stringField(body, 'task_name'));
    const now = ctx.now();
    const uid = ctx.newUid();
    const session = await ctx.store.update(
      ACTIVE,
      (data) => {
        assertNoActiveFocus(data);
        return startSession(data, { task, uid, plannedSeconds: planned }, now);
      },
      (s) => `start #${s.id} ${s.task}`,
    );
    return ok(c, focusJson(session, now), 'focus session started', 201);
  });

  routes.get('/api/v1/sessions/active', async (c) => {
    const focus = activeFocus(await ctx.store.read(ACTIVE));
    return ok(c, focus ? focusJson(focus, ctx.now()) : null);
  });

  routes.patch('/api/v1/sessions/:id/pause', async (c) => {
    const id = idParam(c);
    const body = await jsonObject(c, ['elapsed_seconds', 'status']);
    if (body.status !== undefined && body.status !== 'paused') throw invalidInput('Invalid status', 'status must be "paused"');
    const seconds = elapsed(body);
    const now = ctx.now();
    const session = await updateSession(ctx.store, id, 'pause', (target) => {
      if (target.status === 'running' && seconds !== undefined) anchorElapsed(target, seconds, now);
      return pauseSession(target, now);
    });
    return ok(c, focusJson(session, now), 'focus session paused');
  });

  routes.patch('/api/v1/sessions/:id/resume', async (c) => {
    const id = idParam(c);
    await jsonObject(c, []);
    const now = ctx.now();
    const session = await updateSession(ctx.store, id, 'resume', (target) => resumeSession(target, now));
    return ok(c, focusJson(session, now), 'focus session resumed');
  });

  routes.patch('/api/v1/sessions/:id/end', async (c) => {
    const id = idParam(c);
    const body = await jsonObject(c, ['elapsed_seconds', 'status']);
    if (body.status !== 'completed' && body.status !== 'abandoned') {
      throw invalidInput('Invalid status', 'status must be "completed" or "abandoned"');
    }
    const outcome = body.status;
    const seconds = elapsed(body);
    const now = ctx.now();
    const session = await updateSession(ctx.store, id, 'stop', (target) => {
      if (seconds !== undefined) anchorElapsed(target, seconds, now);
      return stopSession(target, now, outcome);
    });
    return ok(c, focusJson(session, now), `focus session ${outcome}`);
  });

  routes.get('/api/v1/sessions', async (c) => {
    const now = ctx.now();
    const focus = (await ctx.store.read(ALL)).sessions.filter((s) => s.planned_seconds !== null).sort(compareByStart);
    return ok(
      c,
      focus.reverse().map((s) => focusJson(s, now)),
    );
  });

  return { name: 'Focus Session Flow', routes, openapi: FOCUS_OPENAPI, schemas: { FocusSession: FOCUS_SCHEMA } };
}

import { Hono } from 'hono';
import { anchorElapsed } from '../../core/client-elapsed.js';
import { dayNumber } from '../../core/days.js';
import { invalidInput, notFound } from '../../core/errors.js';
import { historyStats } from '../../core/progress.js';
import {
  activeSessions,
  compareByStart,
  durationSeconds,
  pauseSession,
  startSession,
  stopSession,
  type Session,
} from '../../core/session.js';
import { historyFor } from '../../cli/history.js';
import { ACTIVE } from '../../store/store.js';
import { idParam, integerField, jsonObject, declaredQueryOnly } from '../body.js';
import { updateSession } from '../../cli/session-actions.js';
import type { ServerContext } from '../context.js';
import { describeHttpError } from '../http-errors.js';
import { PRACTICE_OPENAPI, PRACTICE_SCHEMA } from './practice-openapi.js';

/** The document's limit on a practice's duration: 4 hours. */
export const PRACTICE_MAX_SECONDS = 14_400;
const OUTCOMES = ['completed', 'partial', 'abandoned'] as const;
/** A guided practice's sequence is kept as a tag on the session: `sequence-123`. */
const SEQUENCE_TAG = /^sequence-(\d+)$/;

export function practiceJson(session: Session, now: Date) {
  const sequence = session.tags.map((t) => SEQUENCE_TAG.exec(t)?.[1]).find((id) => id !== undefined);
  return {
    session_id: session.id,
    user_id: 1,
    sequence_id: sequence === undefined ? null : Number(sequence),
    started_at: session.started_at,
    completed_at: session.stopped_at,
    duration_seconds: durationSeconds(session, now),
    // The document's sessions read "abandoned" until they are completed.
    completion_status: session.status === 'running' || session.status === 'paused' ? 'abandoned' : session.status,
  };
}

/**
 * The Practice Session API (a FastAPI service): validation errors are 422 as FastAPI answers
 * them; the client's duration on pause and completion is what is recorded (anchorElapsed);
 * the statistics after completion are `stint stats`'s own figures.
 */
export function practiceSessions(ctx: ServerContext) {
  const routes = new Hono();
  routes.onError((error, c) => {
    const { status, body } = describeHttpError(error);
    return c.json(body, status === 400 ? 422 : status);
  });
  routes.use(declaredQueryOnly(PRACTICE_OPENAPI));

  routes.post('/api/v1/sessions/start', async (c) => {
    const body = await jsonObject(c, ['sequence_id']);
    const sequence = body.sequence_id === null ? undefined : integerField(body, 'sequence_id', 1, Number.MAX_SAFE_INTEGER);
    const now = ctx.now();
    const uid = ctx.newUid();
    const tags = sequence === undefined ? [] : [`sequence-${sequence}`];
    const session = await ctx.store.update(
      ACTIVE,
      (data) => startSession(data, { task: 'practice', uid, tags }, now),
      (s) => `start #${s.id} ${s.task}`,
    );
    return c.json(practiceJson(session, now), 201);
  });

  routes.post('/api/v1/sessions/complete', async (c) => {
    const body = await jsonObject(c, ['session_id', 'duration_seconds', 'poses_completed', 'completion_status']);
    const id = integerField(body, 'session_id', 1, Number.MAX_SAFE_INTEGER, true);
    const seconds = integerField(body, 'duration_seconds', 0, PRACTICE_MAX_SECONDS, true);
    integerField(body, 'poses_completed', 0, 100_000);
    const outcome = OUTCOMES.find((o) => o === body.completion_status);
    if (outcome === undefined) throw invalidInput('Invalid completion_status', `completion_status must be one of ${OUTCOMES.join(', ')}`);
    const now = ctx.now();
    const session = await updateSession(ctx.store, id, 'stop', (target) => {
      anchorElapsed(target, seconds, now);
      return stopSession(target, now, outcome);
    });
    const today = dayNumber(now.getTime());
    const { settled, recent } = await historyFor(ctx.store, (await ctx.store.config.read()).daily_goal_seconds, today, [session]);
    const stats = historyStats(settled, recent, today);
    return c.json({
      ...practiceJson(session, now),
      statistics: {
        total_sessions: stats.total_sessions,
        total_practice_time_seconds: stats.total_seconds,
        average_duration_seconds: stats.average_duration_seconds,
        completion_rate_percent: stats.completion_rate_percent,
      },
    });
  });

  routes.put('/api/v1/sessions/:id/pause', async (c) => {
    const id = idParam(c);
    const body = await jsonObject(c, ['duration_so_far']);
    const seconds = integerField(body, 'duration_so_far', 0, PRACTICE_MAX_SECONDS, true);
    const now = ctx.now();
    const session = await updateSession(ctx.store, id, 'pause', (target) => {
      anchorElapsed(target, seconds, now);
      // Pausing twice only records the new duration.
      return target.status === 'running' ? pauseSession(target, now) : target;
    });
    const { session_id, duration_seconds, completion_status } = practiceJson(session, now);
    return c.json({ session_id, duration_seconds, completion_status });
  });

  routes.get('/api/v1/sessions/current', async (c) => {
    const latest = activeSessions(await ctx.store.read(ACTIVE))
      .sort(compareByStart)
      .at(-1);
    if (!latest) throw notFound('No active session', 'There is no running or paused session');
    return c.json(practiceJson(latest, ctx.now()));
  });

  return { name: 'Practice Session API', routes, openapi: PRACTICE_OPENAPI, schemas: { PracticeSession: PRACTICE_SCHEMA } };
}

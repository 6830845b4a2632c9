import { describe, expect, test } from 'vitest';
import { anchorElapsed } from '../../src/core/client-elapsed.js';
import { durationSeconds, pauseSession, resumeSession, stopSession } from '../../src/core/session.js';
import { makeSession } from '../helpers/factories.js';

const at = (iso: string) => new Date(iso);
const running = () => makeSession({ started_at: '2026-01-15T10:00:00Z', stopped_at: null, status: 'running' });

describe('anchorElapsed: the client’s elapsed seconds become the recorded time', () => {
  test.each([
    ['more than the clock saw (the start moves back)', 1500, '2026-01-15T09:50:00Z'],
    ['less than the clock saw (the app slept)', 60, '2026-01-15T10:14:00Z'],
    ['exactly the clock', 900, '2026-01-15T10:00:00Z'],
    ['zero', 0, '2026-01-15T10:15:00Z'],
  ])('%s', (_name, elapsed, start) => {
    const session = running();
    const now = at('2026-01-15T10:15:00Z');
    expect(anchorElapsed(session, elapsed, now)).toBe(elapsed);
    expect(session.started_at).toBe(start);
    expect(durationSeconds(session, now)).toBe(elapsed);
    stopSession(session, now);
    expect(durationSeconds(session, now)).toBe(elapsed);
  });

  test('with pauses, the pauses keep their times and do not count', () => {
    const session = running();
    pauseSession(session, at('2026-01-15T10:10:00Z'));
    resumeSession(session, at('2026-01-15T10:20:00Z'));
    const now = at('2026-01-15T10:30:00Z');
    expect(anchorElapsed(session, 1800, now)).toBe(1800);
    expect(session.started_at).toBe('2026-01-15T09:50:00Z');
    expect(session.pauses[0]).toEqual({ started_at: '2026-01-15T10:10:00Z', ended_at: '2026-01-15T10:20:00Z' });
    expect(durationSeconds(session, now)).toBe(1800);
  });

  test('the start never passes the first pause: at least what ran after it is recorded', () => {
    const session = running();
    pauseSession(session, at('2026-01-15T10:10:00Z'));
    resumeSession(session, at('2026-01-15T10:20:00Z'));
    const now = at('2026-01-15T10:30:00Z');
    expect(anchorElapsed(session, 60, now)).toBe(600);
    expect(session.started_at).toBe('2026-01-15T10:10:00Z');
  });

  test('a stopped session is a conflict', () => {
    const session = makeSession({ started_at: '2026-01-15T10:00:00Z', stopped_at: '2026-01-15T10:10:00Z', status: 'completed' });
    expect(() => anchorElapsed(session, 5, at('2026-01-15T10:30:00Z'))).toThrow('Session 1 was already stopped');
  });
});

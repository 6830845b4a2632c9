import { describe, expect, test } from 'vitest';
import {
  durationSeconds,
  emptyTrackerData,
  findSession,
  pausedSeconds,
  removeSessions,
  soleSessionFor,
  startSession,
  stopSession,
} from '../../src/core/session.js';
import { at, makeData, makeSession } from '../helpers/factories.js';

describe('startSession', () => {
  test('takes IDs from the counter and advances it', () => {
    const data = emptyTrackerData();
    const a = startSession(data, { task: 'coding', uid: 'u1' }, at('2026-01-15T13:30:00.900Z'));
    const b = startSession(data, { task: 'reading', uid: 'u2' }, at('2026-01-15T13:31:00Z'));
    expect([a.id, b.id, data.next_id]).toEqual([1, 2, 3]);
    expect(a).toMatchObject({
      status: 'running',
      started_at: '2026-01-15T13:30:00Z', // whole seconds
      stopped_at: null,
      uid: 'u1',
      updated_at: '2026-01-15T13:30:00Z',
    });
  });

  test('never reuses an ID after the newest session is removed', () => {
    const data = emptyTrackerData();
    startSession(data, { task: 'coding', uid: 'u1' }, at('2026-01-15T13:30:00Z'));
    const second = startSession(data, { task: 'coding', uid: 'u2' }, at('2026-01-15T13:31:00Z'));
    removeSessions(data, [second.id]);
    const third = startSession(data, { task: 'coding', uid: 'u3' }, at('2026-01-15T13:32:00Z'));
    expect(third.id).toBe(3);
  });
});

describe('durations with a fixed clock', () => {
  test('running: live up to now', () => {
    const s = makeSession({ started_at: '2026-01-15T13:30:00Z', stopped_at: null, status: 'running' });
    expect(durationSeconds(s, at('2026-01-15T14:45:00Z'))).toBe(4500);
    expect(durationSeconds(s, at('2026-01-15T14:45:00.999Z'))).toBe(4500);
  });

  test('stopped: fixed, whatever now is', () => {
    const s = makeSession({ started_at: '2026-01-15T13:00:00Z', stopped_at: '2026-01-15T14:15:30Z' });
    expect(durationSeconds(s, at('2030-01-01T00:00:00Z'))).toBe(4530);
  });

  test('pauses are excluded, an open pause counts up to now', () => {
    const s = makeSession({
      started_at: '2026-01-15T13:00:00Z',
      stopped_at: null,
      status: 'paused',
      pauses: [
        { started_at: '2026-01-15T13:10:00Z', ended_at: '2026-01-15T13:20:00Z' },
        { started_at: '2026-01-15T13:50:00Z', ended_at: null },
      ],
    });
    const now = at('2026-01-15T14:00:00Z');
    expect(pausedSeconds(s, now)).toBe(600 + 600);
    expect(durationSeconds(s, now)).toBe(3600 - 1200);
  });

  test('never negative, even when the clock is behind the start', () => {
    const s = makeSession({ started_at: '2026-01-15T13:00:00Z', stopped_at: null, status: 'running' });
    expect(durationSeconds(s, at('2026-01-15T12:00:00Z'))).toBe(0);
  });
});

describe('stopSession', () => {
  test('running → completed at now, with the duration', () => {
    const s = makeSession({ started_at: '2026-01-15T13:30:00Z', stopped_at: null, status: 'running' });
    stopSession(s, at('2026-01-15T14:45:00Z'));
    expect(s).toMatchObject({ status: 'completed', stopped_at: '2026-01-15T14:45:00Z', updated_at: '2026-01-15T14:45:00Z' });
    expect(durationSeconds(s, at('2026-01-16T00:00:00Z'))).toBe(4500);
  });

  test('paused → stopped closes the open pause', () => {
    const s = makeSession({
      started_at: '2026-01-15T13:00:00Z',
      stopped_at: null,
      status: 'paused',
      pauses: [{ started_at: '2026-01-15T13:30:00Z', ended_at: null }],
    });
    stopSession(s, at('2026-01-15T14:00:00Z'), 'partial');
    expect(s.status).toBe('partial');
    expect(s.pauses[0]?.ended_at).toBe('2026-01-15T14:00:00Z');
    expect(durationSeconds(s, at('2026-01-15T15:00:00Z'))).toBe(1800);
  });

  test.each(['completed', 'partial', 'abandoned'] as const)('an ended (%s) session cannot stop again', (status) => {
    const s = makeSession({ id: 1, status });
    expect(() => stopSession(s, at('2026-01-15T15:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'conflict', title: 'Session already stopped', message: 'Session 1 was already stopped' }),
    );
  });

  test('a stop before the start is refused and changes nothing', () => {
    const s = makeSession({ started_at: '2026-01-15T13:00:00Z', stopped_at: null, status: 'running' });
    const before = structuredClone(s);
    expect(() => stopSession(s, at('2026-01-15T12:59:59Z'))).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(s).toEqual(before);
  });
});

describe('which session stop means', () => {
  test('the only active one', () => {
    const data = makeData([makeSession({ id: 1 }), makeSession({ id: 2, status: 'paused', stopped_at: null })]);
    expect(soleSessionFor(data, 'stop').id).toBe(2);
  });

  test('none → conflict', () => {
    expect(() => soleSessionFor(makeData([makeSession()]), 'stop')).toThrow(
      expect.objectContaining({ code: 'conflict', title: 'No running session' }),
    );
  });

  test('several → conflict naming them', () => {
    const data = makeData([
      makeSession({ id: 4, task: 'coding', status: 'running', stopped_at: null }),
      makeSession({ id: 7, task: 'reading', status: 'running', stopped_at: null }),
    ]);
    expect(() => soleSessionFor(data, 'stop')).toThrow(
      expect.objectContaining({ code: 'conflict', message: 'Sessions 4 (coding), 7 (reading) are running; give an ID or use --all' }),
    );
  });
});

describe('findSession and removeSessions', () => {
  test('unknown ID → not found with the spec text', () => {
    expect(() => findSession(makeData([makeSession({ id: 1 })]), 7)).toThrow(
      expect.objectContaining({ code: 'not_found', title: 'Session not found', message: 'No session with ID 7' }),
    );
  });

  test('removing several with one unknown removes none', () => {
    const data = makeData([makeSession({ id: 1 }), makeSession({ id: 2 })]);
    expect(() => removeSessions(data, [1, 9])).toThrow(/No session with ID 9/);
    expect(data.sessions.map((s) => s.id)).toEqual([1, 2]);
  });
});

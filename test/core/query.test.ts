import { describe, expect, test } from 'vitest';
import { querySessions } from '../../src/core/query.js';
import { activeOverview } from '../../src/core/status.js';
import { at, makeData, makeSession } from '../helpers/factories.js';

const sessions = [
  makeSession({ id: 3, task: 'reading', started_at: '2026-01-15T10:00:00Z' }),
  makeSession({ id: 1, task: 'coding', started_at: '2026-01-14T10:00:00Z' }),
  makeSession({ id: 2, task: 'Coding', started_at: '2026-01-15T10:00:00Z', status: 'running', stopped_at: null }),
  makeSession({ id: 4, task: 'coding', started_at: '2026-01-16T10:00:00Z', status: 'abandoned' }),
];

describe('querySessions', () => {
  test('orders oldest first, ties by ID, and counts everything', () => {
    const result = querySessions(sessions, {});
    expect(result.sessions.map((s) => s.id)).toEqual([1, 2, 3, 4]);
    expect(result.total).toBe(4);
  });

  test.each([
    [{ status: 'running' as const }, [2]],
    [{ status: 'completed' as const }, [1, 3]],
    [{ task: 'coding' }, [1, 2, 4]],
    [{ task: 'CODING', status: 'abandoned' as const }, [4]],
    [{ task: 'nothing' }, []],
  ])('filters %j', (query, ids) => {
    expect(querySessions(sessions, query).sessions.map((s) => s.id)).toEqual(ids);
  });

  test('limit keeps the newest n, total still counts all matches', () => {
    const result = querySessions(sessions, { task: 'coding', limit: 2 });
    expect(result.sessions.map((s) => s.id)).toEqual([2, 4]);
    expect(result.total).toBe(3);
  });

  test('does not reorder the caller’s array', () => {
    const copy = [...sessions];
    querySessions(copy, {});
    expect(copy.map((s) => s.id)).toEqual([3, 1, 2, 4]);
  });
});

describe('activeOverview', () => {
  test('running and paused sessions, and the forgotten ones past 12 h', () => {
    const data = makeData([
      makeSession({ id: 1 }),
      makeSession({ id: 2, status: 'running', stopped_at: null, started_at: '2026-01-15T00:00:00Z' }),
      makeSession({ id: 3, status: 'paused', stopped_at: null, started_at: '2026-01-14T00:00:00Z', pauses: [{ started_at: '2026-01-14T01:00:00Z', ended_at: null }] }),
      makeSession({ id: 4, status: 'running', stopped_at: null, started_at: '2026-01-15T11:00:00Z' }),
    ]);
    const { sessions: active, forgotten } = activeOverview(data, at('2026-01-15T12:00:01Z'));
    expect(active.map((s) => s.id)).toEqual([3, 2, 4]);
    // 12h00m01s running: forgotten; the paused one is not counting up; 1h is fine.
    expect(forgotten.map((s) => s.id)).toEqual([2]);
    expect(activeOverview(data, at('2026-01-15T12:00:00Z')).forgotten).toEqual([]);
  });
});

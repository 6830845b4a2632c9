import { describe, expect, test } from 'vitest';
import { LastN, sessionMatcher } from '../../src/core/query.js';
import { activeOverview } from '../../src/core/status.js';
import { at, makeData, makeSession } from '../helpers/factories.js';

const sessions = [
  makeSession({ id: 1, task: 'coding', started_at: '2026-01-14T10:00:00Z' }),
  makeSession({ id: 2, task: 'Coding', started_at: '2026-01-15T10:00:00Z', status: 'running', stopped_at: null }),
  makeSession({ id: 3, task: 'reading', started_at: '2026-01-15T10:00:00Z' }),
  makeSession({ id: 4, task: 'coding', started_at: '2026-01-16T10:00:00Z', stopped_at: '2026-01-16T11:00:00Z', status: 'abandoned' }),
];
const now = at('2026-01-16T12:00:00Z');

describe('sessionMatcher', () => {
  test.each([
    [{}, [1, 2, 3, 4]],
    [{ status: 'running' as const }, [2]],
    [{ status: 'completed' as const }, [1, 3]],
    [{ task: 'coding' }, [1, 2, 4]],
    [{ task: 'CODING', status: 'abandoned' as const }, [4]],
    [{ task: 'nothing' }, []],
    [{ range: { from: at('2026-01-16T00:00:00Z'), to: null } }, [2, 4]],
  ])('%j', (query, ids) => {
    expect(sessions.filter(sessionMatcher(query, now)).map((s) => s.id)).toEqual(ids);
  });
});

describe('sessionMatcher refuses filters no stored name could match', () => {
  test.each([
    [{ task: 'ab' }, /Task name must be between 3 and 20 characters/],
    [{ task: 'deep work' }, /may contain only letters/],
    [{ tag: '' }, /is not a tag/],
    [{ tag: 'x'.repeat(31) }, /is not a tag/],
  ])('%j', (query, message) => {
    expect(() => sessionMatcher(query, now)).toThrow(message);
  });

  test('a name kept from before a mark had to follow a letter can still be named', () => {
    // '-\u0301ab' is refused as a new name today; stored earlier, a filter finds it.
    const old = makeSession({ id: 9, task: 'x-\u0301ab', tags: ['\u0301'] });
    expect([old].filter(sessionMatcher({ task: 'x-\u0301ab' }, now)).map((s) => s.id)).toEqual([9]);
    expect([old].filter(sessionMatcher({ tag: '\u0301' }, now)).map((s) => s.id)).toEqual([9]);
  });
});

describe('LastN', () => {
  test('keeps the newest n in order across batches', () => {
    const last = new LastN<number>(3);
    last.push([1, 2]);
    last.push(Array.from({ length: 5000 }, (_, i) => i + 3));
    last.push([]);
    expect(last.values).toEqual([5000, 5001, 5002]);
  });

  test('fewer than n: all of them', () => {
    const last = new LastN<number>(10);
    last.push([1, 2, 3]);
    expect(last.values).toEqual([1, 2, 3]);
  });
});

describe('activeOverview', () => {
  test('running and paused sessions, and the forgotten ones past 12 h', () => {
    const data = makeData([
      makeSession({ id: 1 }),
      makeSession({ id: 2, status: 'running', stopped_at: null, started_at: '2026-01-15T00:00:00Z' }),
      makeSession({
        id: 3,
        status: 'paused',
        stopped_at: null,
        started_at: '2026-01-14T00:00:00Z',
        pauses: [{ started_at: '2026-01-14T01:00:00Z', ended_at: null }],
      }),
      makeSession({ id: 4, status: 'running', stopped_at: null, started_at: '2026-01-15T11:00:00Z' }),
    ]);
    const { sessions: active, forgotten } = activeOverview(data, at('2026-01-15T12:00:01Z'));
    expect(active.map((s) => s.id)).toEqual([3, 2, 4]);
    // 12h00m01s running: forgotten; the paused one is not counting up; 1h is fine.
    expect(forgotten.map((s) => s.id)).toEqual([2]);
    expect(activeOverview(data, at('2026-01-15T12:00:00Z')).forgotten).toEqual([]);
  });
});

import { describe, expect, onTestFailed, test } from 'vitest';
import { findOverlaps, overlapsOf, type Span, spansOf } from '../../src/core/overlaps.js';
import { makeSession } from '../helpers/factories.js';
import { seeded } from '../helpers/seeded.js';

const NOW = new Date('2026-01-15T18:00:00Z');
const span = (id: number, start: number, end: number, task = 'coding'): Span => ({ id, task, start: start * 1000, end: end * 1000 });

describe('findOverlaps', () => {
  test.each([
    ['touching ends', [span(1, 0, 60), span(2, 60, 120)], []],
    ['another task', [span(1, 0, 60), span(2, 30, 90, 'review')], []],
    ['a zero-length session', [span(1, 0, 60), span(2, 30, 30)], []],
    ['partly', [span(1, 0, 60), span(2, 30, 90)], [{ task: 'coding', ids: [1, 2], seconds: 30 }]],
    ['inside', [span(2, 10, 20), span(1, 0, 60)], [{ task: 'coding', ids: [1, 2], seconds: 10 }]],
    [
      'three at once',
      [span(1, 0, 100), span(2, 10, 20), span(3, 15, 30)],
      [
        { task: 'coding', ids: [1, 2], seconds: 10 },
        { task: 'coding', ids: [1, 3], seconds: 15 },
        { task: 'coding', ids: [2, 3], seconds: 5 },
      ],
    ],
  ])('%s', (_name, spans, expected) => {
    expect(findOverlaps(spans)).toEqual(expected);
  });

  test('with changed sessions: only pairs holding one, the changed one named first', () => {
    const spans = [span(1, 0, 100), span(2, 10, 20), span(3, 50, 60)];
    expect(findOverlaps(spans, new Set([3]))).toEqual([{ task: 'coding', ids: [3, 1], seconds: 10 }]);
  });

  test('the same pairs as comparing every two sessions (random histories)', () => {
    const random = seeded(onTestFailed);
    for (let round = 0; round < 50; round += 1) {
      const spans = Array.from({ length: random.int(0, 40) }, (_, i) => {
        const start = random.int(0, 1000);
        return span(i + 1, start, start + random.int(0, 120), random.next() < 0.5 ? 'a' : 'b');
      });
      const changed = new Set(spans.filter(() => random.next() < 0.3).map((s) => s.id));
      const expected: string[] = [];
      for (const a of spans) {
        for (const b of spans) {
          const meets = a.id < b.id && a.task === b.task && a.start < b.end && b.start < a.end && a.end > a.start && b.end > b.start;
          if (meets && (changed.has(a.id) || changed.has(b.id))) expected.push(`${a.id}-${b.id}`);
        }
      }
      const found = findOverlaps(spans, changed).map((o) => `${Math.min(...o.ids)}-${Math.max(...o.ids)}`);
      expect(found.sort()).toEqual(expected.sort());
    }
  });
});

describe('overlapsOf', () => {
  test('a running session lasts until now; only the changed sessions’ tasks are looked at', () => {
    const running = makeSession({ id: 1, started_at: '2026-01-15T17:00:00Z', stopped_at: null, status: 'running' });
    const added = makeSession({ id: 2, started_at: '2026-01-15T17:30:00Z', stopped_at: '2026-01-15T17:45:00Z' });
    const others = [makeSession({ id: 3, task: 'review' }), makeSession({ id: 4, task: 'review', started_at: '2026-01-15T13:30:00Z' })];
    expect(overlapsOf([running, added, ...others], [added], NOW)).toEqual([{ task: 'coding', ids: [2, 1], seconds: 900 }]);
    expect(overlapsOf([running, added, ...others], [], NOW)).toEqual([]);
  });
});

describe('pauses', () => {
  // 10:00–12:00, paused 10:30–11:30: it ran 10:00–10:30 and 11:30–12:00.
  const paused = makeSession({
    id: 1,
    started_at: '2026-01-15T10:00:00Z',
    stopped_at: '2026-01-15T12:00:00Z',
    pauses: [{ started_at: '2026-01-15T10:30:00Z', ended_at: '2026-01-15T11:30:00Z' }],
  });
  const at = (id: number, from: string, to: string) =>
    makeSession({ id, started_at: `2026-01-15T${from}:00Z`, stopped_at: `2026-01-15T${to}:00Z` });

  test('a session spans its running stretches, cut to a period', () => {
    const ms = (time: string) => Date.parse(`2026-01-15T${time}:00Z`);
    expect(spansOf(paused, NOW)).toEqual([
      { id: 1, task: 'coding', start: ms('10:00'), end: ms('10:30') },
      { id: 1, task: 'coding', start: ms('11:30'), end: ms('12:00') },
    ]);
    expect(spansOf(paused, NOW, ms('10:15'), ms('11:45'))).toEqual([
      { id: 1, task: 'coding', start: ms('10:15'), end: ms('10:30') },
      { id: 1, task: 'coding', start: ms('11:30'), end: ms('11:45') },
    ]);
    expect(spansOf(paused, NOW, ms('10:40'), ms('11:20'))).toEqual([]);
  });

  test('time spent paused overlaps nothing', () => {
    expect(overlapsOf([paused, at(2, '10:45', '11:15')], [at(2, '10:45', '11:15')], NOW)).toEqual([]);
  });

  test('the shared time of two sessions is summed over their stretches, the earlier start first', () => {
    // 10:15–11:45 shares 10:15–10:30 and 11:30–11:45 with the paused one: 30 minutes.
    const added = at(2, '10:15', '11:45');
    expect(overlapsOf([paused, added], [paused, added], NOW)).toEqual([{ task: 'coding', ids: [1, 2], seconds: 1800 }]);
    expect(overlapsOf([paused, added], [added], NOW)).toEqual([{ task: 'coding', ids: [2, 1], seconds: 1800 }]);
  });

  test('a session started earlier but paused while a later one began is still named first', () => {
    // 09:00, paused 09:10–11:00, to 12:00; the other 10:00–11:30: they share 11:00–11:30.
    const early = makeSession({
      id: 7,
      started_at: '2026-01-15T09:00:00Z',
      stopped_at: '2026-01-15T12:00:00Z',
      pauses: [{ started_at: '2026-01-15T09:10:00Z', ended_at: '2026-01-15T11:00:00Z' }],
    });
    const later = at(3, '10:00', '11:30');
    expect(overlapsOf([early, later], [early, later], NOW)).toEqual([{ task: 'coding', ids: [7, 3], seconds: 1800 }]);
  });
});

import { describe, expect, test } from 'vitest';
import type { Session } from '../../src/core/session.js';
import { copyIndex, fileByMonth, markChanged, monthEntry, monthsInScope, planMonths } from '../../src/store/layout.js';
import { emptyRoot, encodeMonth, type MonthEntry, type Root } from '../../src/store/schema.js';
import { undoEntry } from '../../src/store/undo-journal.js';
import { makeSession } from '../helpers/factories.js';
import { history } from '../helpers/seed.js';

// A commit compares only the months planMonths touched (startup: a history has hundreds); what
// it records must be what comparing every month records.

const stored = history(40, '2025-10-30T00:00:00Z'); // 2025-10 and 2025-11
const running = makeSession({ id: 41, started_at: '2025-11-02T09:00:00Z', stopped_at: null, status: 'running' });

/** A root naming one file per month of `sessions`, as the store writes it. */
function rootOf(sessions: Session[]): Root {
  const root = emptyRoot();
  for (const [key, list] of fileByMonth(sessions)) root.months[key] = monthEntry(`sessions/${key}.r1-abc.json`, list);
  root.next_id = 42;
  root.active = [running];
  return root;
}

const old = rootOf(stored);
const texts = new Map([...fileByMonth(stored)].map(([key, list]) => [key, encodeMonth(key, list)]));
const stop = { ...running, stopped_at: '2025-11-02T10:00:00Z', status: 'completed' as const };
const december = makeSession({ id: 42, started_at: '2025-12-01T09:00:00Z', stopped_at: '2025-12-01T10:00:00Z' });

const CASES: [string, { sessions: Session[]; loaded: ReadonlyMap<string, string> }][] = [
  ['a start: no month loaded or filed', { sessions: [running], loaded: new Map() }],
  ['a stop into a month not loaded', { sessions: [stop], loaded: new Map() }],
  ['a new month', { sessions: [december], loaded: new Map() }],
  ['a month emptied', { sessions: stored.filter((s) => !s.started_at.startsWith('2025-10')), loaded: texts }],
  ['every month loaded, nothing changed', { sessions: [...stored, running], loaded: texts }],
];

describe('planMonths touched', () => {
  test.each(CASES)('%s: markChanged and undoEntry over touched = over all months', async (_name, change) => {
    const read = async (key: string) => fileByMonth(stored).get(key) ?? [];
    const { months, touched } = await planMonths({ months: old.months, revision: 2, ...change }, read);
    for (const key of new Set([...Object.keys(old.months), ...Object.keys(months)])) {
      if (!touched.includes(key)) expect(months[key]).toBe(old.months[key]);
    }
    expect(markChanged(old, months, 2, touched)).toEqual(markChanged(old, months, 2));
    expect(undoEntry('x', '2025-12-02T00:00:00Z', old, { months }, touched)).toEqual(
      undoEntry('x', '2025-12-02T00:00:00Z', old, { months }),
    );
  });
});

describe('copyIndex', () => {
  test('copies every key in order, as a new object the original does not see changes to', () => {
    const index = JSON.parse('{"2025-10":1,"2025-11":2,"2026-01":3}') as Record<string, number>;
    const copy = copyIndex(index);
    expect(Object.entries(copy)).toEqual(Object.entries(index));
    copy['2026-02'] = 4;
    delete copy['2025-10'];
    expect(index).toEqual({ '2025-10': 1, '2025-11': 2, '2026-01': 3 });
    expect(copyIndex({})).toEqual({});
  });
});

describe("ends_by: when a month's last session stopped", () => {
  const session = (id: number, start: string, stop: string) => makeSession({ id, started_at: start, stopped_at: stop });

  test('monthEntry keeps the latest stop (not the latest start), in whole seconds rounded up', () => {
    const entry = monthEntry('sessions/2026-01.r1-abc.json', [
      session(1, '2026-01-30T20:00:00Z', '2026-02-01T03:00:00Z'),
      session(2, '2026-01-31T10:00:00Z', '2026-01-31T11:00:00.250Z'),
    ]);
    expect(entry.ends_by).toBe(Date.parse('2026-02-01T03:00:00Z') / 1000);
    expect(monthEntry('sessions/2026-01.r1-abc.json', [session(3, '2026-01-05T10:00:00Z', '2026-01-05T11:00:00.250Z')]).ends_by).toBe(
      Date.parse('2026-01-05T11:00:01Z') / 1000,
    );
  });

  const rootWith = (january: MonthEntry): Root => ({ ...emptyRoot(), next_id: 9, months: { '2026-01': january } });
  const range = (from: string) => ({ kind: 'range' as const, from: new Date(from), to: null });
  const january = monthEntry('sessions/2026-01.r1-abc.json', [session(1, '2026-01-31T22:00:00Z', '2026-02-01T01:00:00Z')]);

  test.each([
    ['before its last stop', '2026-02-01T00:59:59Z', ['2026-01']],
    // At its last stop: a zero-length session stopped there counts where it starts.
    ['at its last stop', '2026-02-01T01:00:00Z', ['2026-01']],
    ['a second after it', '2026-02-01T01:00:01Z', []],
    ['after it', '2026-02-10T00:00:00Z', []],
  ])('a range starting %s reads the month: %j', (_name, from, months) => {
    expect(monthsInScope(rootWith(january), range(from))).toEqual(months);
  });

  test('an entry written before ends_by was kept is bounded by max_seconds, as before', () => {
    const { ends_by: _, ...older } = january;
    // Its longest session (3 h) could run up to 03:00 on February 1st.
    expect(monthsInScope(rootWith(older), range('2026-02-01T02:00:00Z'))).toEqual(['2026-01']);
    expect(monthsInScope(rootWith(older), range('2026-02-01T03:00:00Z'))).toEqual([]);
  });

  test('a part added to a month keeps the later of the two; to an entry without one, adds none', async () => {
    const later = session(5, '2026-01-31T23:00:00Z', '2026-02-01T02:30:00Z');
    const plan = (entry: MonthEntry) =>
      planMonths({ months: { '2026-01': entry }, revision: 2, sessions: [later], loaded: new Map() }, async () => []);
    const withEnds = (await plan(january)).months['2026-01'];
    expect([withEnds?.parts?.length, withEnds?.ends_by]).toEqual([1, Date.parse('2026-02-01T02:30:00Z') / 1000]);
    const { ends_by: _, ...older } = january;
    const without = (await plan(older)).months['2026-01'];
    expect([without?.parts?.length, without?.ends_by]).toEqual([1, undefined]);
  });
});

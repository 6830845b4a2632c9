import { describe, expect, test } from 'vitest';
import type { Session } from '../../src/core/session.js';
import { copyIndex, fileByMonth, markChanged, monthEntry, planMonths } from '../../src/store/layout.js';
import { emptyRoot, encodeMonth, type Root } from '../../src/store/schema.js';
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

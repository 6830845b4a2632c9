import { describe, expect, test } from 'vitest';
import { stopSession, type Session } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { monthsChangedSince } from '../../src/store/layout.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { emptyRoot } from '../../src/store/schema.js';
import { ALL, type Changes, type Store } from '../../src/store/store.js';
import { at, makeSession } from '../helpers/factories.js';
import { useTempHome } from '../helpers/spawn.js';

// changesSince is what a sync or a server will build on: a copy made at one revision must
// catch up with exactly the months that changed after it. Both stores must say the same.

const november = makeSession({ id: 1, started_at: '2025-11-03T09:00:00Z', stopped_at: '2025-11-03T10:00:00Z' });
const january = makeSession({ id: 2, started_at: '2026-01-10T09:00:00Z', stopped_at: '2026-01-10T10:00:00Z' });
const running = makeSession({ id: 3, started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running' });

/** What changed, as month → session IDs, and the active IDs. */
const summary = ({ months, active }: Changes) => ({
  months: Object.fromEntries(Object.entries(months).map(([key, list]) => [key, list.map((s: Session) => s.id)])),
  active: active.map((s) => s.id),
});

let home = '';
useTempHome((dir) => (home = dir));

const STORES: [string, () => Store][] = [
  ['file store', () => createFileStore(home)],
  ['memory store', () => createMemoryStore()],
];

describe.each(STORES)('changesSince, %s', (_name, make) => {
  test('follows every change: writes, stops into a month, removals, undo', async () => {
    const store = make();
    expect(await store.changesSince(0)).toEqual({ revision: 0, next_id: 1, active: [], months: {} });

    await store.update(ALL, (data) => {
      data.sessions.push(november, january, running);
      data.next_id = 4;
    });
    const seeded = await store.changesSince(0);
    expect(summary(seeded)).toEqual({ months: { '2025-11': [1], '2026-01': [2] }, active: [3] });
    const r1 = seeded.revision;
    expect(summary(await store.changesSince(r1))).toEqual({ months: {}, active: [3] });

    // A stop moves the running session into January: only January changed.
    const stopAt = at('2026-01-15T13:00:00Z');
    await store.update(
      { kind: 'active' },
      (data) => void stopSession(data.sessions[0] as Session, stopAt, 'completed', stopAt),
      () => 'stop #3',
    );
    const stopped = await store.changesSince(r1);
    expect(summary(stopped)).toEqual({ months: { '2026-01': [2, 3] }, active: [] });
    expect(stopped.revision).toBeGreaterThan(r1);

    // Removing November's only session empties the month: it comes back as [], so a copy drops it.
    await store.update(
      { kind: 'ids', ids: [1] },
      (data) => {
        data.sessions = data.sessions.filter((s) => s.id !== 1);
      },
      () => 'rm #1',
    );
    const removed = await store.changesSince(stopped.revision);
    expect(summary(removed)).toEqual({ months: { '2025-11': [] }, active: [] });

    // Undo puts November back: a change like any other.
    expect(await store.undo()).toBe('rm #1');
    const undone = await store.changesSince(removed.revision);
    expect(summary(undone)).toEqual({ months: { '2025-11': [1] }, active: [] });
    expect(undone.revision).toBeGreaterThan(removed.revision);

    // A revision the store never reached (a copy of another store): everything.
    expect(summary(await store.changesSince(undone.revision + 100))).toEqual({ months: { '2025-11': [1], '2026-01': [2, 3] }, active: [] });
  });

  test('a change that changes nothing raises no revision', async () => {
    const store = make();
    await store.update(ALL, (data) => {
      data.sessions.push(january);
      data.next_id = 3;
    });
    const { revision } = await store.changesSince(0);
    await store.update(
      ALL,
      () => undefined,
      () => 'nothing',
    );
    expect(await store.changesSince(revision)).toEqual({ revision, next_id: 3, active: [], months: {} });
  });
});

describe('monthsChangedSince, the file store’s rule', () => {
  const entry = (key: string, revision: number) => ({
    file: `sessions/${key}.r${revision}.json`,
    count: 1,
    min_id: 1,
    max_id: 1,
    max_seconds: 60,
  });
  const root = { ...emptyRoot(), revision: 5, months: { '2026-01': entry('2026-01', 2), '2026-02': entry('2026-02', 4) } };

  test.each([
    ['every month after 0', { '2026-01': 2, '2026-02': 4 }, 0, ['2026-01', '2026-02']],
    [
      'only what changed after the revision, an emptied month included',
      { '2026-01': 2, '2026-02': 4, '2025-12': 5 },
      3,
      ['2025-12', '2026-02'],
    ],
    ['nothing at the current revision', { '2026-01': 2, '2026-02': 4 }, 5, []],
    ['a month with no record (a root from before `changed`) counts as changed', { '2026-02': 4 }, 4, ['2026-01']],
    ['a revision never reached: everything', { '2026-01': 2, '2026-02': 4 }, 9, ['2026-01', '2026-02']],
  ])('%s', (_name, changed, since, expected) => {
    expect(monthsChangedSince({ ...root, changed }, since)).toEqual(expected);
  });
});

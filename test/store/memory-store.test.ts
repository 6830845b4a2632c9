import { describe, expect, test } from 'vitest';
import { startSession, type Session } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { ACTIVE, ALL, type Scope, type Store } from '../../src/store/store.js';
import { at, makeData, makeSession } from '../helpers/factories.js';
import { useTempStore, seedStore } from '../helpers/seed.js';

// The in-memory store stands in for the file store in every in-process command test, so it must
// hand a command no more than the file store would: a command asking for the wrong scope must
// fail its fast tests, not only its end-to-end ones.

const finished = [
  makeSession({ id: 1, started_at: '2025-11-03T09:00:00Z', stopped_at: '2025-11-03T10:00:00Z' }),
  makeSession({ id: 2, started_at: '2026-01-10T09:00:00Z', stopped_at: '2026-01-10T10:00:00Z' }),
  makeSession({ id: 3, started_at: '2026-01-14T23:30:00Z', stopped_at: '2026-01-15T00:30:00Z' }),
  makeSession({ id: 4, started_at: '2026-01-15T08:00:00Z', stopped_at: '2026-01-15T08:00:00Z' }),
];
const running = makeSession({ id: 5, started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running' });
const all = [...finished, running];

const ids = async (store: Store, scope: Scope) => (await store.read(scope)).sessions.map((s) => s.id).sort();

const SCOPES: [string, Scope, number[]][] = [
  ['active', ACTIVE, [5]],
  ['all', ALL, [1, 2, 3, 4, 5]],
  ['ids', { kind: 'ids', ids: [2, 9] }, [2, 5]],
  [
    'a day (a session crossing its start counts)',
    { kind: 'range', from: at('2026-01-15T00:00:00Z'), to: at('2026-01-16T00:00:00Z') },
    [3, 4, 5],
  ],
  ['a day with nothing finished in it', { kind: 'range', from: at('2026-01-12T00:00:00Z'), to: at('2026-01-13T00:00:00Z') }, [5]],
  ['open-ended from', { kind: 'range', from: at('2026-01-10T09:30:00Z'), to: null }, [2, 3, 4, 5]],
  ['open-ended to', { kind: 'range', from: null, to: at('2026-01-10T09:00:00Z') }, [1, 5]],
];

describe('the in-memory store hands out what the scope asks for', () => {
  test.each(SCOPES)('%s', async (_name, scope, expected) => {
    expect(await ids(createMemoryStore(makeData(all)), scope)).toEqual(expected);
    let seen: number[] = [];
    await createMemoryStore(makeData(all)).scan(scope, () => (batch) => {
      seen = batch.map((s) => s.id).sort();
    });
    expect(seen).toEqual(expected);
  });

  describe('and never less than the file store', () => {
    let home = '';
    useTempStore((dir) => {
      home = dir;
    });
    test.each(SCOPES)('%s', async (_name, scope, expected) => {
      await seedStore(home, all);
      const fromFiles = await ids(createFileStore(home), scope);
      // The file store loads whole months, so it may hand out more; never fewer.
      expect(fromFiles).toEqual(expect.arrayContaining(expected));
    });
  });

  test('a change keeps what it was not handed, and sees only what is in scope', async () => {
    const store = createMemoryStore(makeData(all));
    let handed: Session[] = [];
    await store.update(ACTIVE, (data) => {
      handed = [...data.sessions];
      startSession(data, { task: 'reading', uid: 'u-6' }, at('2026-01-15T13:00:00Z'));
    });
    expect(handed.map((s) => s.id)).toEqual([5]);
    expect(await ids(store, ALL)).toEqual([1, 2, 3, 4, 5, 6]);
    await store.update({ kind: 'ids', ids: [2] }, (data) => {
      data.sessions = data.sessions.filter((s) => s.id !== 2);
    });
    expect(await ids(store, ALL)).toEqual([1, 3, 4, 5, 6]);
  });

  test('a change that changes nothing writes nothing and leaves nothing to undo', async () => {
    const store = createMemoryStore(makeData(all));
    const before = store.text;
    await store.update(
      ALL,
      () => undefined,
      () => 'nothing',
    );
    expect(store.text).toBe(before);
    expect(store.writes).toBe(0);
    expect(await store.undo()).toBeNull();
  });
});

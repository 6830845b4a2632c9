import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Session } from '../../src/core/session.js';
import { zoneKey } from '../../src/cli/deps.js';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL, type Store } from '../../src/store/store.js';
import { makeSession } from '../helpers/factories.js';
import { tempHome } from '../helpers/spawn.js';

let home: string;
let cleanup: () => void;
let zone: string | null;
let store: Store;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  zone = 'TZ=Europe/Paris';
  store = createFileStore(home, { zone: () => zone });
});
afterEach(() => cleanup());

const inMonth = (id: number, month: string) =>
  makeSession({ id, started_at: `${month}-10T10:00:00Z`, stopped_at: `${month}-10T11:00:00Z` });
const history = [inMonth(1, '2026-01'), inMonth(2, '2026-01'), inMonth(3, '2026-02'), inMonth(4, '2026-03')];
const seed = (sessions: Session[]) =>
  store.update(ALL, (data) => {
    data.sessions.push(...sessions);
    data.next_id = Math.max(data.next_id, ...sessions.map((s) => s.id + 1));
  });

/** A derive that records which sessions it was given. */
function counting() {
  const seen: number[][] = [];
  const derive = (sessions: readonly Session[]) => {
    seen.push(sessions.map((s) => s.id));
    return sessions.map((s) => s.id);
  };
  return { seen, derive };
}
const cacheFile = () => join(home, 'cache', 'ids.json');
/** The name of the file the root names for a month (its first file). */
const fileOf = (month: string) => JSON.parse(readFileSync(join(home, 'state.json'), 'utf8')).months[month].file as string;
/** A stop: a session of an existing month filed by a change that did not read that month. */
const stopInto = (id: number, month: string) =>
  store.update({ kind: 'active' }, (data) => {
    data.sessions.push(inMonth(id, month));
    data.next_id = Math.max(data.next_id, id + 1);
  });

describe('digest', () => {
  test('derives each month once, then reuses it until its file changes', async () => {
    await seed(history);
    const first = counting();
    expect(await store.digest('ids', first.derive, Array.isArray)).toEqual([[1, 2], [3], [4]]);
    expect(first.seen).toEqual([[1, 2], [3], [4]]);

    const second = counting();
    expect(await store.digest('ids', second.derive, Array.isArray)).toEqual([[1, 2], [3], [4]]);
    expect(second.seen).toEqual([]);

    await store.update({ kind: 'ids', ids: [1] }, (data) => {
      data.sessions = data.sessions.filter((s) => s.id !== 1);
    });
    const third = counting();
    expect(await store.digest('ids', third.derive, Array.isArray)).toEqual([[2], [3], [4]]);
    expect(third.seen).toEqual([[2]]);
  });

  test('a change to the newest month alone does not rewrite the cache: deriving one month is cheap', async () => {
    await seed(history);
    await store.digest('ids', counting().derive, Array.isArray);
    const before = readFileSync(cacheFile(), 'utf8');
    await seed([inMonth(5, '2026-03')]);
    const after = counting();
    expect(await store.digest('ids', after.derive, Array.isArray)).toEqual([[1, 2], [3], [4, 5]]);
    expect(after.seen).toEqual([[4, 5]]);
    expect(readFileSync(cacheFile(), 'utf8')).toBe(before);
  });

  test('the cache is kept per time zone: another zone derives everything again', async () => {
    await seed(history);
    await store.digest('ids', counting().derive, Array.isArray);
    zone = 'TZ=America/New_York';
    const other = counting();
    await store.digest('ids', other.derive, Array.isArray);
    expect(other.seen).toEqual([[1, 2], [3], [4]]);
  });

  test('no zone known: no cache file at all', async () => {
    zone = null;
    await seed(history);
    await store.digest('ids', counting().derive, Array.isArray);
    expect(existsSync(cacheFile())).toBe(false);
  });

  test('an unreadable cache is ignored and replaced, never trusted', async () => {
    await seed(history);
    await store.digest('ids', counting().derive, Array.isArray);
    writeFileSync(cacheFile(), '{"zone": "TZ=Europe/Paris", "files": {"sessions/2026-01');
    const again = counting();
    expect(await store.digest('ids', again.derive, Array.isArray)).toEqual([[1, 2], [3], [4]]);
    expect(again.seen).toEqual([[1, 2], [3], [4]]);
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8')).files[fileOf('2026-01')]).toEqual([1, 2]);
  });

  test('a cached value of the wrong shape is derived again', async () => {
    await seed(history);
    await store.digest('ids', counting().derive, Array.isArray);
    const cached = JSON.parse(readFileSync(cacheFile(), 'utf8'));
    cached.files[fileOf('2026-01')] = { not: 'a list' };
    writeFileSync(cacheFile(), JSON.stringify(cached));
    expect((await store.digest('ids', counting().derive, Array.isArray))[0]).toEqual([1, 2]);
  });

  test('a cache entry for a file the root no longer names is not used', async () => {
    await seed(history);
    await store.digest('ids', counting().derive, Array.isArray);
    const cached = JSON.parse(readFileSync(cacheFile(), 'utf8'));
    cached.files['sessions/2026-01.r0-gone.json'] = [99];
    delete cached.files[fileOf('2026-01')];
    writeFileSync(cacheFile(), JSON.stringify(cached));
    expect((await store.digest('ids', counting().derive, Array.isArray))[0]).toEqual([1, 2]);
  });

  test('the cache is private like the data: directory 0700, file 0600', async () => {
    await seed(history);
    await store.digest('ids', counting().derive, Array.isArray);
    expect(statSync(join(home, 'cache')).mode & 0o777).toBe(0o700);
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
  });

  test('a reader of a store never written creates nothing', async () => {
    expect(await store.digest('ids', counting().derive, Array.isArray)).toEqual([]);
    expect(existsSync(home)).toBe(false);
  });
});

describe('zoneKey', () => {
  test('TZ when set, else what /etc/localtime is', () => {
    expect(zoneKey({ TZ: 'Asia/Tokyo' })).toBe('TZ=Asia/Tokyo');
    const system = zoneKey({});
    if (existsSync('/etc/localtime')) expect(system).toMatch(/^(link|file)=./);
    else expect(system).toBeNull();
  });
});

describe('digestSettled', () => {
  /** Settles by listing the months folded, so a test sees when the fold ran. */
  function settling(key = 'k') {
    const folds: string[][] = [];
    return {
      folds,
      settling: {
        key,
        fold: (months: readonly { month: string; value: number[] }[]) => {
          folds.push(months.map((m) => m.month));
          return months.flatMap((m) => m.value);
        },
        valid: Array.isArray,
      },
    };
  }

  test('folds every month but the newest once, then reads the fold from the cache', async () => {
    await seed(history);
    const first = settling();
    expect(await store.digestSettled('ids', counting().derive, Array.isArray, first.settling)).toEqual({
      settled: [1, 2, 3],
      newest: { month: '2026-03', values: [[4]] },
    });
    const second = settling();
    const derive = counting();
    expect(await store.digestSettled('ids', derive.derive, Array.isArray, second.settling)).toEqual({
      settled: [1, 2, 3],
      newest: { month: '2026-03', values: [[4]] },
    });
    expect(second.folds).toEqual([]);
    // The newest month's results are kept beside the fold (they were derived with it): nothing is read.
    expect(derive.seen).toEqual([]);
  });

  test('a change to a settled month, another key or another zone folds again', async () => {
    await seed(history);
    await store.digestSettled('ids', counting().derive, Array.isArray, settling().settling);
    const otherKey = settling('goal=2h');
    await store.digestSettled('ids', counting().derive, Array.isArray, otherKey.settling);
    expect(otherKey.folds).toEqual([['2026-01', '2026-02']]);
    await store.update({ kind: 'ids', ids: [3] }, (data) => {
      data.sessions = data.sessions.filter((s) => s.id !== 3);
    });
    const afterEdit = settling('goal=2h');
    expect((await store.digestSettled('ids', counting().derive, Array.isArray, afterEdit.settling)).settled).toEqual([1, 2]);
    expect(afterEdit.folds).toEqual([['2026-01']]);
    zone = 'TZ=Asia/Tokyo';
    const otherZone = settling('goal=2h');
    await store.digestSettled('ids', counting().derive, Array.isArray, otherZone.settling);
    expect(otherZone.folds).toHaveLength(1);
  });

  test('a newest month alone has nothing to settle; an empty store has nothing at all', async () => {
    expect(await store.digestSettled('ids', counting().derive, Array.isArray, settling().settling)).toEqual({
      settled: null,
      newest: null,
    });
    await seed([inMonth(1, '2026-01')]);
    expect(await store.digestSettled('ids', counting().derive, Array.isArray, settling().settling)).toEqual({
      settled: null,
      newest: { month: '2026-01', values: [[1]] },
    });
  });
});

describe('a month in several files (a stop adds a part)', () => {
  test('digest gives one result per file, and derives only the part added', async () => {
    await seed(history);
    await store.digest('ids', counting().derive, Array.isArray);
    await stopInto(5, '2026-03');
    const after = counting();
    expect(await store.digest('ids', after.derive, Array.isArray)).toEqual([[1, 2], [3], [4], [5]]);
    expect(after.seen).toEqual([[5]]);
  });

  test('digestSettled keeps the newest month’s results per file: a stop derives its own part, the next run nothing', async () => {
    await seed(history);
    const folding = {
      key: 'k',
      fold: (months: readonly { month: string; value: number[] }[]) => months.flatMap((m) => m.value),
      valid: Array.isArray,
    };
    await store.digestSettled('ids', counting().derive, Array.isArray, folding);
    await stopInto(5, '2026-03');
    const stop = counting();
    expect(await store.digestSettled('ids', stop.derive, Array.isArray, folding)).toEqual({
      settled: [1, 2, 3],
      newest: { month: '2026-03', values: [[4], [5]] },
    });
    expect(stop.seen).toEqual([[5]]);
    const next = counting();
    const other = createFileStore(home, { zone: () => zone });
    expect((await other.digestSettled('ids', next.derive, Array.isArray, folding)).newest).toEqual({
      month: '2026-03',
      values: [[4], [5]],
    });
    expect(next.seen).toEqual([]);
  });

  test('a part read from disk (another process wrote it) is checked with the month: a repeated ID is refused', async () => {
    await seed(history);
    await store.digestSettled('ids', counting().derive, Array.isArray, { key: 'k', fold: () => [], valid: Array.isArray });
    await stopInto(5, '2026-03');
    const part = JSON.parse(readFileSync(join(home, 'state.json'), 'utf8')).months['2026-03'].parts[0] as string;
    writeFileSync(join(home, part), readFileSync(join(home, part), 'utf8').replace('"id":5', '"id":4'));
    const other = createFileStore(home, { zone: () => zone });
    await expect(
      other.digestSettled('ids', counting().derive, Array.isArray, { key: 'k', fold: () => [], valid: Array.isArray }),
    ).rejects.toThrow(/"id" 4 is not above the IDs of the month's earlier files/);
  });
});

describe('the root a digest reads', () => {
  test('after its own commit a store digests what it wrote; after another writer’s, what that one wrote', async () => {
    await seed(history);
    await stopInto(5, '2026-03');
    expect(await store.digest('ids', counting().derive, Array.isArray)).toEqual([[1, 2], [3], [4], [5]]);
    // Another process (another store on the same folder) changes the newest month.
    const other = createFileStore(home, { zone: () => zone });
    await other.update({ kind: 'ids', ids: [4] }, (data) => {
      data.sessions = data.sessions.filter((s) => s.id !== 4);
    });
    expect(await store.digest('ids', counting().derive, Array.isArray)).toEqual([[1, 2], [3], [5]]);
    // A hand edit of the root (any other text than the one this store wrote) is read and checked.
    const state = join(home, 'state.json');
    writeFileSync(state, JSON.stringify({ ...JSON.parse(readFileSync(state, 'utf8')), next_id: 'six' }));
    await expect(store.digest('ids', counting().derive, Array.isArray)).rejects.toThrow(/invalid "next_id"/);
  });
});

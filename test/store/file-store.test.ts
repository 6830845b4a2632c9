import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { findSession, startSession, stopSession, type Session, type TrackerData } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { ACTIVE, ALL, type Store } from '../../src/store/store.js';
import { STORE_VERSION } from '../../src/store/schema.js';
import { at, makeSession } from '../helpers/factories.js';
import { useTempStore } from '../helpers/seed.js';

let home: string;
let store: Store;
useTempStore((dir, made) => {
  home = dir;
  store = made;
});

const root = () => join(home, 'state.json');
const readRoot = () => JSON.parse(readFileSync(root(), 'utf8'));
const monthFiles = () => (existsSync(join(home, 'sessions')) ? readdirSync(join(home, 'sessions')).sort() : []);
const start =
  (task: string, when = '2026-01-15T13:30:00Z') =>
  (data: TrackerData) =>
    startSession(data, { task, uid: `uid-${task}` }, at(when));
const stop =
  (id: number, when = '2026-01-15T14:30:00Z') =>
  (data: TrackerData) =>
    stopSession(findSession(data, id), at(when));
/** Puts finished sessions straight into the store, through the store. */
const seed = (sessions: Session[]) =>
  store.update(ALL, (data) => {
    data.sessions.push(...sessions);
    data.next_id = Math.max(data.next_id, ...sessions.map((s) => s.id + 1));
  });

describe('layout', () => {
  test('reading a missing store gives an empty one and creates nothing', async () => {
    expect(await store.read(ALL)).toEqual({ next_id: 1, sessions: [] });
    expect(existsSync(home)).toBe(false);
  });

  test('a change that changes nothing, on a store not yet written (stop --all), writes no root and leaves nothing to undo', async () => {
    expect(
      await store.update(
        ALL,
        () => 'nothing',
        () => 'stop ',
      ),
    ).toBe('nothing');
    expect(existsSync(root())).toBe(false);
    expect(await store.undo()).toBeNull();
  });

  test('a start touches only the root: directory 0700, file 0600, no month file', async () => {
    await store.update(ACTIVE, start('coding'));
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(root()).mode & 0o777).toBe(0o600);
    expect(readRoot()).toMatchObject({ version: STORE_VERSION, revision: 1, next_id: 2, active: [{ id: 1, task: 'coding' }], months: {} });
    expect(monthFiles()).toEqual([]);
  });

  test('a stop moves the session from the root into its month file, in one commit', async () => {
    await store.update(ACTIVE, start('coding'));
    await store.update({ kind: 'ids', ids: [1] }, stop(1));
    const r = readRoot();
    expect(r.active).toEqual([]);
    expect(r.months['2026-01']).toEqual({
      file: expect.stringMatching(/^sessions\/2026-01\.r2-[a-z0-9]+\.json$/),
      count: 1,
      min_id: 1,
      max_id: 1,
      max_seconds: 3600,
      ends_by: Date.parse('2026-01-15T14:30:00Z') / 1000,
    });
    expect(statSync(join(home, r.months['2026-01'].file)).mode & 0o777).toBe(0o600);
    expect((await store.read(ALL)).sessions).toEqual([expect.objectContaining({ id: 1, status: 'completed' })]);
  });

  test('a stop merges into a month it did not load, keeping what is there', async () => {
    await seed([makeSession({ id: 1, started_at: '2026-01-02T10:00:00Z', stopped_at: '2026-01-02T11:00:00Z' })]);
    await store.update(ACTIVE, start('coding'));
    await store.update(ACTIVE, stop(2));
    expect((await store.read(ALL)).sessions.map((s) => [s.id, s.status])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);
    expect(readRoot().months['2026-01']).toMatchObject({ count: 2, min_id: 1, max_id: 2 });
  });

  test('the previous root is kept as state.json.bak, with the month files it names', async () => {
    await store.update(ACTIVE, start('coding'));
    await store.update(ACTIVE, stop(1));
    const beforeThird = readFileSync(root(), 'utf8');
    await store.update(ACTIVE, start('reading', '2026-01-15T15:00:00Z'));
    await store.update(ACTIVE, stop(2, '2026-01-15T16:00:00Z'));
    const backup = JSON.parse(readFileSync(`${root()}.bak`, 'utf8'));
    expect(backup.revision).toBe(3);
    expect(readFileSync(`${root()}.bak`, 'utf8')).not.toBe(beforeThird);
    // Older revisions are collected; the current one and the backup's stay.
    expect(monthFiles()).toEqual([expect.stringMatching(/^2026-01\.r2-/), expect.stringMatching(/^2026-01\.r4-/)]);
    for (const entry of Object.values(backup.months) as { file: string }[]) expect(existsSync(join(home, entry.file))).toBe(true);
  });

  test('rm from a month rewrites it; emptying a month drops it from the root', async () => {
    await seed([
      makeSession({ id: 1, started_at: '2025-12-02T10:00:00Z', stopped_at: '2025-12-02T11:00:00Z' }),
      makeSession({ id: 2, started_at: '2026-01-02T10:00:00Z', stopped_at: '2026-01-02T11:00:00Z' }),
    ]);
    await store.update({ kind: 'ids', ids: [1] }, (data) => {
      data.sessions = data.sessions.filter((s) => s.id !== 1);
    });
    expect(Object.keys(readRoot().months)).toEqual(['2026-01']);
    expect((await store.read(ALL)).sessions.map((s) => s.id)).toEqual([2]);
  });
});

describe('moving between months', () => {
  test('an edit that moves a session to another month rewrites both, and undo moves it back', async () => {
    await seed([
      makeSession({ id: 1, started_at: '2025-12-10T10:00:00Z', stopped_at: '2025-12-10T11:00:00Z' }),
      makeSession({ id: 2, started_at: '2026-01-02T10:00:00Z', stopped_at: '2026-01-02T11:00:00Z' }),
      makeSession({ id: 3, started_at: '2026-01-05T10:00:00Z', stopped_at: '2026-01-05T11:00:00Z' }),
    ]);
    const before = await store.read(ALL);
    await store.update(
      { kind: 'ids', ids: [2] },
      (data) => {
        const s = findSession(data, 2);
        s.started_at = '2025-12-31T23:30:00Z';
      },
      () => 'edit #2',
    );
    const months = readRoot().months;
    expect([months['2025-12'].count, months['2025-12'].max_id, months['2026-01'].count, months['2026-01'].min_id]).toEqual([2, 2, 1, 3]);
    expect((await store.read({ kind: 'ids', ids: [2] })).sessions.find((s) => s.id === 2)?.started_at).toBe('2025-12-31T23:30:00Z');
    expect(await store.undo()).toBe('edit #2');
    expect(await store.read(ALL)).toEqual(before);
  });
});

describe('scopes read only what they need', () => {
  beforeEach(async () => {
    await seed([
      makeSession({ id: 1, started_at: '2025-11-10T10:00:00Z', stopped_at: '2025-11-10T11:00:00Z' }),
      // Crosses into December: must count for a December range.
      makeSession({ id: 2, started_at: '2025-11-30T22:00:00Z', stopped_at: '2025-12-01T02:00:00Z' }),
      makeSession({ id: 3, started_at: '2026-01-05T10:00:00Z', stopped_at: '2026-01-05T11:00:00Z' }),
    ]);
    await store.update(ACTIVE, start('coding', '2026-01-15T10:00:00Z'));
  });

  const ids = (data: TrackerData) => data.sessions.map((s) => s.id).sort();

  test('active: the root alone, even with a month file broken', async () => {
    const november = readRoot().months['2025-11'].file;
    writeFileSync(join(home, november), '{"broken');
    expect(ids(await store.read(ACTIVE))).toEqual([4]);
    await expect(store.read(ALL)).rejects.toMatchObject({ code: 'store', message: expect.stringContaining(november) });
  });

  test('ids: the month holding the ID', async () => {
    expect(ids(await store.read({ kind: 'ids', ids: [3] }))).toEqual([3, 4]);
  });

  test('range: months that can overlap it, including a session crossing in', async () => {
    const december = await store.read({ kind: 'range', from: at('2025-12-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') });
    expect(ids(december)).toContain(2);
    expect(ids(december)).not.toContain(3);
    // Whole months are loaded (a superset the caller filters), and only those with a session
    // stopped after the range starts (the month entry's ends_by): from January 5, 10:30,
    // January; from January 10, not even January, whose one session stopped on the 5th.
    expect(ids(await store.read({ kind: 'range', from: at('2026-01-05T10:30:00Z'), to: null }))).toEqual([3, 4]);
    expect(ids(await store.read({ kind: 'range', from: at('2026-01-10T00:00:00Z'), to: null }))).toEqual([4]);
    // November runs into December until 02:00 (session 2), and no further.
    expect(ids(await store.read({ kind: 'range', from: at('2025-12-01T01:00:00Z'), to: at('2025-12-02T00:00:00Z') }))).toEqual([1, 2, 4]);
    expect(ids(await store.read({ kind: 'range', from: at('2025-12-01T02:00:01Z'), to: at('2025-12-02T00:00:00Z') }))).toEqual([4]);
  });

  test('range: a zero-length session where the range starts is read (it counts where it starts)', async () => {
    await store.update(ALL, (data) => {
      data.sessions.push(makeSession({ id: 5, started_at: '2026-01-20T00:00:00Z', stopped_at: '2026-01-20T00:00:00Z' }));
      data.next_id = 6;
    });
    expect(ids(await store.read({ kind: 'range', from: at('2026-01-20T00:00:00Z'), to: null }))).toContain(5);
  });
});

describe('scan', () => {
  test('hands over months oldest first, each sorted, active sessions in their month', async () => {
    await seed([
      makeSession({ id: 1, started_at: '2025-12-02T10:00:00Z', stopped_at: '2025-12-02T11:00:00Z' }),
      makeSession({ id: 2, started_at: '2026-01-20T10:00:00Z', stopped_at: '2026-01-20T11:00:00Z' }),
    ]);
    await store.update(ACTIVE, start('coding', '2026-01-15T10:00:00Z'));
    const batches: number[][] = [];
    await store.scan(ALL, () => (batch) => void batches.push(batch.map((s) => s.id)));
    expect(batches).toEqual([[1], [3, 2]]);
  });

  test('starts over with a fresh visitor when a writer collects a file under it', async () => {
    await seed([
      makeSession({ id: 1, started_at: '2025-12-02T10:00:00Z', stopped_at: '2025-12-02T11:00:00Z' }),
      makeSession({ id: 2, started_at: '2026-01-20T10:00:00Z', stopped_at: '2026-01-20T11:00:00Z' }),
    ]);
    let begun = 0;
    let seen: number[] = [];
    await store.scan(ALL, () => {
      begun += 1;
      seen = [];
      return (batch) => {
        seen.push(...batch.map((s) => s.id));
        if (begun === 1) {
          // What two commits by another process do meanwhile: January moves to a new file, the old one is collected.
          const r = readRoot();
          const old = r.months['2026-01'].file;
          r.months['2026-01'].file = 'sessions/2026-01.r9.json';
          r.revision = 9;
          renameSync(join(home, old), join(home, r.months['2026-01'].file));
          writeFileSync(root(), JSON.stringify(r));
        }
      };
    });
    expect(begun).toBe(2);
    expect(seen).toEqual([1, 2]);
  });
});

describe('failure', () => {
  /** Every file of the store with its bytes. */
  const files = () =>
    Object.fromEntries(
      [root(), ...monthFiles().map((name) => join(home, 'sessions', name))].map((file) => [file, readFileSync(file, 'utf8')]),
    );

  test('a month session with the ID of an active one (a hand edit) is refused by every read and change, nothing written', async () => {
    await seed([makeSession({ id: 2, started_at: '2026-01-05T08:00:00Z', stopped_at: '2026-01-05T09:00:00Z' })]);
    await store.update(ACTIVE, start('coding'));
    // The running session (#3) renamed #2 in the root, as a careless edit would.
    writeFileSync(root(), readFileSync(root(), 'utf8').replace('"id":3,', '"id":2,'));
    const before = files();
    const month = join(home, readRoot().months['2026-01'].file);
    const why = `${root()}: active session "id" 2 is also a session of ${month}; the file was left untouched`;
    await expect(store.read(ALL)).rejects.toMatchObject({ code: 'store', message: expect.stringContaining(why) });
    await expect(store.scan(ALL, () => () => undefined)).rejects.toMatchObject({ message: expect.stringContaining(why) });
    await expect(store.update({ kind: 'ids', ids: [2] }, stop(2))).rejects.toMatchObject({ message: expect.stringContaining(why) });
    expect(files()).toEqual(before);
    // Only the active sessions: nothing to compare them with, so the hot path still answers.
    expect((await store.read(ACTIVE)).sessions.map((s) => s.id)).toEqual([2]);
  });

  test('a month file gone from under the root: a change that needs it names the file, nothing written', async () => {
    await store.update(ACTIVE, start('coding'));
    await seed([makeSession({ id: 2, started_at: '2026-01-05T08:00:00Z', stopped_at: '2026-01-05T09:00:00Z' })]);
    const month = join(home, readRoot().months['2026-01'].file);
    rmSync(month);
    const before = files();
    // The stop reads only the root; #1 is below the month's IDs, so the commit reads the month
    // to file it there (a part would do for a session above them).
    await expect(store.update(ACTIVE, stop(1))).rejects.toMatchObject({
      code: 'store',
      title: 'Store unreadable',
      message: `${month} is missing, and the store's root names it; nothing was changed`,
    });
    expect(files()).toEqual(before);
  });

  test('a change that throws writes nothing', async () => {
    await store.update(ACTIVE, start('coding'));
    const before = readFileSync(root());
    await expect(
      store.update(ACTIVE, (data) => {
        data.sessions = [];
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(readFileSync(root())).toEqual(before);
  });

  test.each([
    ['a truncated root', '{"version":2,"revision":1,"next_id":3,"active":[{"id":1', /not valid JSON/],
    ['a root from a newer stint', '{"version":4,"revision":1,"next_id":1,"active":[],"months":{}}', /newer stint/],
  ])('%s is reported by reads and writes and left byte-identical', async (_name, text, why) => {
    mkdirSync(home, { recursive: true });
    writeFileSync(root(), text);
    await expect(store.read(ACTIVE)).rejects.toMatchObject({ code: 'store', message: expect.stringMatching(why) });
    await expect(store.update(ACTIVE, start('coding'))).rejects.toMatchObject({ code: 'store' });
    expect(readFileSync(root(), 'utf8')).toBe(text);
    expect(readdirSync(home)).toEqual(['state.json']);
  });

  test('a write that fails midway keeps the old root and says so', async () => {
    await store.update(ACTIVE, start('coding'));
    const before = readFileSync(root());
    // A directory where the root's backup is staged makes the commit fail after the temp file is written.
    mkdirSync(`${root()}.bak.tmp/x`, { recursive: true });
    await expect(store.update(ACTIVE, stop(1))).rejects.toMatchObject({
      code: 'store',
      title: 'Write failed',
      message: expect.stringMatching(/previous version was kept/),
    });
    expect(readFileSync(root())).toEqual(before);
    expect((await store.read(ALL)).sessions).toEqual([expect.objectContaining({ id: 1, status: 'running' })]);
    expect(readdirSync(home).filter((n) => n.startsWith('.state.json.'))).toEqual([]);
  });

  test('temp files and unnamed month files left by a killed writer are removed by the next write', async () => {
    await store.update(ACTIVE, start('coding'));
    await store.update(ACTIVE, stop(1));
    writeFileSync(join(home, '.state.json.12345.deadbeef.tmp'), '{"half":');
    writeFileSync(join(home, 'sessions', '2026-01.r99.json'), '{"torn');
    await store.update(ACTIVE, start('reading'));
    expect(readdirSync(home).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(monthFiles()).toEqual([expect.stringMatching(/^2026-01\.r2-/)]);
  });

  test('with collectEvery, unnamed month files are removed only by commits whose revision is a multiple of it', async () => {
    const every = createFileStore(home, { collectEvery: 4 });
    await every.update(ACTIVE, start('coding'));
    await every.update(ACTIVE, stop(1));
    writeFileSync(join(home, 'sessions', '2026-01.r99.json'), '{"torn');
    await every.update(ACTIVE, start('reading')); // revision 3
    expect(monthFiles()).toContain('2026-01.r99.json');
    await every.update(ACTIVE, stop(2, '2026-01-15T15:00:00Z'), () => 'stop #2'); // revision 4
    expect(monthFiles()).not.toContain('2026-01.r99.json');
    // What the root, its backup and the undo history name stays.
    expect((await every.read(ALL)).sessions.map((s) => s.id)).toEqual([1, 2]);
    expect(await every.undo()).toBe('stop #2');
    expect((await every.read(ALL)).sessions.filter((s) => s.stopped_at !== null).map((s) => s.id)).toEqual([1]);
  });

  test('a month file left by a writer killed before its commit does not block the next write', async () => {
    await store.update(ACTIVE, start('coding'));
    mkdirSync(join(home, 'sessions'), { recursive: true });
    // What a killed stop at revision 2 leaves: its month file, but the root still at revision 1.
    writeFileSync(join(home, 'sessions', '2026-01.r2.json'), '{"torn');
    await store.update(ACTIVE, stop(1));
    expect(monthFiles()).toEqual([expect.stringMatching(/^2026-01\.r2-/)]);
    expect((await store.read(ALL)).sessions).toEqual([expect.objectContaining({ id: 1, status: 'completed' })]);
  });

  test('a root changed under a writer (two lock holders) makes it start over, losing nothing', async () => {
    await store.update(ACTIVE, start('coding'));
    let runs = 0;
    await store.update(ACTIVE, (data) => {
      runs += 1;
      if (runs === 1) {
        // Another process commits meanwhile, as after two waiters both took over a killed writer's lock.
        const r = readRoot();
        r.revision += 1;
        r.next_id += 1;
        r.active.push({ ...r.active[0], id: 2, uid: 'other', task: 'other' });
        writeFileSync(root(), JSON.stringify(r));
      }
      startSession(data, { task: 'mine', uid: 'mine' }, at('2026-01-15T13:40:00Z'));
    });
    expect(runs).toBe(2);
    expect((await store.read(ALL)).sessions.map((s) => [s.id, s.task])).toEqual([
      [1, 'coding'],
      [2, 'other'],
      [3, 'mine'],
    ]);
    expect(monthFiles()).toEqual([]);
  });

  test('a lock left by a killed process is taken over once stale', async () => {
    await store.update(ACTIVE, start('coding'));
    const lock = join(home, 'stint.lock');
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    await store.update(ACTIVE, start('second'));
    expect((await store.read(ALL)).sessions).toHaveLength(2);
    expect(existsSync(lock)).toBe(false);
  });
});

describe('undo journal', () => {
  test('keeps the last 50 changes, with the month files they need', async () => {
    await store.update(ACTIVE, start('first', '2026-01-15T09:00:00Z'), () => 'start first');
    await store.update(ACTIVE, stop(1, '2026-01-15T10:00:00Z'), () => 'stop first');
    for (let i = 0; i < 50; i += 1) {
      await store.update(ACTIVE, start(`task-${i}`, '2026-01-15T11:00:00Z'), () => `start ${i}`);
    }
    for (let i = 49; i >= 0; i -= 1) expect(await store.undo()).toBe(`start ${i}`);
    // 52 changes were made; the first two fell out of the journal.
    expect(await store.undo()).toBeNull();
    expect((await store.read(ALL)).sessions.map((s) => [s.id, s.status])).toEqual([[1, 'completed']]);
    expect(readRoot().next_id).toBe(52);
  });

  test('a change made without a description is not recorded', async () => {
    await store.update(ACTIVE, start('coding'));
    expect(await store.undo()).toBeNull();
  });
});

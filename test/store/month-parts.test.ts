import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findSession, startSession, stopSession, type TrackerData } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { MONTH_PARTS } from '../../src/store/schema.js';
import { ACTIVE, ALL, type Store } from '../../src/store/store.js';
import { at, makeSession } from '../helpers/factories.js';
import { history, useTempStore } from '../helpers/seed.js';

// A stop files its session into the current month without reading or rewriting that month: it
// writes a part file holding only that session (README "Storage").

let home: string;
let store: Store;
useTempStore((dir, made) => {
  home = dir;
  store = made;
});

const readRoot = () => JSON.parse(readFileSync(join(home, 'state.json'), 'utf8'));
const january = () => readRoot().months['2026-01'];
const monthText = (file: string) => readFileSync(join(home, file), 'utf8');
const ids = async () => (await store.read(ALL)).sessions.map((s) => s.id);

/** A month of ten finished sessions (IDs 1–10), written whole. */
const seedJanuary = () =>
  store.update(ALL, (data) => {
    data.sessions.push(...history(10, '2026-01-02T08:00:00Z'));
    data.next_id = 11;
  });

/** `start` then `stop` as the commands do: neither reads the month (scope ACTIVE). */
async function startStop(task: string, hour: number): Promise<number> {
  const started = `2026-01-20T${String(hour).padStart(2, '0')}:00:00Z`;
  const id = await store.update(ACTIVE, (data: TrackerData) => startSession(data, { task, uid: `uid-${task}-${hour}` }, at(started)).id);
  await store.update(
    ACTIVE,
    (data) => stopSession(findSession(data, id), at(started.replace(':00:00Z', ':30:00Z'))),
    () => `stop #${id}`,
  );
  return id;
}

describe('a stop into a month on disk', () => {
  test('adds a part holding only its session; the month file is neither rewritten nor renamed', async () => {
    await seedJanuary();
    const before = january();
    const text = monthText(before.file);
    const id = await startStop('coding', 9);
    const after = january();
    expect(after).toEqual({
      file: before.file,
      count: 11,
      min_id: 1,
      max_id: id,
      max_seconds: 1800,
      // The part's session, stopped at 09:30 on the 20th, is the month's last to stop.
      ends_by: Date.parse('2026-01-20T09:30:00Z') / 1000,
      parts: [expect.stringMatching(/^sessions\/2026-01\.r3-[a-z0-9]+\.json$/)],
    });
    expect(monthText(before.file)).toBe(text);
    expect(JSON.parse(monthText(after.parts[0])).sessions.map((s: { id: number }) => s.id)).toEqual([id]);
    expect(await ids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  test('reads as the month would whole: sorted by start, whatever order the parts came in', async () => {
    await seedJanuary();
    await startStop('late', 18);
    await startStop('early', 7);
    const sessions = (await store.read(ALL)).sessions;
    expect(sessions.map((s) => s.task).slice(-2)).toEqual(['early', 'late']);
    expect(sessions.map((s) => s.started_at)).toEqual([...sessions.map((s) => s.started_at)].sort());
  });

  test(`after ${MONTH_PARTS} parts the next stop writes the month whole again, in one file`, async () => {
    await seedJanuary();
    for (let n = 1; n <= MONTH_PARTS; n += 1) {
      await startStop(`task${n}`, n);
      expect(january().parts).toHaveLength(n);
    }
    const before = await store.read(ALL);
    await startStop('last', 23);
    const entry = january();
    expect(entry.parts).toBeUndefined();
    expect(entry.count).toBe(10 + MONTH_PARTS + 1);
    expect(JSON.parse(monthText(entry.file)).sessions).toHaveLength(10 + MONTH_PARTS + 1);
    expect((await store.read(ALL)).sessions.slice(0, -1).map((s) => s.id)).toEqual(
      [...before.sessions].sort((a, b) => a.started_at.localeCompare(b.started_at)).map((s) => s.id),
    );
  });

  test('a session whose ID is not above the month’s (a later one stopped first) rewrites the month whole', async () => {
    await seedJanuary();
    const first = await store.update(ACTIVE, (data) => startSession(data, { task: 'first', uid: 'u1' }, at('2026-01-20T09:00:00Z')).id);
    const second = await store.update(ACTIVE, (data) => startSession(data, { task: 'second', uid: 'u2' }, at('2026-01-20T09:05:00Z')).id);
    await store.update(ACTIVE, (data) => stopSession(findSession(data, second), at('2026-01-20T09:10:00Z')));
    expect(january().parts).toHaveLength(1);
    await store.update(ACTIVE, (data) => stopSession(findSession(data, first), at('2026-01-20T09:20:00Z')));
    expect(january().parts).toBeUndefined();
    expect(await ids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, first, second]);
  });

  test('a change that reads the month writes it whole; one that leaves it as it was writes nothing', async () => {
    await seedJanuary();
    await startStop('coding', 9);
    const revision = readRoot().revision;
    await store.update(ALL, () => undefined);
    expect(readRoot().revision).toBe(revision);
    await store.update({ kind: 'ids', ids: [3] }, (data) => {
      data.sessions = data.sessions.filter((s) => s.id !== 3);
    });
    expect(january().parts).toBeUndefined();
    expect(await ids()).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  test('undo takes the part back out, and the month reads as before', async () => {
    await seedJanuary();
    await startStop('one', 9);
    const entry = january();
    const id = await startStop('two', 10);
    expect(january().parts).toHaveLength(2);
    expect(await store.undo()).toBe(`stop #${id}`);
    expect(january()).toEqual(entry);
    const sessions = (await store.read(ALL)).sessions;
    expect(sessions.filter((s) => s.stopped_at !== null).map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(sessions.filter((s) => s.stopped_at === null).map((s) => s.id)).toEqual([id]);
  });

  test('undo walks back across a rewrite of the month: the parts only the undo history names are kept', async () => {
    await seedJanuary();
    await startStop('one', 9);
    await startStop('two', 10);
    const withParts = january();
    await store.update(
      { kind: 'ids', ids: [3] },
      (data) => {
        data.sessions = data.sessions.filter((s) => s.id !== 3);
      },
      () => 'rm #3',
    );
    expect(january().parts).toBeUndefined();
    // Commits enough to collect twice over: the parts are named by the undo history alone.
    await startStop('three', 11);
    await startStop('four', 12);
    for (const label of ['stop #14', 'stop #13', 'rm #3']) expect(await store.undo()).toBe(label);
    expect(january()).toEqual(withParts);
    const finished = (await store.read(ALL)).sessions.filter((s) => s.stopped_at !== null).map((s) => s.id);
    expect(finished).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  test('changesSince lists the month, whole, after a part was added', async () => {
    await seedJanuary();
    const { revision } = readRoot();
    await startStop('coding', 9);
    const changes = await store.changesSince(revision);
    expect(Object.keys(changes.months)).toEqual(['2026-01']);
    expect(changes.months['2026-01']?.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  test('the root, its backup and the undo history keep the files they name; the rest is collected', async () => {
    await seedJanuary();
    // The month is rewritten whole (an edit), then parts are added: the old whole file is named by none.
    await startStop('t9', 9);
    await store.update({ kind: 'ids', ids: [3] }, (data) => {
      data.sessions = data.sessions.filter((s) => s.id !== 3);
    });
    for (let hour = 10; hour < 13; hour += 1) await startStop(`t${hour}`, hour);
    const files = (root: { months: Record<string, { file: string; parts?: string[] }> }) =>
      Object.values(root.months).flatMap((m) => [m.file, ...(m.parts ?? [])]);
    const backup = JSON.parse(readFileSync(join(home, 'state.json.bak'), 'utf8'));
    const undo = (readRoot().undo as { before: { months: Record<string, { file: string; parts?: string[] } | null> } }[]).flatMap((e) =>
      Object.values(e.before.months).flatMap((m) => (m ? [m.file, ...(m.parts ?? [])] : [])),
    );
    const named = new Set([...files(readRoot()), ...files(backup), ...undo]);
    expect(
      readdirSync(join(home, 'sessions'))
        .map((name) => `sessions/${name}`)
        .sort(),
    ).toEqual([...named].sort());
    expect(january().parts).toHaveLength(3);
  });
});

describe('a month with parts, refused when in doubt', () => {
  test('a part repeating an ID of the files before it (a hand edit): the month is refused, naming the part', async () => {
    await seedJanuary();
    await startStop('coding', 9);
    const part = january().parts[0];
    const text = monthText(part);
    writeFileSync(join(home, part), text.replace('"id":11', '"id":4'));
    const error = await store.read(ALL).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'store', title: 'Store unreadable' });
    expect((error as Error).message).toContain(`${join(home, part)}: "id" 4 is not above the IDs of the month's earlier files`);
    // Reading the active sessions alone does not need the month.
    expect((await store.read(ACTIVE)).sessions).toEqual([]);
  });

  test('a part missing: every read of the month and every write is refused, nothing written', async () => {
    await seedJanuary();
    await startStop('coding', 9);
    const missing = join(home, january().parts[0]);
    rmSync(missing);
    const rootText = readFileSync(join(home, 'state.json'), 'utf8');
    // The message names the file that is missing.
    await expect(store.read(ALL)).rejects.toThrow(`${missing} is missing, and the store's root names it`);
    await expect(store.update(ALL, () => undefined)).rejects.toThrow(`${missing} is missing, and the store's root names it`);
    expect(readFileSync(join(home, 'state.json'), 'utf8')).toBe(rootText);
  });

  test('a version-2 store’s month files stay as they are until their month changes', async () => {
    await seedJanuary();
    await store.update(ALL, (data) => {
      data.sessions.push(makeSession({ id: 11, started_at: '2025-12-02T10:00:00Z', stopped_at: '2025-12-02T11:00:00Z' }));
      data.next_id = 12;
    });
    const root = readRoot();
    root.version = 2;
    for (const entry of Object.values(root.months) as { file: string }[]) {
      writeFileSync(join(home, entry.file), monthText(entry.file).replace('{"version":3,', '{"version":2,'));
    }
    writeFileSync(join(home, 'state.json'), JSON.stringify(root));
    const fresh = createFileStore(home);
    // A change that reads every month and changes none: nothing is written, no undo step is made.
    await fresh.update(
      ALL,
      () => undefined,
      () => 'import of 0 sessions',
    );
    expect(readRoot().revision).toBe(root.revision);
    expect(await fresh.undo()).toBeNull();
    // A change to one month rewrites that month alone, in this version.
    await fresh.update({ kind: 'ids', ids: [3] }, (data) => {
      data.sessions = data.sessions.filter((s) => s.id !== 3);
    });
    expect(readRoot().months['2025-12']).toEqual(root.months['2025-12']);
    expect(monthText(january().file).startsWith('{"version":3,')).toBe(true);
  });

  test('a store of version 2 (no parts) reads as it is; its first write makes it version 3', async () => {
    await seedJanuary();
    const v2 = readRoot();
    v2.version = 2;
    writeFileSync(join(home, 'state.json'), JSON.stringify(v2));
    const fresh = createFileStore(home);
    expect((await fresh.read(ALL)).sessions).toHaveLength(10);
    await fresh.update(ACTIVE, (data) => startSession(data, { task: 'coding', uid: 'u' }, at('2026-01-20T09:00:00Z')));
    expect(readRoot().version).toBe(3);
    expect(readRoot().months['2026-01']).toEqual(v2.months['2026-01']);
  });

  test('a single-file month a stop did not read is untouched by a stop into another month', async () => {
    await store.update(ALL, (data) => {
      data.sessions.push(makeSession({ id: 1, started_at: '2025-12-02T10:00:00Z', stopped_at: '2025-12-02T11:00:00Z' }));
      data.next_id = 2;
    });
    const december = readRoot().months['2025-12'];
    await startStop('coding', 9);
    expect(readRoot().months['2025-12']).toEqual(december);
    expect(january()).toMatchObject({ count: 1, min_id: 2, max_id: 2 });
    expect(january().parts).toBeUndefined();
  });
});

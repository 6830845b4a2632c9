import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { StintError } from '../../src/core/errors.js';
import { startSession, type TrackerData } from '../../src/core/session.js';
import { decodeRoot, emptyRoot, encodeRoot, type Root } from '../../src/store/schema.js';
import { ALL, type Store } from '../../src/store/store.js';
import { checkedUndoneRoot, type UndoEntry } from '../../src/store/undo-journal.js';
import { at, makeSession } from '../helpers/factories.js';
import { useTempStore } from '../helpers/seed.js';

let home: string;
let store: Store;
useTempStore((dir, made) => {
  home = dir;
  store = made;
});

const F = '/data/state.json';
const running = (id: number) => makeSession({ id, status: 'running', stopped_at: null });
const entry = (before: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  label: 'stop #1 coding',
  at: '2026-01-15T10:00:00.000Z',
  before: { next_id: 2, active: [], months: {}, ...before },
  ...extra,
});
const rootWith = (undo: unknown) => JSON.stringify({ ...emptyRoot(), next_id: 5, undo });
const month = (file: string) => ({ file, count: 1, min_id: 1, max_id: 1, max_seconds: 60 });

describe('the undo history is checked whenever state.json is read', () => {
  test('a valid history reads back', () => {
    const undo = [entry({ active: [running(1)], months: { '2026-01': null, '2025-12': month('sessions/2025-12.r3-abc.json') } })];
    expect(decodeRoot(rootWith(undo), F).undo).toEqual(undo);
  });

  test.each([
    ['an entry that is not an object', ['x'], /undo entry at index 0: not an object/],
    ['a label that is not a string', [entry({}, { label: 7 })], /undo entry at index 0: invalid "label"/],
    ['an "at" that is not an instant', [entry({}, { at: 'yesterday' })], /invalid "at"/],
    ['no "before"', [{ label: 'x', at: '2026-01-15T10:00:00Z' }], /"before" is not an object/],
    ['a "before.next_id" of the wrong type', [entry({ next_id: '2' })], /invalid "before.next_id"/],
    ['"before.active" not a list', [entry({ active: {} })], /"before.active" is not a list/],
    ['an invalid active session', [entry({ active: [{ ...running(1), uid: '' }] })], /"before.active" session at index 0: invalid "uid"/],
    ['an active session at or above next_id', [entry({ active: [running(5)] })], /"id" 5 is not below "next_id" 5/],
    ['"before.months" not an object', [entry({ months: [] })], /"before.months" is not an object/],
    [
      'a month file name stint never writes',
      [entry({ months: { '2026-01': month('../config.json') } })],
      /"before.months" has an invalid entry for month "2026-01"/,
    ],
    [
      'a month file of another month',
      [entry({ months: { '2026-01': month('sessions/2025-12.r3.json') } })],
      /invalid entry for month "2026-01"/,
    ],
    [
      'a month entry without its numbers',
      [entry({ months: { '2026-01': { file: 'sessions/2026-01.r3.json' } } })],
      /invalid entry for month "2026-01"/,
    ],
    ['a bad month key', [entry({ months: { '2026-13': null } })], /invalid entry for month "2026-13"/],
  ])('%s is refused, naming the file', (_name, undo, message) => {
    let error: unknown;
    try {
      decodeRoot(rootWith(undo), F);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StintError);
    expect((error as StintError).code).toBe('store');
    expect((error as StintError).message).toMatch(new RegExp(`^${F}: `));
    expect((error as StintError).message).toMatch(message);
  });

  test('an undone root stint would refuse is never produced', () => {
    const root: Root = { ...emptyRoot(), next_id: 3, undo: [] };
    const bad = entry({ active: [{ ...running(1), started_at: 'soon' }] }) as unknown as UndoEntry;
    expect(() => checkedUndoneRoot({ ...root, undo: [bad] }, bad, F)).toThrow(
      /^\/data\/state.json: undoing stop #1 coding would give a root stint refuses \(session at index 0: invalid "started_at"\); nothing was undone$/,
    );
  });
});

const stateText = () => readFileSync(join(home, 'state.json'), 'utf8');
const start = (task: string) => (data: TrackerData) => startSession(data, { task, uid: `uid-${task}` }, at('2026-01-15T13:30:00Z'));

describe('undo writes only a root that reads back', () => {
  test('an entry naming a month file that is missing: exit 1 naming state.json, nothing written', async () => {
    await store.update(
      ALL,
      (data) => {
        data.sessions.push(makeSession({ id: 1, started_at: '2026-01-05T08:00:00Z', stopped_at: '2026-01-05T09:00:00Z' }));
        data.next_id = 2;
      },
      () => 'add #1',
    );
    await store.update(
      ALL,
      (data) => {
        data.sessions.push(makeSession({ id: 2, started_at: '2026-01-06T08:00:00Z', stopped_at: '2026-01-06T09:00:00Z' }));
        data.next_id = 3;
      },
      () => 'add #2',
    );
    const root = JSON.parse(stateText()) as Root;
    const needed = root.undo?.at(-1)?.before.months['2026-01']?.file as string;
    rmSync(join(home, needed));
    const before = stateText();
    await expect(store.undo()).rejects.toThrow(
      `${join(home, 'state.json')}: undoing add #2 needs ${needed}, which is missing; nothing was undone`,
    );
    expect(stateText()).toBe(before);
  });
});

describe('a change that committed never reports failure', () => {
  test('garbage collection failing after the rename: the change is stored, once', async () => {
    await store.update(ALL, start('one'), () => 'start');
    // A directory where a stale month file would be: removing it throws.
    const blocker = join(home, 'sessions', '2020-01.r1-zzz.json');
    mkdirSync(blocker);
    // The command gets what its change returned (the session started), not an error.
    await expect(store.update(ALL, start('two'), () => 'start')).resolves.toMatchObject({
      id: 2,
      uid: 'uid-two',
      task: 'two',
      status: 'running',
      stopped_at: null,
    });
    // The collection did fail (the blocker stands), and the change is stored once.
    expect(statSync(blocker).isDirectory()).toBe(true);
    expect((await store.read(ALL)).sessions.map((s) => [s.id, s.task])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    // Undo also completes, and reverts exactly one change.
    await expect(store.undo()).resolves.toBe('start');
    expect((await store.read(ALL)).sessions.map((s) => s.task)).toEqual(['one']);
  });

  test('prompt.state that cannot be written: the change is stored', async () => {
    mkdirSync(join(home, 'prompt.state', 'blocked'), { recursive: true });
    await store.update(ALL, start('one'));
    expect((await store.read(ALL)).sessions).toHaveLength(1);
  });

  test('encodeRoot of a root with history reads back unchanged', () => {
    const root: Root = { ...emptyRoot(), next_id: 3, undo: [entry({ active: [running(1)] }) as unknown as UndoEntry] };
    expect(decodeRoot(encodeRoot(root), F)).toEqual(root);
  });
});

describe('the lock around a commit', () => {
  test('a lock that cannot be released after the commit does not fail the command', async () => {
    const { withStoreLock } = await import('../../src/store/lock.js');
    mkdirSync(home, { recursive: true });
    const lock = join(home, 'stint.lock');
    const result = withStoreLock(home, async () => {
      // Someone replaced the lock directory with a file: removing it fails.
      rmSync(lock, { recursive: true });
      writeFileSync(lock, 'not a lock');
      return 'committed';
    });
    await expect(result).resolves.toBe('committed');
  });

  test('a backup into its own data directory is refused by the store itself', async () => {
    await store.update(ALL, start('one'));
    await expect(store.backupTo(join(home, 'copy'))).rejects.toThrow(/leads into the data directory/);
    expect(readdirSync(home)).not.toContain('copy');
  });
});

describe('undo entries are stamped by the clock the store is given', () => {
  test('the seam clock (STINT_NOW in a real run), not the system time', async () => {
    const { createFileStore } = await import('../../src/store/file-store.js');
    const fixed = createFileStore(home, { now: () => new Date('2031-05-06T07:08:09Z') });
    await fixed.update(
      ALL,
      (data) => startSession(data, { task: 'coding', uid: 'u1' }, at('2031-05-06T07:00:00Z')),
      () => 'start #1 coding',
    );
    const root = decodeRoot(readFileSync(join(home, 'state.json'), 'utf8'), F);
    expect(root.undo?.map((e) => e.at)).toEqual(['2031-05-06T07:08:09.000Z']);
  });
});

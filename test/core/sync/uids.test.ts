import { expect, test } from 'vitest';
import { fold, snapshotChanges } from '../../../src/core/sync/compact.js';
import { mergedSessions, syncRound } from '../../../src/core/sync/exchange.js';
import { ZERO_HLC } from '../../../src/core/sync/hlc.js';
import { applyChange, type Change, keyed, type Merged } from '../../../src/core/sync/merge.js';
import { checkEntries, checkFiled } from '../../../src/core/sync/state.js';
import { makeSession } from '../../helpers/factories.js';

// The merged state is keyed by uid, and a uid is text from outside: the names every object
// inherits (and `__proto__`, which sets the prototype of a plain object) are uids like any other.

/** Held in a variable: written as a property, the linter takes it for the accessor. */
const PROTO = '__proto__';
const NAMES = ['constructor', PROTO, 'toString', 'hasOwnProperty', 'valueOf'];

const create = (uid: string, at: string): Change => ({
  uid,
  at,
  create: true,
  set: {
    task: 'coding',
    started_at: '2026-03-01T09:00:00Z',
    state: { status: 'completed', stopped_at: '2026-03-01T10:00:00Z', pauses: [] },
    planned_seconds: null,
    tags: [],
    note: null,
    updated_at: '2026-03-01T10:00:00Z',
  },
});

test('changes to sessions with those uids merge into entries of their own; nothing else is touched', () => {
  const merged: Merged = keyed();
  for (const [i, uid] of NAMES.entries()) expect(applyChange(merged, create(uid, `001772355600000.00000${i}.a`))).toBe(true);
  expect(applyChange(merged, { uid: 'toString', at: '001772359200000.000000.b', set: { task: 'renamed' } })).toBe(true);
  expect(applyChange(merged, { uid: 'valueOf', at: '001772359200000.000001.b', deleted: true })).toBe(true);
  expect(Object.keys(merged).sort()).toEqual([...NAMES].sort());
  expect(mergedSessions(merged).map((s) => [s.uid, s.task])).toEqual([
    ['__proto__', 'coding'],
    ['constructor', 'coding'],
    ['hasOwnProperty', 'coding'],
    ['toString', 'renamed'],
  ]);
  // Object.prototype is what a plain table's `__proto__` would have handed out: it is untouched.
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).fields).toBeUndefined();
});

test('a round sends, and applies, sessions with those uids', () => {
  const sessions = NAMES.map((uid, i) => makeSession({ id: i + 1, uid }));
  const merged: Merged = keyed();
  const result = syncRound({
    device: 'a',
    clock: { ...ZERO_HLC, device: 'a' },
    merged,
    candidates: sessions,
    vanished: [],
    incoming: [],
    nowMs: Date.parse('2026-03-02T10:00:00Z'),
    newUid: () => 'fresh',
  });
  expect(result.outgoing.map((c) => c.uid).sort()).toEqual([...NAMES].sort());
  expect(result.apply.map((a) => [a.uid, a.session?.uid])).toEqual([...NAMES].sort().map((uid) => [uid, uid]));
  // The next round, with the same sessions, has nothing to send.
  const again = syncRound({
    device: 'a',
    clock: result.clock,
    merged,
    candidates: sessions,
    vanished: [],
    incoming: [],
    nowMs: 0,
    newUid: () => 'x',
  });
  expect(again.outgoing).toEqual([]);
});

test('a shard read from disk finds only the uids it holds, `__proto__` among them', () => {
  // Parsed, as the file is: JSON.parse makes `__proto__` an own key (a literal would set the prototype).
  const shard = checkEntries(
    JSON.parse(
      '{"merged":{"__proto__":{"fields":{},"born":null,"deleted":"001772359200000.000000.b"}},"local":{"__proto__":[3,"2026-03"]}}',
    ),
  );
  for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
    expect(shard.merged[name]).toBeUndefined();
    expect(shard.local[name]).toBeUndefined();
    expect(name in shard.merged).toBe(false);
  }
  expect(shard.merged[PROTO]).toEqual({ fields: {}, born: null, deleted: '001772359200000.000000.b' });
  expect(shard.local[PROTO]).toEqual([3, '2026-03']);
  const filed = checkFiled(JSON.parse('{"uids":{"__proto__":"d1","a-1":"d2"}}'));
  expect(Object.keys(filed)).toEqual(['__proto__', 'a-1']);
  expect(filed.constructor).toBeUndefined();
});

test('a snapshot keeps those uids through JSON, as another device reads it', () => {
  const entries = fold(NAMES.map((uid, i) => create(uid, `001772355600000.00000${i}.a`)));
  const read = JSON.parse(JSON.stringify({ entries })).entries as Record<string, never>;
  expect(Object.keys(read).sort()).toEqual([...NAMES].sort());
  expect(mergedSessions(fold(snapshotChanges(keyed(read)))).map((s) => s.uid)).toEqual([...NAMES].sort());
});

import fc from 'fast-check';
import { expect, test } from 'vitest';
import { fold, snapshotChanges } from '../../../src/core/sync/compact.js';
import { encodeStamp } from '../../../src/core/sync/hlc.js';
import { applyChange, type Change, type Merged, type SyncedFields } from '../../../src/core/sync/merge.js';
import { SEED_VARIABLE } from '../../helpers/seeded.js';

// Compaction folds a prefix of a device's log into a snapshot. Whatever the prefix, and whatever
// part of the old log a reader had already merged, merging the snapshot and the rest must give
// exactly what merging every change gives: field values and stamps, births and tombstones.

const FULL: SyncedFields = {
  task: 't',
  started_at: '2026-03-01T09:00:00Z',
  state: { status: 'running', stopped_at: null, pauses: [] },
  planned_seconds: null,
  tags: [],
  note: null,
  updated_at: '2026-03-01T09:00:00Z',
};

/** A change before its device stamps it (each member of the union without `at`). */
type Unstamped<C = Change> = C extends Change ? Omit<C, 'at'> : never;

const change = fc
  .record({ uid: fc.constantFrom('u1', 'u2', 'u3'), ms: fc.nat(50), kind: fc.nat(9), value: fc.nat(5) })
  .map(({ uid, kind, value }): Unstamped => {
    if (kind === 0) return { uid, deleted: true };
    if (kind <= 2) return { uid, create: true, set: { ...FULL, task: `t${value}` } };
    if (kind <= 5) return { uid, set: { task: `t${value}`, updated_at: FULL.updated_at } };
    return { uid, set: { note: value % 2 ? null : `n${value}`, tags: [`g${value}`] } };
  });

/** One device's log: its changes stamped in order, as its clock makes them. */
const log = fc
  .array(change, { maxLength: 30 })
  .map((list) => list.map((c, i) => ({ ...c, at: encodeStamp({ ms: 1000 + i, counter: 0, device: 'a' }) }) as Change));

const merge = (...lists: Change[][]): Merged => fold(lists.flat());
const given = process.env[SEED_VARIABLE];
const seed = given ? Number(given) : Math.floor(Math.random() * 2 ** 31);

test('a log compacted at any point, once or twice, merges as the whole log, for a reader at any point of it', ({ onTestFailed }) => {
  onTestFailed(() => console.error(`Replay this run with ${SEED_VARIABLE}=${seed}`));
  fc.assert(
    fc.property(log, fc.nat(), fc.nat(), fc.nat(), (changes, a, b, r) => {
      const [k1, k2] = [a % (changes.length + 1), b % (changes.length + 1)].sort((x, y) => x - y) as [number, number];
      const whole = merge(changes);
      // Compacted once at k1, then again at k2 (the first snapshot and more segments folded).
      const once = [...snapshotChanges(fold(changes.slice(0, k1))), ...changes.slice(k1)];
      const twice = [
        ...snapshotChanges(fold([...snapshotChanges(fold(changes.slice(0, k1))), ...changes.slice(k1, k2)])),
        ...changes.slice(k2),
      ];
      expect(merge(once)).toEqual(whole);
      expect(merge(twice)).toEqual(whole);
      // A reader that had merged the first r changes, then reads the compacted log whole.
      const reader: Merged = merge(changes.slice(0, r % (changes.length + 1)));
      for (const c of twice) applyChange(reader, c);
      expect(reader).toEqual(whole);
    }),
    { numRuns: 1000, seed },
  );
});

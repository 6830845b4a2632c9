import { describe, expect, test } from 'vitest';
import type { SyncedFields } from '../../../src/core/sync/merge.js';
import { checkChange, checkEntry } from '../../../src/core/sync/state.js';

// What another device's log brings is checked value by value with the rules the store reads
// sessions with (and the names the commands give): a store sync wrote must read again.

const AT = '001772359200000.000000.desk';

const FIELDS: SyncedFields = {
  task: 'email',
  started_at: '2026-03-02T09:00:00Z',
  state: { status: 'completed', stopped_at: '2026-03-02T09:30:00Z', pauses: [] },
  planned_seconds: null,
  tags: ['work'],
  note: null,
  updated_at: '2026-03-02T09:30:00Z',
};
const created = (set: Record<string, unknown>) => ({ uid: 'u1', at: AT, create: true, set: { ...FIELDS, ...set } });
const state = (status: string, stopped_at: string | null, pauses: unknown[] = []) => ({ state: { status, stopped_at, pauses } });
const pause = (from: string, to: string | null) => ({ started_at: `2026-03-02T${from}:00Z`, ended_at: to && `2026-03-02T${to}:00Z` });

const refusals: [string, unknown, RegExp][] = [
  // What the store refuses on read (and what the probe got in).
  [
    'a running session with a stop',
    created(state('running', '2026-03-02T09:30:00Z')),
    /bad state \("status" running with a "stopped_at"\)/,
  ],
  ['a completed session without a stop', created(state('completed', null)), /bad state \("status" completed without a "stopped_at"\)/],
  [
    'a pause that ends before it starts',
    created(state('completed', '2026-03-02T09:30:00Z', [pause('09:20', '09:10')])),
    /bad state \(invalid "pauses"\)/,
  ],
  ['a pause with a field stint does not write', created(state('running', null, [{ ...pause('09:10', null), x: 1 }])), /invalid "pauses"/],
  ['an unknown status', created(state('done', '2026-03-02T09:30:00Z')), /invalid "status"/],
  ['a planned time of zero', created({ planned_seconds: 0 }), /bad planned_seconds/],
  ['a planned time with a fraction', created({ planned_seconds: 1.5 }), /bad planned_seconds/],
  // What the commands never write.
  ['a task name of one character', created({ task: 'x' }), /bad task \(not a task name/],
  ['a task name of 21 characters', created({ task: 'a'.repeat(21) }), /bad task \(not a task name/],
  ['a task name with a space', created({ task: 'two words' }), /bad task \(not a task name/],
  ['a tag with a space', created({ tags: ['a b'] }), /bad tags \(not tags/],
  ['a tag given twice', created({ tags: ['work', 'work'] }), /bad tags \(not tags/],
  ['an empty tag', created({ tags: [''] }), /bad tags \(not tags/],
  ['a blank note', created({ note: '  ' }), /bad note \(not a note/],
  ['a note of 501 characters', created({ note: 'n'.repeat(501) }), /bad note \(not a note/],
  ['a stop before the start, set together', created(state('completed', '2026-03-02T08:30:00Z')), /bad times \(stop .* is before start/],
  [
    'a pause outside the session, set together',
    created(state('completed', '2026-03-02T09:30:00Z', [pause('08:50', '09:10')])),
    /bad times \(pause 1 .* is outside the session\)/,
  ],
  ['a start before 1970', created({ started_at: '1969-12-31T23:00:00Z' }), /bad times \(start .* is outside the years/],
  // The log's own form: instants in UTC to the second, and nothing else in a change.
  ['a start with an offset', created({ started_at: '2026-03-02T10:00:00+01:00' }), /bad started_at/],
  ['a stop with a fraction', created(state('completed', '2026-03-02T09:30:00.5Z')), /bad state \(an instant not in UTC/],
  ['an impossible date', created({ updated_at: '2026-02-30T25:00:00Z' }), /bad updated_at/],
  [
    'a state with a field stint does not write',
    created({ state: { ...FIELDS.state, colour: 'red' } }),
    /bad state \(unknown field "colour"\)/,
  ],
  ['a change with a field stint does not write', { ...created({}), extra: 1 }, /not a change/],
  ['a delete with a field stint does not write', { uid: 'u1', at: AT, deleted: true, set: {} }, /not a change/],
  ['a create that is not true', { ...created({}), create: 'yes' }, /not a change/],
  [
    'an edit stopping before its own start',
    { uid: 'u1', at: AT, set: { started_at: '2026-03-02T10:00:00Z', ...state('completed', '2026-03-02T09:30:00Z') } },
    /bad times/,
  ],
];

describe("a change from another device's log", () => {
  test.each(refusals)('with %s is refused', (_what, raw, why) => {
    expect(() => checkChange(raw, 'change 1')).toThrow(
      expect.objectContaining({ title: 'Bad sync state', message: expect.stringMatching(/^change 1: /) }),
    );
    expect(() => checkChange(raw, 'change 1')).toThrow(why);
  });

  test.each<[string, Record<string, unknown>]>([
    ['a whole session', {}],
    ['a paused focus session', { planned_seconds: 1500, ...state('paused', null, [pause('09:10', null)]) }],
    ['a task in another script, tags and a note of two lines', { task: 'écrire', tags: ['草稿', 'x'], note: 'one\n\ttwo' }],
    ['a zero-length session (a merge repair, sent on)', { ...state('completed', '2026-03-02T09:00:00Z') }],
  ])('with %s is read', (_what, set) => {
    expect(checkChange(created(set), 'change 1')).toEqual(created(set));
  });
});

describe("an entry of another device's snapshot (or of this one's merged state)", () => {
  const entry = (fields: Record<string, [unknown, string]>) => ({ fields, born: AT, deleted: null });
  test.each(refusals.filter(([, raw]) => (raw as { create?: unknown }).create === true && Object.keys(raw as object).length === 4))(
    'with %s is refused',
    (_what, raw, why) => {
      const set = (raw as { set: Record<string, unknown> }).set;
      const fields = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, [v, AT] as [unknown, string]]));
      expect(() => checkEntry(entry(fields), 'session u1')).toThrow(why);
    },
  );

  test('holding a start and a state of different stamps is read: the merge fits them together', () => {
    const fields = {
      started_at: ['2026-03-02T10:00:00Z', AT] as [unknown, string],
      state: [FIELDS.state, '001772359300000.000000.desk'] as [unknown, string],
    };
    expect(checkEntry(entry(fields), 'session u1').fields).toEqual(fields);
  });

  test('with a field stint does not write is refused', () => {
    expect(() => checkEntry({ ...entry({}), extra: 1 }, 'session u1')).toThrow(/not an entry/);
  });
});

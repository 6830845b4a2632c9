import { describe, expect, test } from 'vitest';
import { checkMerged } from '../../../src/core/sync/check.js';
import { syncRound } from '../../../src/core/sync/exchange.js';
import { ZERO_HLC } from '../../../src/core/sync/hlc.js';
import { type Change, keyed, type Merged, type SyncedFields } from '../../../src/core/sync/merge.js';
import { checkChange, checkEntry } from '../../../src/core/sync/state.js';
import { makeSession } from '../../helpers/factories.js';

// What another device's log brings is checked value by value with the rules the store reads
// sessions with (and the names the commands give), and what a merge makes of it is checked
// whole before anything is written: a store sync wrote must read again.

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

describe('what a merge makes is checked whole before anything is written', () => {
  const round = (merged: Merged, incoming: Change[], candidates = [makeSession({ id: 3, uid: 'u1', task: 'coding' })]) =>
    syncRound({
      device: 'lap',
      clock: { ...ZERO_HLC, device: 'lap' },
      merged,
      candidates,
      vanished: [],
      incoming,
      nowMs: Date.parse('2026-03-02T12:00:00Z'),
      newUid: () => 'fresh',
    });
  const arrivals = (changes: Change[], files: string[]) => ({ changes, fileOf: (i: number) => files[i] ?? '?' });

  test('a state another device sends alone, whose pause runs past its stop, is refused naming the segment it came from', () => {
    const merged: Merged = keyed();
    const mine = makeSession({ id: 3, uid: 'u1', started_at: '2026-03-02T09:00:00Z', stopped_at: '2026-03-02T10:00:00Z' });
    round(merged, [], [mine]);
    // Each value passes on its own (the log's check); only with the start is the session impossible.
    const forged: Change = {
      uid: 'u1',
      at: AT,
      set: { ...state('completed', '2026-03-02T09:30:00Z', [pause('09:20', '09:40')]), updated_at: '2026-03-02T11:00:00Z' } as never,
    };
    expect(checkChange(forged, 'change 1')).toEqual(forged);
    const other = { ...created({}), uid: 'u2', at: '001772359200000.000001.desk' } as Change;
    const result = round(merged, [other, forged], [mine]);
    expect(() => checkMerged(result.apply, merged, arrivals([other, forged], ['seg-1.json', 'seg-2.json']), [mine])).toThrow(
      expect.objectContaining({
        code: 'store',
        title: 'Bad sync log',
        message: expect.stringMatching(
          /^seg-2\.json: session u1 would be one stint cannot store \(bad times \(pause 1 .* is outside the session\)\)/,
        ),
      }),
    );
  });

  test('a session of this device the store reads but no command writes (hand-edited) is named, not sent', () => {
    const merged: Merged = keyed();
    const mine = makeSession({ id: 3, uid: 'u1', task: 'x' });
    const result = round(merged, [], [mine]);
    expect(() => checkMerged(result.apply, merged, arrivals([], []), [mine])).toThrow(
      expect.objectContaining({
        code: 'store',
        title: 'Bad session',
        message: expect.stringMatching(/^session #3 \(x\) is one stint would not store elsewhere \(bad task/),
      }),
    );
  });

  test("one device's pause and another's later start, merged, are repaired as the README says, and pass", () => {
    const merged: Merged = keyed();
    const mine = makeSession({
      id: 3,
      uid: 'u1',
      started_at: '2026-03-02T09:00:00Z',
      stopped_at: null,
      status: 'running',
      updated_at: '2026-03-02T09:00:00Z',
    });
    round(merged, [], [mine]);
    const paused = { ...mine, status: 'paused' as const, pauses: [pause('09:20', null)], updated_at: '2026-03-02T09:20:00Z' };
    const moved: Change = {
      uid: 'u1',
      at: '001772445000000.000000.desk',
      set: { started_at: '2026-03-02T09:40:00Z', updated_at: '2026-03-02T09:50:00Z' },
    };
    const result = round(merged, [moved], [paused]);
    expect(() => checkMerged(result.apply, merged, arrivals([moved], ['seg.json']), [paused])).not.toThrow();
    expect(result.apply[0]?.session).toMatchObject({
      started_at: '2026-03-02T09:40:00Z',
      status: 'paused',
      pauses: [pause('09:40', null)],
    });
  });
});

import { describe, expect, test } from 'vitest';
import { applyImport, type ImportInput } from '../../src/core/import/plan.js';
import type { ImportRecord } from '../../src/core/import/record.js';
import { makeData, makeSession } from '../helpers/factories.js';

const record = (n: number, overrides: Partial<ImportRecord> = {}): ImportRecord => ({
  where: `frame ${n}`,
  uid: `watson-${n}`,
  task: 'coding',
  tags: [],
  started_at: `2026-01-${String(10 + n).padStart(2, '0')}T09:00:00Z`,
  stopped_at: `2026-01-${String(10 + n).padStart(2, '0')}T10:00:00Z`,
  status: 'completed',
  planned_seconds: null,
  pauses: [],
  note: null,
  updated_at: '2026-02-01T00:00:00Z',
  ...overrides,
});
const input = (records: ImportRecord[], invalid: ImportInput['parsed']['invalid'] = []): ImportInput => ({
  parsed: { records, invalid },
  format: 'watson',
});
const options = { skipInvalid: false, dryRun: false, now: new Date('2026-03-01T12:00:00Z') };

describe('applyImport', () => {
  test('new sessions continue the local counter, oldest first, keeping uid and updated_at', () => {
    const data = makeData([makeSession({ id: 1, uid: 'local' })], 8);
    const summary = applyImport(data, [input([record(3), record(1), record(2)])], options);
    expect(summary).toMatchObject({ imported: 3, duplicates: 0, first_id: 8, last_id: 10 });
    expect(data.next_id).toBe(11);
    expect(data.sessions.slice(1).map((s) => [s.id, s.uid, s.updated_at])).toEqual([
      [8, 'watson-1', '2026-02-01T00:00:00Z'],
      [9, 'watson-2', '2026-02-01T00:00:00Z'],
      [10, 'watson-3', '2026-02-01T00:00:00Z'],
    ]);
  });

  test('a second import of the same entries adds nothing; a repeat inside the file counts once', () => {
    const data = makeData();
    applyImport(data, [input([record(1), record(2)])], options);
    const again = applyImport(data, [input([record(1), record(2), record(3), record(3)])], options);
    expect(again).toMatchObject({ imported: 1, duplicates: 3 });
    expect(data.sessions.map((s) => s.uid)).toEqual(['watson-1', 'watson-2', 'watson-3']);
  });

  test('one session twice in a file with other contents is a damaged file: refused, or left out with --skip-invalid', () => {
    // Timewarrior's uid is its interval's times: the same times with other tags would lose one.
    const twice = [record(1), record(1, { where: 'frame 2', tags: ['other'] })];
    const data = makeData();
    expect(() => applyImport(data, [input(twice)], options)).toThrow(
      /^frame 2: the same session as frame 1 \(the same uid\), with other contents; nothing imported$/,
    );
    expect(data).toEqual(makeData());
    const summary = applyImport(data, [input(twice)], { ...options, skipInvalid: true });
    expect(summary).toMatchObject({ imported: 1, duplicates: 0, skipped: [{ where: 'frame 2' }] });
    expect(data.sessions.map((s) => s.tags)).toEqual([[]]);
  });

  test('in two files, the same session with other contents is a duplicate, as on a second import', () => {
    const data = makeData();
    const summary = applyImport(data, [input([record(1)]), input([record(1, { where: 'frame 9', tags: ['other'] })])], options);
    expect(summary).toMatchObject({ imported: 1, duplicates: 1 });
  });

  test("a second focus session of the file names the file's first, which has no ID yet", () => {
    const focus = (n: number) =>
      record(n, { stopped_at: null, status: 'running', planned_seconds: 1500, started_at: `2026-02-0${n}T09:00:00Z` });
    expect(() => applyImport(makeData(), [input([focus(1), focus(2)])], options)).toThrow(
      /^frame 2: the focus session of frame 1 \(coding\) is already active; nothing imported$/,
    );
  });

  test.each([
    // Sync keeps the later change: one stamped in the future would win every conflict.
    ['an updated_at in the future', record(1, { updated_at: '2286-11-20T17:46:39Z' }), /updated_at 2286-11-20T17:46:39Z is in the future/],
    ['a uid with a control character', record(1, { uid: 'a\u001bb' }), /the uid is not one stint can keep/],
    ['a uid of 5,000 characters', record(1, { uid: 'x'.repeat(5000) }), /at most 200 characters/],
  ])('%s is refused like a broken rule', (_name, bad, message) => {
    const data = makeData();
    expect(() => applyImport(data, [input([bad])], options)).toThrow(message);
    expect(data).toEqual(makeData());
  });

  test('an unreadable entry rejects everything, naming where and why', () => {
    const data = makeData();
    const bad = input(
      [record(1)],
      [
        { where: 'line 7', reason: 'end before start' },
        { where: 'line 9', reason: 'bad stamp' },
      ],
    );
    expect(() => applyImport(data, [bad], options)).toThrow(
      /^line 7: end before start; nothing imported \(and 1 more; --skip-invalid imports the rest\)$/,
    );
    expect(data).toEqual(makeData());
  });

  test('--skip-invalid imports the rest and lists what it left out', () => {
    const data = makeData();
    const summary = applyImport(data, [input([record(1)], [{ where: 'line 7', reason: 'end before start' }])], {
      ...options,
      skipInvalid: true,
    });
    expect(summary).toMatchObject({ imported: 1, skipped: [{ where: 'line 7', reason: 'end before start' }] });
  });

  test('names from elsewhere are converted, once per distinct name, with how many entries had it', () => {
    const data = makeData();
    const records = [
      record(1, { task: 'my big project', tags: ['a b', 'ok'] }),
      record(2, { task: 'my big project' }),
      record(3, { task: 'a-very-long-project-name-indeed' }),
    ];
    const summary = applyImport(data, [input(records)], options);
    expect(summary.converted).toEqual([
      { kind: 'task', from: 'my big project', to: 'my-big-project', count: 2 },
      { kind: 'tag', from: 'a b', to: 'a-b', count: 1 },
      // Cut to 20 characters, and the dash left at the end dropped.
      { kind: 'task', from: 'a-very-long-project-name-indeed', to: 'a-very-long-project', count: 1 },
    ]);
    expect(data.sessions[0]).toMatchObject({ task: 'my-big-project', tags: ['a-b', 'ok'] });
  });

  test('a second active focus session is refused like an unreadable entry', () => {
    const running = makeSession({ id: 1, uid: 'local', stopped_at: null, status: 'running', planned_seconds: 1500 });
    const focus = record(1, { stopped_at: null, status: 'running', planned_seconds: 1500 });
    expect(() => applyImport(makeData([running]), [input([focus])], options)).toThrow(
      /frame 1: focus session 1 \(coding\) is already active/,
    );
    const summary = applyImport(makeData([running]), [input([focus, record(2)])], { ...options, skipInvalid: true });
    expect(summary).toMatchObject({ imported: 1, skipped: [{ where: 'frame 1' }] });
  });
});

describe('the rules add and edit keep hold for imported sessions too', () => {
  test.each([
    [{ planned_seconds: 5 }, /planned_seconds 5 is outside/],
    [{ planned_seconds: 90_000 }, /planned_seconds 90000 is outside/],
    [{ note: 'x'.repeat(501) }, /at most 500 characters/],
  ])('%j is refused, or skipped with --skip-invalid', (bad, reason) => {
    expect(() => applyImport(makeData(), [input([record(1, bad)])], options)).toThrow(reason);
    const data = makeData();
    const summary = applyImport(data, [input([record(1, bad), record(2)])], { ...options, skipInvalid: true });
    expect(summary).toMatchObject({ imported: 1, skipped: [{ where: 'frame 1', reason: expect.stringMatching(reason) }] });
  });

  test('a note is kept as add keeps it: trimmed, and empty is none', () => {
    const data = makeData();
    applyImport(data, [input([record(1, { note: '  said hi  ' }), record(2, { note: '' })])], options);
    expect(data.sessions.map((s) => s.note)).toEqual(['said hi', null]);
  });
});

describe('no entry breaks a rule add keeps: nothing after now, 1970–9999, stop after start, pauses inside', () => {
  const NOW = options.now; // 2026-03-01T12:00:00Z
  test.each([
    [{ started_at: '2026-03-01T12:00:01Z', stopped_at: null, status: 'running' }, 'start 2026-03-01T12:00:01Z is in the future'],
    [{ started_at: '2026-03-01T11:00:00Z', stopped_at: '2026-03-01T12:30:00Z' }, 'stop 2026-03-01T12:30:00Z is in the future'],
    [{ started_at: '2027-01-01T09:00:00Z', stopped_at: '2027-01-01T10:00:00Z' }, 'start 2027-01-01T09:00:00Z is in the future'],
    [
      { started_at: '2026-01-11T10:00:00Z', stopped_at: '2026-01-11T09:00:00Z' },
      'stop 2026-01-11T09:00:00Z is before start 2026-01-11T10:00:00Z',
    ],
    [
      { started_at: '1969-12-31T23:00:00Z', stopped_at: '1970-01-01T01:00:00Z' },
      'start 1969-12-31T23:00:00Z is outside the years 1970–9999',
    ],
    [
      { started_at: '0001-01-01T00:00:00Z', stopped_at: '0001-01-01T01:00:00Z' },
      'start 0001-01-01T00:00:00Z is outside the years 1970–9999',
    ],
    // An offset can carry 9999-12-31 into year 10000, which no longer sorts as the others do.
    [{ stopped_at: '+010000-01-01T04:00:00Z' }, 'stop +010000-01-01T04:00:00Z is outside the years 1970–9999'],
    [
      { pauses: [{ started_at: '2026-01-11T08:30:00Z', ended_at: '2026-01-11T09:10:00Z' }] },
      'pause 1 at 2026-01-11T08:30:00Z is outside the session',
    ],
    [
      { pauses: [{ started_at: '2026-01-11T09:50:00Z', ended_at: '2026-01-11T10:10:00Z' }] },
      'pause 1 at 2026-01-11T09:50:00Z is outside the session',
    ],
    [
      {
        started_at: '2026-03-01T11:00:00Z',
        stopped_at: null,
        status: 'paused',
        pauses: [{ started_at: '2026-03-01T13:00:00Z', ended_at: null }],
      },
      'pause 1 start 2026-03-01T13:00:00Z is in the future',
    ],
  ] as [Partial<ImportRecord>, string][])('%j: refused, nothing imported; skipped and listed with --skip-invalid', (bad, reason) => {
    const data = makeData([makeSession({ id: 1, uid: 'mine' })]);
    const before = structuredClone(data);
    expect(() => applyImport(data, [input([record(2), record(1, bad)])], options)).toThrow(`frame 1: ${reason}; nothing imported`);
    expect(data).toEqual(before);
    const summary = applyImport(data, [input([record(1, bad), record(2)])], { ...options, skipInvalid: true });
    expect(summary).toMatchObject({ imported: 1, skipped: [{ where: 'frame 1', reason }] });
    expect(data.sessions.map((s) => s.uid)).toEqual(['mine', 'watson-2']);
  });

  test('up to now itself, and a zero-length session as stop makes one, are fine', () => {
    const at = NOW.toISOString().replace('.000Z', 'Z');
    const summary = applyImport(
      makeData(),
      [input([record(1, { started_at: at, stopped_at: at }), record(2, { started_at: at, stopped_at: null, status: 'running' })])],
      options,
    );
    expect(summary).toMatchObject({ imported: 2, skipped: [] });
  });
});

describe('a Watson frame edited there since it was imported', () => {
  const frame = record(1, { tags: ['a'] });
  const edited = record(1, {
    task: 'writing',
    tags: ['b b'],
    started_at: '2026-02-20T08:00:00Z',
    stopped_at: '2026-02-20T09:30:00Z',
    updated_at: '2026-02-20T09:31:00Z',
  });
  const imported = () => {
    const data = makeData([makeSession({ id: 1, uid: 'mine' })]);
    applyImport(data, [input([frame])], options);
    data.sessions[1]!.note = 'said here';
    return data;
  };

  test('newer updated_at: its times and names replace the session’s, which keeps its ID and note', () => {
    const data = imported();
    const summary = applyImport(data, [input([edited, record(2)])], options);
    expect(summary).toMatchObject({ imported: 1, updated: 1, duplicates: 0, first_id: 3, last_id: 3 });
    expect(summary.converted).toEqual([{ kind: 'tag', from: 'b b', to: 'b-b', count: 1 }]);
    expect(data.sessions[1]).toEqual({
      id: 2,
      uid: 'watson-1',
      task: 'writing',
      tags: ['b-b'],
      started_at: '2026-02-20T08:00:00Z',
      stopped_at: '2026-02-20T09:30:00Z',
      status: 'completed',
      planned_seconds: null,
      pauses: [],
      note: 'said here',
      updated_at: '2026-02-20T09:31:00Z',
    });
    expect(data.next_id).toBe(4);
    // The same file again: now equal, a duplicate.
    expect(applyImport(data, [input([edited])], options)).toMatchObject({ imported: 0, updated: 0, duplicates: 1 });
  });

  test.each([
    ['an equal updated_at', { updated_at: frame.updated_at }],
    ['an older updated_at', { updated_at: '2026-01-01T00:00:00Z' }],
  ])('%s is a duplicate, the session unchanged', (_what, stamp) => {
    const data = imported();
    const before = structuredClone(data);
    expect(applyImport(data, [input([{ ...edited, ...stamp }])], options)).toMatchObject({ imported: 0, updated: 0, duplicates: 1 });
    expect(data).toEqual(before);
  });

  test.each(['stint', 'csv', 'timewarrior'] as const)(
    'from %s, a newer updated_at is still a duplicate: only Watson stamps its edits',
    (format) => {
      const data = imported();
      const before = structuredClone(data);
      expect(applyImport(data, [{ ...input([edited]), format }], options)).toMatchObject({ updated: 0, duplicates: 1 });
      expect(data).toEqual(before);
    },
  );

  test('an edit that breaks a rule (here: in the future) is refused like any entry', () => {
    const data = imported();
    const future = {
      ...edited,
      started_at: '2026-03-02T08:00:00Z',
      stopped_at: '2026-03-02T09:00:00Z',
      updated_at: '2026-03-02T09:00:00Z',
    };
    expect(() => applyImport(data, [input([future])], options)).toThrow(
      'frame 1: start 2026-03-02T08:00:00Z is in the future; nothing imported',
    );
    expect(applyImport(data, [input([future])], { ...options, skipInvalid: true })).toMatchObject({
      updated: 0,
      skipped: [{ where: 'frame 1' }],
    });
  });
});

import { describe, expect, test } from 'vitest';
import { decodeMonth, decodeRoot, emptyRoot, encodeMonth, encodeRoot, MONTH_PARTS, STORE_VERSION } from '../../src/store/schema.js';
import { makeSession } from '../helpers/factories.js';

const F = '/data/state.json';

function refusal(text: string): string {
  try {
    decodeRoot(text, F);
  } catch (error) {
    expect(error).toMatchObject({ code: 'store', title: 'Store unreadable' });
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

/** A root holding `active` as its running sessions. */
const rootText = (active: unknown[], fields: Record<string, unknown> = {}) =>
  JSON.stringify({ version: 2, revision: 1, next_id: 2, active, months: {}, ...fields });

describe('the root is checked, and refused when in doubt', () => {
  test.each([
    ['truncated JSON', '{"version":2,"revision":1,"next_id":2,"active":[{"id":1', /not valid JSON/],
    ['empty file', '', /not valid JSON/],
    ['an array', '[]', /expected a JSON object/],
    ['no version', '{"revision":1,"next_id":1,"active":[],"months":{}}', /missing or invalid "version"/],
    ['no counter', '{"version":2,"revision":1,"active":[],"months":{}}', /missing or invalid "next_id"/],
    ['active not a list', '{"version":2,"revision":1,"next_id":1,"active":{},"months":{}}', /"active" is not a list/],
  ])('refuses %s, naming the file', (_name, text, why) => {
    const message = refusal(text);
    expect(message).toContain(F);
    expect(message).toMatch(why);
    expect(message).toMatch(/left untouched/);
  });

  test('refuses a newer version and says to upgrade', () => {
    const message = refusal(rootText([], { version: STORE_VERSION + 1 }));
    expect(message).toMatch(/newer stint \(store version 4, this one reads up to 3\); upgrade stint/);
  });

  test('an older version has no upgrade (2 is the first released layout) and is refused, not guessed at', () => {
    expect(refusal(rootText([], { version: 1 }))).toMatch(/unexpected "version" 1/);
  });

  test.each([
    ['bad status', { status: 'done' }, /index 0: invalid "status"/],
    ['bad start', { started_at: 'yesterday' }, /index 0: invalid "started_at"/],
    ['device that is not a name', { device: 7 }, /index 0: invalid "device"/],
    ['empty device', { device: '' }, /index 0: invalid "device"/],
    ['ID at or above the counter', { id: 9 }, /"id" 9 is not below "next_id" 2/],
    // Hand-edited badly: what no command can write, and what would mislead every report.
    ['stop before its start', { status: 'completed', stopped_at: '2026-01-15T12:00:00Z' }, /index 0: "stopped_at" is before "started_at"/],
    ['stop before its start (offsets)', { status: 'completed', stopped_at: '2026-01-15T13:30:00+01:00' }, /"stopped_at" is before/],
    [
      'running status with a stop',
      { status: 'running', stopped_at: '2026-01-15T14:00:00Z' },
      /index 0: "status" running with a "stopped_at"/,
    ],
    ['ended status without a stop', { status: 'completed', stopped_at: null }, /index 0: "status" completed without a "stopped_at"/],
    ['task holding a terminal escape', { task: '\u001b[2Jx' }, /index 0: invalid "task"/],
    ['tag holding a carriage return', { tags: ['a\rb'] }, /index 0: invalid "tags"/],
    ['note holding a terminal escape', { note: 'x\u001b[31m' }, /index 0: invalid "note"/],
    // Fields the reports, status and sync compute with: a bad one would reach them as NaN or a crash.
    ['planned time that is text', { planned_seconds: '1500' }, /index 0: invalid "planned_seconds"/],
    ['planned time of zero', { planned_seconds: 0 }, /index 0: invalid "planned_seconds"/],
    ['planned time with a fraction', { planned_seconds: 1500.5 }, /index 0: invalid "planned_seconds"/],
    ['missing planned time', { planned_seconds: undefined }, /index 0: invalid "planned_seconds"/],
    ['pause that is not an object', { pauses: ['x'] }, /index 0: invalid "pauses"/],
    ['pause with a bad start', { pauses: [{ started_at: 'soon', ended_at: null }] }, /index 0: invalid "pauses"/],
    ['pause without its end', { pauses: [{ started_at: '2026-01-15T13:10:00Z' }] }, /index 0: invalid "pauses"/],
    [
      'pause ending before it starts',
      { pauses: [{ started_at: '2026-01-15T13:10:00Z', ended_at: '2026-01-15T13:05:00Z' }] },
      /index 0: invalid "pauses"/,
    ],
    ['missing updated_at', { updated_at: undefined }, /index 0: invalid "updated_at"/],
    ['updated_at that is no instant', { updated_at: 'now' }, /index 0: invalid "updated_at"/],
  ])('refuses a session with a %s', (_name, override, why) => {
    const session = { ...makeSession({ id: 1, status: 'running', stopped_at: null }), ...override };
    expect(refusal(rootText([session]))).toMatch(why);
  });

  test('refuses a duplicated ID', () => {
    const running = makeSession({ id: 2, status: 'running', stopped_at: null });
    expect(refusal(rootText([running, running], { next_id: 3 }))).toMatch(/index 1: "id" 2 appears twice/);
  });

  test('refuses a "changed" index that names a bad month or a revision not reached yet', () => {
    expect(refusal(rootText([], { changed: { '2026-13': 1 } }))).toMatch(/"changed" has an invalid entry for month "2026-13"/);
    expect(refusal(rootText([], { changed: { '2026-01': 2 } }))).toMatch(/"changed" has an invalid entry for month "2026-01"/);
    expect(decodeRoot(rootText([], { changed: { '2026-01': 1 } }), F).changed).toEqual({ '2026-01': 1 });
  });
});

describe('version-2 root and month files', () => {
  test('the root round-trips and carries the version', () => {
    const root = {
      ...emptyRoot(),
      revision: 4,
      next_id: 9,
      active: [makeSession({ id: 8, status: 'running', stopped_at: null })],
      months: { '2026-01': { file: 'sessions/2026-01.r3.json', count: 2, min_id: 1, max_id: 7, max_seconds: 3600 } },
      undo: [{ label: 'stop #8 coding', at: '2026-01-15T10:00:00.000Z', before: { next_id: 9, active: [], months: { '2026-01': null } } }],
    };
    const text = encodeRoot(root);
    expect(JSON.parse(text).version).toBe(STORE_VERSION);
    expect(decodeRoot(text, F)).toEqual(root);
  });

  test('the root is written on one line, and a spaced one (older stint, or by hand) reads the same', () => {
    const root = { ...emptyRoot(), revision: 2, next_id: 3, changed: { '2026-01': 2 } };
    const text = encodeRoot(root);
    expect(text).toBe(`${JSON.stringify(root)}\n`);
    expect(text.indexOf('\n')).toBe(text.length - 1);
    expect(decodeRoot(`${JSON.stringify(root, null, 1)}\n`, F)).toEqual(decodeRoot(text, F));
  });

  test('a root without undo history reads as an empty one', () => {
    const text = JSON.stringify({ version: 2, revision: 1, next_id: 1, active: [], months: {} });
    expect(decodeRoot(text, F).undo).toEqual([]);
    expect(() => decodeRoot(JSON.stringify({ version: 2, revision: 1, next_id: 1, active: [], months: {}, undo: {} }), F)).toThrow(
      /"undo" is not a list/,
    );
  });

  const entry = (file: string) => ({ file, count: 1, min_id: 1, max_id: 1, max_seconds: 0 });

  test('the root reads a month entry whose file is named for its month', () => {
    const months = { '2026-01': entry('sessions/2026-01.r12-abc.json') };
    const text = JSON.stringify({ version: 2, revision: 1, next_id: 2, active: [], months });
    expect(decodeRoot(text, F).months).toEqual(months);
  });

  test('the root reads a month entry with parts, each a file of its month', () => {
    const parts = Array.from({ length: MONTH_PARTS }, (_, i) => `sessions/2026-01.r${i + 2}-x.json`);
    const months = { '2026-01': { ...entry('sessions/2026-01.r1-abc.json'), parts } };
    const text = JSON.stringify({ version: 3, revision: 1, next_id: 2, active: [], months });
    expect(decodeRoot(text, F).months).toEqual(months);
  });

  test('a version-2 root naming parts is refused: version 2 had none', () => {
    const months = { '2026-01': { ...entry('sessions/2026-01.r1.json'), parts: ['sessions/2026-01.r2.json'] } };
    expect(() => decodeRoot(JSON.stringify({ version: 2, revision: 2, next_id: 2, active: [], months }), F)).toThrow(
      /version 2 has no month parts/,
    );
    const undo = [{ label: 'stop #1 x', at: '2026-01-15T10:00:00.000Z', before: { next_id: 2, active: [], months } }];
    const plain = { '2026-01': entry('sessions/2026-01.r1.json') };
    expect(() => decodeRoot(JSON.stringify({ version: 2, revision: 2, next_id: 2, active: [], months: plain, undo }), F)).toThrow(
      /version 2 has no month parts/,
    );
    expect(decodeRoot(JSON.stringify({ version: 3, revision: 2, next_id: 2, active: [], months: plain, undo }), F).undo).toHaveLength(1);
  });

  const withParts = (parts: unknown) => ({ '2026-01': { ...entry('sessions/2026-01.r1.json'), parts } });
  test.each([
    ['parts that are not a list', withParts('sessions/2026-01.r2.json')],
    ['an empty list of parts', withParts([])],
    [`more than ${MONTH_PARTS} parts`, withParts(Array.from({ length: MONTH_PARTS + 1 }, (_, i) => `sessions/2026-01.r${i + 2}.json`))],
    ['a part of another month', withParts(['sessions/2026-02.r2.json'])],
    ['a part outside the store', withParts(['../../etc/passwd'])],
    ['a part named twice', withParts(['sessions/2026-01.r2.json', 'sessions/2026-01.r2.json'])],
    ['a part that is the month file', withParts(['sessions/2026-01.r1.json'])],
    ['a part that is not a name', withParts([7])],
  ])('the root refuses %s', (_name, months) => {
    const text = JSON.stringify({ version: 3, revision: 1, next_id: 1, active: [], months });
    expect(() => decodeRoot(text, F)).toThrow(/invalid entry for month "2026-01"/);
  });

  test.each([
    ['a month entry pointing outside the store', { '2026-01': { file: '../../etc/passwd' } }, /invalid entry for month "2026-01"/],
    ['a bad month key', { jan: { file: 'sessions/2026-01.r1.json' } }, /invalid entry for month "jan"/],
    ["another month's file", { '2026-01': entry('sessions/2026-02.r1.json') }, /invalid entry for month "2026-01"/],
    ['a file of a month one digit off', { '2026-01': entry('sessions/2026-011.r1.json') }, /invalid entry for month "2026-01"/],
    ['a file without its dot', { '2026-01': entry('sessions/2026-01r1.json') }, /invalid entry for month "2026-01"/],
    ['a null entry (only an undo entry may have one)', { '2026-01': null }, /invalid entry for month "2026-01"/],
    [
      'an ends_by that is not whole seconds',
      { '2026-01': { ...entry('sessions/2026-01.r1.json'), ends_by: 1.5 } },
      /invalid entry for month "2026-01"/,
    ],
    ['an ends_by before 1970', { '2026-01': { ...entry('sessions/2026-01.r1.json'), ends_by: -1 } }, /invalid entry for month "2026-01"/],
    [
      'an ends_by before its month began (every range read would skip the month)',
      { '2026-01': { ...entry('sessions/2026-01.r1.json'), ends_by: Date.UTC(2026, 0, 1) / 1000 - 1 } },
      /invalid entry for month "2026-01"/,
    ],
    [
      'an ends_by as text',
      { '2026-01': { ...entry('sessions/2026-01.r1.json'), ends_by: '2026-01-02T00:00:00Z' } },
      /invalid entry for month "2026-01"/,
    ],
    [
      'a count past the safe integers',
      { '2026-01': { ...entry('sessions/2026-01.r1.json'), count: 2 ** 53 } },
      /invalid entry for month "2026-01"/,
    ],
  ])('the root refuses %s', (_name, months, why) => {
    const text = JSON.stringify({ version: 2, revision: 1, next_id: 1, active: [], months });
    expect(() => decodeRoot(text, F)).toThrow(why);
  });

  test('a month file keeps one session a line and round-trips', () => {
    const sessions = [makeSession({ id: 1 }), makeSession({ id: 2, note: 'a "quoted", note' })];
    const text = encodeMonth('2026-01', sessions);
    expect(text.split('\n')).toHaveLength(5);
    expect(decodeMonth(text, F, 3, '2026-01')).toEqual(sessions);
    expect(() => decodeMonth(text.slice(0, 40), F, 3, '2026-01')).toThrow(/not valid JSON/);
  });

  test('a month file of another month than the one it is filed under is refused', () => {
    const text = encodeMonth('2026-01', [makeSession({ id: 1 })]);
    expect(() => decodeMonth(text, F, 3, '2026-02')).toThrow(`${F}: "month" is not "2026-02", the month the root files it under`);
  });

  // A field stint does not write is not understood: read on, the next rewrite would drop it.
  const session = JSON.parse(JSON.stringify(makeSession({ id: 1 })));
  const root = { version: 3, revision: 1, next_id: 2, active: [], months: {} };
  const monthEntry = { file: 'sessions/2026-01.r1-abc.json', count: 1, min_id: 1, max_id: 1, max_seconds: 60 };
  test.each([
    ['the root', () => decodeRoot(JSON.stringify({ ...root, bogus: 1 }), F), 'unknown field "bogus"'],
    [
      'a month entry',
      () => decodeRoot(JSON.stringify({ ...root, months: { '2026-01': { ...monthEntry, colour: 1 } } }), F),
      '"months" has an invalid entry for month "2026-01"',
    ],
    [
      'an undo entry',
      () =>
        decodeRoot(
          JSON.stringify({
            ...root,
            undo: [{ label: 'x', at: '2026-01-01T00:00:00Z', before: { next_id: 1, active: [], months: {} }, extra: 1 }],
          }),
          F,
        ),
      'undo entry at index 0: unknown field "extra"',
    ],
    [
      "an undo entry's before",
      () =>
        decodeRoot(
          JSON.stringify({
            ...root,
            undo: [{ label: 'x', at: '2026-01-01T00:00:00Z', before: { next_id: 1, active: [], months: {}, x: 1 } }],
          }),
          F,
        ),
      'undo entry at index 0: unknown field "before.x"',
    ],
    [
      'an active session',
      () => decodeRoot(JSON.stringify({ ...root, active: [{ ...session, colour: 'red' }] }), F),
      'session at index 0: unknown field "colour"',
    ],
    [
      'a month file',
      () => decodeMonth(JSON.stringify({ version: 3, month: '2026-01', sessions: [], bogus: true }), F, 2, '2026-01'),
      'unknown field "bogus"',
    ],
    [
      "a month file's session",
      () => decodeMonth(JSON.stringify({ version: 3, month: '2026-01', sessions: [{ ...session, colour: 'red' }] }), F, 2, '2026-01'),
      'session at index 0: unknown field "colour"',
    ],
    [
      'a pause',
      () =>
        decodeMonth(
          JSON.stringify({
            version: 3,
            month: '2026-01',
            sessions: [{ ...session, pauses: [{ started_at: session.started_at, ended_at: null, why: 1 }] }],
          }),
          F,
          2,
          '2026-01',
        ),
      'session at index 0: invalid "pauses"',
    ],
  ])('an unknown field in %s is refused, naming the file', (_name, decode, why) => {
    expect(decode).toThrow(`${F}: ${why}`);
  });
});

import { describe, expect, test } from 'vitest';
import {
  decodeLegacyFile,
  decodeMonth,
  decodeRoot,
  emptyRoot,
  encodeLegacyFile,
  encodeMonth,
  encodeRoot,
  STORE_VERSION,
} from '../../src/store/schema.js';
import { makeData, makeSession } from '../helpers/factories.js';

const F = '/data/sessions.json';

function refusal(text: string): string {
  try {
    decodeLegacyFile(text, F);
  } catch (error) {
    expect(error).toMatchObject({ code: 'store', title: 'Store unreadable' });
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('version-1 sessions file', () => {
  test('round trip keeps everything and writes the version', () => {
    const data = makeData([makeSession({ id: 1, tags: ['a'], note: 'n' }), makeSession({ id: 3 })], 5);
    const text = encodeLegacyFile(data);
    expect(JSON.parse(text)).toMatchObject({ version: 1, next_id: 5 });
    expect(decodeLegacyFile(text, F)).toEqual(data);
  });

  test.each([
    ['truncated JSON', '{"version":1,"next_id":2,"sessions":[{"id":1', /not valid JSON/],
    ['empty file', '', /not valid JSON/],
    ['an array', '[]', /expected a JSON object/],
    ['no version', '{"next_id":1,"sessions":[]}', /missing or invalid "version"/],
    ['no counter', '{"version":1,"sessions":[]}', /missing or invalid "next_id"/],
    ['sessions not a list', '{"version":1,"next_id":1,"sessions":{}}', /"sessions" is not a list/],
  ])('refuses %s, naming the file', (_name, text, why) => {
    const message = refusal(text);
    expect(message).toContain(F);
    expect(message).toMatch(why);
    expect(message).toMatch(/left untouched/);
  });

  test('refuses a newer version and says to upgrade', () => {
    const message = refusal(JSON.stringify({ version: STORE_VERSION + 1, next_id: 1, sessions: [] }));
    expect(message).toMatch(/newer stint \(store version 3, this one reads up to 2\); upgrade stint/);
  });

  test.each([
    ['bad status', { status: 'done' }, /index 0: invalid "status"/],
    ['bad start', { started_at: 'yesterday' }, /index 0: invalid "started_at"/],
    ['ID at or above the counter', { id: 9 }, /"id" 9 is not below "next_id" 2/],
  ])('refuses a session with a %s', (_name, override, why) => {
    const session = { ...makeSession({ id: 1 }), ...override };
    expect(refusal(JSON.stringify({ version: 1, next_id: 2, sessions: [session] }))).toMatch(why);
  });

  test('refuses a duplicated ID', () => {
    const text = JSON.stringify({ version: 1, next_id: 3, sessions: [makeSession({ id: 2 }), makeSession({ id: 2 })] });
    expect(refusal(text)).toMatch(/index 1: "id" 2 appears twice/);
  });
});

describe('version-2 root and month files', () => {
  test('the root round-trips and carries the version', () => {
    const root = { ...emptyRoot(), revision: 4, next_id: 9, active: [makeSession({ id: 8, status: 'running', stopped_at: null })], months: { '2026-01': { file: 'sessions/2026-01.r3.json', count: 2, min_id: 1, max_id: 7, max_seconds: 3600 } }, undo: [{ label: 'stop #8 coding', at: '2026-01-15T10:00:00.000Z', before: { next_id: 9, active: [], months: { '2026-01': null } } }] };
    const text = encodeRoot(root);
    expect(JSON.parse(text).version).toBe(STORE_VERSION);
    expect(decodeRoot(text, F)).toEqual(root);
  });

  test('a root without undo history reads as an empty one', () => {
    const text = JSON.stringify({ version: 2, revision: 1, next_id: 1, active: [], months: {} });
    expect(decodeRoot(text, F).undo).toEqual([]);
    expect(() => decodeRoot(JSON.stringify({ version: 2, revision: 1, next_id: 1, active: [], months: {}, undo: {} }), F)).toThrow(/"undo" is not a list/);
  });

  test.each([
    ['a month entry pointing outside the store', { '2026-01': { file: '../../etc/passwd' } }, /invalid entry for month "2026-01"/],
    ['a bad month key', { 'jan': { file: 'sessions/2026-01.r1.json' } }, /invalid entry for month "jan"/],
  ])('the root refuses %s', (_name, months, why) => {
    const text = JSON.stringify({ version: 2, revision: 1, next_id: 1, active: [], months });
    expect(() => decodeRoot(text, F)).toThrow(why);
  });

  test('a month file keeps one session a line and round-trips', () => {
    const sessions = [makeSession({ id: 1 }), makeSession({ id: 2, note: 'a "quoted", note' })];
    const text = encodeMonth('2026-01', sessions);
    expect(text.split('\n')).toHaveLength(5);
    expect(decodeMonth(text, F, 3)).toEqual(sessions);
    expect(() => decodeMonth(text.slice(0, 40), F, 3)).toThrow(/not valid JSON/);
  });
});

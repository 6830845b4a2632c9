import { describe, expect, test } from 'vitest';
import { decodeSessionsFile, encodeSessionsFile, STORE_VERSION } from '../../src/store/schema.js';
import { makeData, makeSession } from '../helpers/factories.js';

const F = '/data/sessions.json';

function refusal(text: string): string {
  try {
    decodeSessionsFile(text, F);
  } catch (error) {
    expect(error).toMatchObject({ code: 'store', title: 'Store unreadable' });
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('sessions file', () => {
  test('round trip keeps everything and writes the version', () => {
    const data = makeData([makeSession({ id: 1, tags: ['a'], note: 'n' }), makeSession({ id: 3 })], 5);
    const text = encodeSessionsFile(data);
    expect(JSON.parse(text)).toMatchObject({ version: STORE_VERSION, next_id: 5 });
    expect(decodeSessionsFile(text, F)).toEqual(data);
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
    expect(message).toMatch(/newer stint \(store version 2, this one reads up to 1\); upgrade stint/);
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

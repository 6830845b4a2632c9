import { describe, expect, test } from 'vitest';
import { csvField, csvLine, csvTable, SESSION_CSV_HEADER, sessionCsvRow } from '../../src/render/csv.js';
import { makeLocalIso } from '../../src/render/local-iso.js';
import { at, makeSession } from '../helpers/factories.js';

describe('csv', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['said "hi", then left', '"said ""hi"", then left"'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['', ''],
    [null, ''],
    [42, '42'],
  ])('field %j → %s', (value, encoded) => expect(csvField(value)).toBe(encoded));

  test('a header row, then one record a line, each ending in \\n', () => {
    expect(
      csvTable(
        ['name', 'note'],
        [
          ['a', 'x,y'],
          ['b', null],
        ],
      ),
    ).toBe('name,note\na,"x,y"\nb,\n');
    expect(csvLine([])).toBe('\n');
  });

  test('sessions use the JSON view’s field names; tags joined with ;, as export does; null is empty', () => {
    const session = makeSession({ tags: ['work', 'client'], note: 'said "hi", then left' });
    expect(csvLine(SESSION_CSV_HEADER)).toBe(
      'session_id,task_name,started_at,stopped_at,duration_seconds,status,planned_seconds,paused_seconds,tags,note\n',
    );
    expect(csvLine(sessionCsvRow(session, at('2026-01-16T00:00:00Z'), makeLocalIso()))).toBe(
      '1,coding,2026-01-15T14:00:00+01:00,2026-01-15T15:00:00+01:00,3600,completed,,0,work;client,"said ""hi"", then left"\n',
    );
  });
});

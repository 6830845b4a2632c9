import { describe, expect, test } from 'vitest';
import { detectFormat, parseImport } from '../../src/core/import/index.js';
import type { ImportRecord, ParsedImport } from '../../src/core/import/record.js';
import { STINT_EXPORT_FIELDS, STINT_EXPORT_VERSION } from '../../src/core/import/stint.js';
import type { Session } from '../../src/core/session.js';
import { csvLine } from '../../src/render/csv.js';
import { EXPORT_CSV_HEADER, EXPORT_VERSION, exportCsvLine, exportedSession } from '../../src/render/export.js';
import { makeLocalIso } from '../../src/render/local-iso.js';
import { makeSession } from '../helpers/factories.js';

const NOW = new Date('2026-07-01T12:00:00Z');

// A winter session (+01:00) and summer ones (+02:00), every stored field exercised.
const SESSIONS: Session[] = [
  makeSession({
    id: 1,
    uid: 'u-1',
    task: 'coding',
    tags: ['work', 'client-x'],
    note: 'Called Anna, said "hi"\nthen left',
    started_at: '2026-01-15T13:00:00Z',
    stopped_at: '2026-01-15T15:00:00Z',
    updated_at: '2026-01-16T08:00:00Z',
    pauses: [{ started_at: '2026-01-15T13:30:00Z', ended_at: '2026-01-15T13:45:00Z' }],
  }),
  makeSession({
    id: 2,
    uid: 'u-2',
    task: 'écriture',
    tags: ['thèse'],
    status: 'paused',
    planned_seconds: 1500,
    started_at: '2026-06-30T09:00:00Z',
    stopped_at: null,
    updated_at: '2026-06-30T09:20:00Z',
    pauses: [
      { started_at: '2026-06-30T09:05:00Z', ended_at: '2026-06-30T09:06:00Z' },
      { started_at: '2026-06-30T09:20:00Z', ended_at: null },
    ],
  }),
  makeSession({
    id: 3,
    uid: 'u-3',
    task: 'review',
    status: 'running',
    started_at: '2026-06-30T10:00:00Z',
    stopped_at: null,
    note: 'windows\r\nline end',
    updated_at: '2026-06-30T10:00:00Z',
  }),
  makeSession({
    id: 7,
    uid: 'u-7',
    task: 'deep',
    status: 'abandoned',
    planned_seconds: 2700,
    started_at: '2026-06-29T22:30:00Z',
    stopped_at: '2026-06-29T22:40:00Z',
    updated_at: '2026-06-29T22:40:00Z',
  }),
];

const fields = ({ where: _where, ...rest }: ImportRecord) => rest;
const stintJson = (sessions: readonly Session[]) =>
  JSON.stringify({ version: EXPORT_VERSION, sessions: sessions.map((s) => exportedSession(s, NOW)) });
const stintCsv = (sessions: readonly Session[]) => {
  const iso = makeLocalIso();
  return csvLine(EXPORT_CSV_HEADER) + sessions.map((s) => exportCsvLine(s, NOW, iso)).join('');
};
const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};
const invalidFile = { code: 'invalid_input', title: 'Invalid file' };

describe('detectFormat', () => {
  test.each([
    ['stint', stintJson(SESSIONS)],
    ['stint', `\ufeff${stintJson([])}`],
    ['watson', '[[1767258000, 1767261600, "p", "id", [], 1767261600]]'],
    ['watson', '[]'],
    ['timewarrior', '[{"id":1,"start":"20260101T090000Z","end":"20260101T100000Z","tags":["x"]}]'],
    ['timewarrior', '\n\ninc 20260101T090000Z - 20260101T100000Z # x\n'],
    ['csv', stintCsv(SESSIONS)],
    ['csv', '\ufeff"task_name","started_at"\n'],
  ])('%s', (format, text) => {
    expect(detectFormat(text)).toBe(format);
  });

  test.each(['', 'hello', '{"foo": 1}', '{"sessions": []}', '[broken', 'a,b,c\n1,2,3\n', 'include this\n', '"unclosed,task_name'])(
    'null for %j',
    (text) => {
      expect(detectFormat(text)).toBeNull();
    },
  );
});

describe('stint export, read back', () => {
  test('the reader knows the version the exporter writes', () => {
    expect(STINT_EXPORT_VERSION).toBe(EXPORT_VERSION);
  });

  test('the reader knows every field and column the exporter writes', () => {
    const synced = exportedSession({ ...(SESSIONS[0] as Session), device: 'laptop' }, NOW);
    expect(STINT_EXPORT_FIELDS).toEqual(expect.arrayContaining([...Object.keys(synced), ...EXPORT_CSV_HEADER]));
  });

  // What is not understood whole is refused, not read in part.
  const one = JSON.parse(stintJson(SESSIONS.slice(0, 1)));
  const session = one.sessions[0];
  test.each([
    ['a field beside "version" and "sessions"', 'stint', JSON.stringify({ ...one, extra: 1 }), invalidFile, /^Unknown field 'extra'/],
    [
      'a key given twice (stint)',
      'stint',
      `${JSON.stringify(one).slice(0, -3)},"task_name":"other"}]}`,
      invalidFile,
      /'task_name' is given twice/,
    ],
    [
      'a key given twice (Timewarrior export)',
      'timewarrior',
      '[{"id":1,"start":"20251001T080000Z","start":"20251002T080000Z","end":"20251002T090000Z"}]',
      invalidFile,
      /'start' is given twice/,
    ],
    ['a column stint does not export', 'csv', stintCsv(SESSIONS.slice(0, 1)).replace('updated_at', 'colour'), invalidFile, /'colour'/],
    ['a column twice', 'csv', stintCsv(SESSIONS.slice(0, 1)).replace('duration_seconds', 'note'), invalidFile, /the column 'note' twice/],
  ])('%s: the whole file is refused', (_name, format, text, error, message) => {
    const problem = thrown(() => parseImport(text, format as 'stint'));
    expect(problem).toMatchObject(error);
    expect((problem as Error).message).toMatch(message);
  });

  test.each([
    ['an unknown field', { ...session, colour: 'red' }, "unknown field 'colour'"],
    ['an unknown field in a pause', { ...session, pauses: [{ ...session.pauses[0], why: 'tea' }] }, "unknown field 'why' in a pause"],
  ])('a session with %s is an entry refused', (_name, bad, reason) => {
    const parsed = parseImport(JSON.stringify({ ...one, sessions: [bad] }), 'stint');
    expect(parsed).toMatchObject({ records: [], invalid: [{ where: 'session 1', reason }] });
  });

  test.each([
    ['stint', stintJson, ['session 1', 'session 2', 'session 3', 'session 4']],
    // The first note spans lines 2–3 and the CRLF one 5–6: each record is where it starts.
    ['csv', stintCsv, ['line 2', 'line 4', 'line 5', 'line 7']],
  ] as const)('%s: every stored field comes back, the ID included', (format, write, where) => {
    const parsed = parseImport(write(SESSIONS), format);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.records.map(fields)).toEqual(SESSIONS);
    expect(parsed.records.map((r) => r.where)).toEqual(where);
  });

  const base = exportedSession(SESSIONS[0] as Session, NOW);
  test.each([
    [{ started_at: 'yesterday' }, "started_at is not an ISO 8601 time with an offset: 'yesterday'"],
    [{ started_at: '2026-01-15T14:00:00' }, "started_at is not an ISO 8601 time with an offset: '2026-01-15T14:00:00'"],
    [{ stopped_at: '2026-02-30T10:00:00+01:00' }, "stopped_at is not a real time: '2026-02-30T10:00:00+01:00'"],
    [{ status: 'done' }, "unknown status 'done'"],
    [{ stopped_at: '2026-01-15T13:00:00+01:00' }, 'stopped_at is before started_at'],
    [{ status: 'running' }, 'a running session cannot have stopped_at'],
    [{ stopped_at: null }, 'a completed session needs stopped_at'],
    [{ uid: '' }, 'uid is missing'],
    [{ task_name: undefined }, 'task_name is missing'],
    [{ planned_seconds: 0 }, 'planned_seconds must be a positive whole number or null: 0'],
    [{ planned_seconds: 1.5 }, 'planned_seconds must be a positive whole number or null: 1.5'],
    [{ planned_seconds: '25' }, "planned_seconds must be a positive whole number or null: '25'"],
    [{ tags: 'work' }, 'tags must be a list of strings'],
    [
      { pauses: [{ started_at: '2026-01-15T14:30:00+01:00', ended_at: null }] },
      'pause 1 is open, but only the last pause of a paused session can be',
    ],
    [{ pauses: [{ started_at: '2026-01-15T13:00:00+01:00', ended_at: '2026-01-15T14:10:00+01:00' }] }, 'pause 1 starts before the session'],
    [{ started_at: '1969-12-31T23:59:59Z' }, "started_at is outside the years 1970–9999: '1969-12-31T23:59:59Z'"],
    [{ stopped_at: '9999-12-31T23:30:00-01:00' }, "stopped_at is outside the years 1970–9999: '9999-12-31T23:30:00-01:00'"],
    [{ session_id: 0 }, 'session_id must be a whole number from 1 to 999999999: 0'],
    [{ session_id: 2.5 }, 'session_id must be a whole number from 1 to 999999999: 2.5'],
    [{ session_id: '2' }, "session_id must be a whole number from 1 to 999999999: '2'"],
    [{ session_id: 1_000_000_000 }, 'session_id must be a whole number from 1 to 999999999: 1000000000'],
  ])('a session with %j is invalid', (change, reason) => {
    const text = JSON.stringify({ version: 1, sessions: [base, { ...base, ...change }] });
    const parsed = parseImport(text, 'stint');
    expect(parsed.records).toHaveLength(1);
    expect(parsed.invalid).toEqual([{ where: 'session 2', reason }]);
  });

  test.each([
    ['not JSON', 'uid,task_name'],
    ['a list', '[]'],
    ['a newer version', '{"version": 2, "sessions": []}'],
    ['no version', '{"sessions": []}'],
    ['no sessions', '{"version": 1}'],
  ])('refuses a file that is %s', (_what, text) => {
    expect(thrown(() => parseImport(text, 'stint'))).toMatchObject(invalidFile);
  });

  test('CSV: a broken line is reported where it is, the others still come in', () => {
    const [head, good] = stintCsv([SESSIONS[3] as Session]).split('\n') as [string, string];
    const broken = ['8,deep,broken', good.replace(',abandoned,', ',finished,'), '   ', good.replace('2026-06-30T00:40:00+02:00', 'soon')];
    const text = [head, good, '', ...broken, good].join('\n');
    const parsed = parseImport(text, 'csv');
    expect(parsed.records.map((r) => r.where)).toEqual(['line 2', 'line 8']);
    expect(parsed.invalid).toEqual([
      { where: 'line 4', reason: 'expected 13 fields, found 3' },
      { where: 'line 5', reason: "unknown status 'finished'" },
      { where: 'line 7', reason: "stopped_at is not an ISO 8601 time with an offset: 'soon'" },
    ]);
  });

  test('CSV: pauses that are not start/end and a bad planned_seconds are reported', () => {
    const [head, good] = stintCsv([SESSIONS[3] as Session]).split('\n') as [string, string];
    const text = [head, good.replace(',2700,', ',25m,'), good.replace('u-7,,', 'u-7,2026-06-30T00:35:00+02:00,')].join('\n');
    expect(parseImport(text, 'csv').invalid).toEqual([
      { where: 'line 2', reason: "planned_seconds must be a positive whole number or null: '25m'" },
      { where: 'line 3', reason: "pause 1 is not start/end: '2026-06-30T00:35:00+02:00'" },
    ]);
  });

  test('CSV: the session_id is read as a number; an empty one is none, anything else is refused', () => {
    const [head, good] = stintCsv([SESSIONS[3] as Session]).split('\n') as [string, string];
    const text = [head, good, good.replace(/^7,/, ','), good.replace(/^7,/, '7a,'), good.replace(/^7,/, ' 7,')].join('\n');
    const parsed = parseImport(text, 'csv');
    expect(parsed.records.map((r) => [r.where, r.id])).toEqual([
      ['line 2', 7],
      ['line 3', undefined],
    ]);
    expect(parsed.invalid).toEqual([
      { where: 'line 4', reason: "session_id must be a whole number from 1 to 999999999: '7a'" },
      { where: 'line 5', reason: "session_id must be a whole number from 1 to 999999999: ' 7'" },
    ]);
  });

  test.each([
    ['empty', ''],
    ['missing the uid column', 'task_name,started_at,status\ncoding,2026-01-15T14:00:00+01:00,completed\n'],
    ['cut by an unclosed quote', `${stintCsv(SESSIONS.slice(0, 1))}u-9,"coding,2026\n`],
  ])('CSV: refuses a file that is %s', (_what, text) => {
    expect(thrown(() => parseImport(text, 'csv'))).toMatchObject(invalidFile);
  });
});

describe('Watson frames', () => {
  const frames = [
    [1767258000, 1767261600, 'Écriture de thèse', 'a1', ['thèse', 'draft', 'thèse'], 1767262000],
    [1767261600, 1767265200, 'a project name longer than twenty', 'b2', [], 1767265300],
    ['9am', 1767265200, 'p', 'c3', [], 1767265200],
    [1767265200, 1767261600, 'p', 'd4', [], 1767265200],
    [1767265200, 1767268800, 'p', '', [], 1767268800],
    [1767265200, 1767268800, 'p', 'e5', ['ok', 3], 1767268800],
    [1767265200, 1767268800, 'p'],
    [1767265200.9, 1767268800, 'old', 'f6', []],
    // Watson gives every frame its own id: a second frame with one is damage, not an edit.
    [1767272400, 1767276000, 'again', 'a1', [], 1767276000],
  ];
  const record = (where: string, uid: string, task: string, tags: string[], start: string, stop: string, updated: string) => ({
    where,
    uid,
    task,
    tags,
    started_at: start,
    stopped_at: stop,
    status: 'completed',
    planned_seconds: null,
    pauses: [],
    note: null,
    updated_at: updated,
  });

  test('frames become completed records, names raw; bad frames are reported by number', () => {
    const parsed = parseImport(JSON.stringify(frames), 'watson');
    expect(parsed.records).toEqual([
      record(
        'frame 1',
        'watson-a1',
        'Écriture de thèse',
        ['thèse', 'draft'],
        '2026-01-01T09:00:00Z',
        '2026-01-01T10:00:00Z',
        '2026-01-01T10:06:40Z',
      ),
      record(
        'frame 2',
        'watson-b2',
        'a project name longer than twenty',
        [],
        '2026-01-01T10:00:00Z',
        '2026-01-01T11:00:00Z',
        '2026-01-01T11:01:40Z',
      ),
      // Five elements: a frame from before Watson kept updated_at.
      record('frame 8', 'watson-f6', 'old', [], '2026-01-01T11:00:00Z', '2026-01-01T12:00:00Z', '2026-01-01T12:00:00Z'),
    ]);
    expect(parsed.invalid).toEqual([
      { where: 'frame 3', reason: 'start is not a time in epoch seconds (1970 to 9999)' },
      { where: 'frame 4', reason: 'stop is before start' },
      { where: 'frame 5', reason: 'id is missing' },
      { where: 'frame 6', reason: 'tags are not a list of strings' },
      { where: 'frame 7', reason: 'expected [start, stop, project, id, tags, updated_at]' },
      { where: 'frame 9', reason: "id 'a1' is frame 1's too" },
    ]);
  });

  test.each([0, 951_825_599.7, 951_868_800, 1_774_744_200, 4_102_444_799, 253_402_300_799])(
    'epoch %d reads as the instant it is',
    (seconds) => {
      const iso = new Date(Math.floor(seconds) * 1000).toISOString().replace('.000Z', 'Z');
      const [read] = parseImport(JSON.stringify([[seconds, seconds, 'p', 'x', [], seconds]]), 'watson').records;
      expect(read).toMatchObject({ started_at: iso, stopped_at: iso, updated_at: iso });
    },
  );

  test.each([
    ['not JSON', '{frames'],
    ['an object', '{"frames": []}'],
  ])('refuses a file that is %s', (_what, text) => {
    expect(thrown(() => parseImport(text, 'watson'))).toMatchObject(invalidFile);
  });
});

describe('Timewarrior data', () => {
  const data = [
    'inc 20260105T080000Z - 20260105T093000Z # "deep work" coding "say \\"hi\\"" coding',
    'inc 20260105T100000Z - 20260105T103000Z',
    '',
    'inc 20260105T110000Z - 20260105T100000Z # backwards',
    'exc monday <8:00:00',
    'inc 20260105T120000Z - 20260105T123000Z # "unterminated',
    'inc 20260231T120000Z - 20260301T123000Z # nope',
    'inc 20260105T130000Z - 20260105T133000Z # "deep work" a # Call with "Anna" re: plan',
    'inc 20260105T140000Z # writing "a b"',
  ].join('\r\n');

  test('intervals become records; an open one is running; bad lines are reported by number', () => {
    const parsed: ParsedImport = parseImport(`\ufeff${data}\n`, 'timewarrior');
    const base = { status: 'completed', planned_seconds: null, pauses: [], note: null };
    expect(parsed.records).toEqual([
      {
        ...base,
        where: 'line 1',
        uid: 'timewarrior-20260105T080000Z-20260105T093000Z',
        task: 'coding',
        tags: ['deep work', 'coding', 'say "hi"'],
        started_at: '2026-01-05T08:00:00Z',
        stopped_at: '2026-01-05T09:30:00Z',
        updated_at: '2026-01-05T09:30:00Z',
      },
      {
        ...base,
        where: 'line 2',
        uid: 'timewarrior-20260105T100000Z-20260105T103000Z',
        task: 'untagged',
        tags: [],
        started_at: '2026-01-05T10:00:00Z',
        stopped_at: '2026-01-05T10:30:00Z',
        updated_at: '2026-01-05T10:30:00Z',
      },
      // No tag is a task name as it stands: the first, raw, to be converted later. The annotation is the note.
      {
        ...base,
        where: 'line 8',
        uid: 'timewarrior-20260105T130000Z-20260105T133000Z',
        task: 'deep work',
        tags: ['deep work', 'a'],
        started_at: '2026-01-05T13:00:00Z',
        stopped_at: '2026-01-05T13:30:00Z',
        updated_at: '2026-01-05T13:30:00Z',
        note: 'Call with Anna re: plan',
      },
      {
        ...base,
        where: 'line 9',
        uid: 'timewarrior-20260105T140000Z-',
        task: 'writing',
        tags: ['writing', 'a b'],
        status: 'running',
        started_at: '2026-01-05T14:00:00Z',
        stopped_at: null,
        updated_at: '2026-01-05T14:00:00Z',
      },
    ]);
    expect(parsed.invalid).toEqual([
      { where: 'line 4', reason: 'end is before start' },
      { where: 'line 5', reason: "not an interval: 'exc monday <8:00:00'" },
      { where: 'line 6', reason: 'unterminated quote at column 43' },
      { where: 'line 7', reason: "start is not a real time: '20260231T120000Z'" },
    ]);
  });

  test.each([
    ['20240229T120000Z', '2024-02-29T12:00:00Z'],
    ['20000229T235959Z', '2000-02-29T23:59:59Z'],
    ['20250229T120000Z', null],
    ['21000229T120000Z', null],
    ['20260101T240000Z', null],
    ['20261301T000000Z', null],
    ['2026-01-01T00:00', null],
  ])('start %s reads as %s', (stamp, expected) => {
    const parsed = parseImport(`inc ${stamp}`, 'timewarrior');
    expect(parsed.records.map((r) => r.started_at)).toEqual(expected === null ? [] : [expected]);
    expect(parsed.invalid).toHaveLength(expected === null ? 1 : 0);
  });
});

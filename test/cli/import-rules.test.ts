import { describe, expect, test } from 'vitest';
import { csvLine } from '../../src/render/csv.js';
import { EXPORT_CSV_HEADER, exportCsvLine, exportedSession } from '../../src/render/export.js';
import { makeLocalIso } from '../../src/render/local-iso.js';
import type { Session } from '../../src/core/session.js';
import { ALL } from '../../src/store/store.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

const NOW = '2026-01-15T12:00:00Z';
const epoch = (iso: string) => Date.parse(iso) / 1000;
const past = makeSession({
  id: 1,
  uid: 'u-past',
  started_at: '2026-01-14T09:00:00Z',
  stopped_at: '2026-01-14T10:00:00Z',
  updated_at: '2026-01-14T10:00:00Z',
});
// One minute after now, as `add --to` would refuse it.
const future = makeSession({
  id: 2,
  uid: 'u-future',
  started_at: '2026-01-15T11:30:00Z',
  stopped_at: '2026-01-15T12:01:00Z',
  updated_at: '2026-01-15T11:00:00Z',
});
const stintJson = (sessions: Session[]) => JSON.stringify({ version: 1, sessions: sessions.map((s) => exportedSession(s, new Date(NOW))) });
const stintCsv = (sessions: Session[]) =>
  csvLine(EXPORT_CSV_HEADER) + sessions.map((s) => exportCsvLine(s, new Date(NOW), makeLocalIso())).join('');
const frame = (s: Session, id: string, updated = s.updated_at) => [
  epoch(s.started_at),
  epoch(s.stopped_at as string),
  s.task,
  id,
  s.tags,
  epoch(updated),
];
const stamp = (iso: string) => iso.replace(/[-:]/g, '');

test("a Timewarrior annotation with a control character breaks add's rule for notes, and is refused", async () => {
  const h = harness({ now: NOW });
  h.files.set('in', `inc 20260114T090000Z - 20260114T100000Z # coding # "evil\u001b[31mred"\n`);
  const out = await h.run('import', 'in');
  expect([out.code, out.stdout]).toEqual([2, '']);
  expect(out.stderr).toMatch(/^stint: Invalid entry: line 1: .*control characters .*\(found U\+001B\)/);
  expect(h.store.text).toBeNull();
});

describe('an entry in the future is refused in every format, named where it is', () => {
  test.each([
    ['stint', stintJson([past, future]), 'session 2: stop 2026-01-15T12:01:00Z is in the future'],
    ['csv', stintCsv([past, future]), 'line 3: stop 2026-01-15T12:01:00Z is in the future'],
    ['watson', JSON.stringify([frame(past, 'a'), frame(future, 'b')]), 'frame 2: stop 2026-01-15T12:01:00Z is in the future'],
    [
      'timewarrior',
      `inc ${stamp(past.started_at)} - ${stamp(past.stopped_at as string)} # coding\ninc 20260115T120100Z # coding\n`,
      'line 2: start 2026-01-15T12:01:00Z is in the future',
    ],
  ])('%s: exit 2, the store unchanged; --skip-invalid imports the rest and lists it', async (_format, text, where) => {
    const h = harness({ now: NOW, data: makeData([makeSession({ id: 1, uid: 'mine', started_at: '2026-01-13T09:00:00Z' })]) });
    h.files.set('in', text);
    const before = h.store.text;
    const refused = await h.run('import', 'in');
    expect([refused.code, refused.stderr, refused.stdout]).toEqual([2, `stint: Invalid entry: ${where}; nothing imported\n`, '']);
    expect(h.store.text).toBe(before);
    const skipping = await h.run('import', 'in', '--skip-invalid');
    expect(skipping.code).toBe(0);
    expect(skipping.stdout).toMatch(/^Imported 1 session .* as #2;/);
    expect(skipping.stdout).toContain(`Skipped 1 invalid entry:\n  ${where}\n`);
  });

  test('with several files, the file is named too', async () => {
    const h = harness({ now: NOW });
    h.files.set('2026-01.data', 'inc 20260114T090000Z - 20260114T100000Z # coding\n');
    h.files.set('2026-02.data', 'inc 20260201T090000Z - 20260201T100000Z # coding\n');
    const { code, stderr } = await h.run('import', '2026-01.data', '2026-02.data');
    expect([code, stderr]).toEqual([
      2,
      'stint: Invalid entry: 2026-02.data line 1: start 2026-02-01T09:00:00Z is in the future; nothing imported\n',
    ]);
    expect(h.store.text).toBeNull();
  });
});

describe('re-importing Watson after a frame was edited there', () => {
  const first = JSON.stringify([frame(past, 'a1')]);
  // Moved an hour later, renamed and retagged in Watson, which stamped updated_at.
  const moved = makeSession({
    ...past,
    task: 'writing',
    tags: ['draft'],
    started_at: '2026-01-14T10:00:00Z',
    stopped_at: '2026-01-14T11:30:00Z',
  });
  const edited = JSON.stringify([
    frame(moved, 'a1', '2026-01-14T12:00:00Z'),
    frame(makeSession({ ...past, started_at: '2026-01-14T13:00:00Z', stopped_at: '2026-01-14T14:00:00Z' }), 'a2'),
  ]);

  test('updates the session in place (--dry-run first); undo puts it back', async () => {
    const h = harness({ now: NOW });
    h.files.set('frames', first);
    await h.run('import', 'frames');
    h.files.set('frames', edited);
    const before = h.store.text;
    const sessionsBefore = (await h.store.read(ALL)).sessions;
    const dry = await h.run('import', 'frames', '--dry-run');
    expect(dry.stdout).toBe(
      'Would import 1 session (watson) as #2; 1 updated, 0 duplicates skipped, 0 names converted.\nNothing was written (--dry-run).\n',
    );
    expect(h.store.text).toBe(before);
    const summary = JSON.parse((await h.run('import', 'frames', '--json')).stdout);
    expect(summary).toMatchObject({ imported: 1, updated: 1, duplicates: 0, first_id: 2, last_id: 2 });
    const shown = JSON.parse((await h.run('show', '1', '--json')).stdout);
    expect(shown).toMatchObject({
      session_id: 1,
      task_name: 'writing',
      tags: ['draft'],
      started_at: '2026-01-14T11:00:00+01:00',
      stopped_at: '2026-01-14T12:30:00+01:00',
    });
    expect((await h.run('undo')).stdout).toMatch(/import of 1 sessions, 1 updated/);
    // As it was, but for the ID counter, which undo never winds back.
    expect((await h.store.read(ALL)).sessions).toEqual(sessionsBefore);
    // Once imported, the same file again: nothing new, nothing newer.
    await h.run('import', 'frames');
    expect((await h.run('import', 'frames')).stdout).toBe('Imported 0 sessions (watson); 2 duplicates skipped, 0 names converted.\n');
  });
});

describe('a stint export into a store that has sessions', () => {
  // Each stamped when it stopped: the factory's default (after NOW) is a change from the future, refused.
  test('IDs this store already gave out (existing or removed) are given new ones; the others are kept', async () => {
    const h = harness({ now: NOW });
    for (const day of ['10', '11', '12']) await h.run('add', 'coding', '--from', `2026-01-${day} 09:00`, '--to', `2026-01-${day} 10:00`);
    await h.run('rm', '3');
    const file = stintJson([
      makeSession({
        id: 1,
        uid: 'x-1',
        started_at: '2026-01-05T09:00:00Z',
        stopped_at: '2026-01-05T10:00:00Z',
        updated_at: '2026-01-05T10:00:00Z',
      }),
      makeSession({
        id: 3,
        uid: 'x-3',
        started_at: '2026-01-06T09:00:00Z',
        stopped_at: '2026-01-06T10:00:00Z',
        updated_at: '2026-01-06T10:00:00Z',
      }),
      makeSession({
        id: 9,
        uid: 'x-9',
        started_at: '2026-01-07T09:00:00Z',
        stopped_at: '2026-01-07T10:00:00Z',
        updated_at: '2026-01-07T10:00:00Z',
      }),
    ]);
    h.files.set('export.json', file);
    expect(JSON.parse((await h.run('import', 'export.json', '--json')).stdout)).toMatchObject({ imported: 3, first_id: 9, last_id: 11 });
    const ids = JSON.parse((await h.run('list', '--json')).stdout).sessions.map(
      (s: { session_id: number; uid?: string; started_at: string }) => [s.session_id, s.started_at.slice(0, 10)],
    );
    // #1 is taken and #3 was removed: both come after #9, oldest first.
    expect(ids).toEqual([
      [10, '2026-01-05'],
      [11, '2026-01-06'],
      [9, '2026-01-07'],
      [1, '2026-01-10'],
      [2, '2026-01-11'],
    ]);
    await h.run('add', 'coding', '--from', '2026-01-13 09:00', '--to', '2026-01-13 10:00');
    expect(JSON.parse((await h.run('show', '12', '--json')).stdout)).toMatchObject({ session_id: 12 });
  });
});

test('two Watson frames with one id: refused, not one taken as an edit of the other (it was "1 updated" on a first import)', async () => {
  const h = harness({ now: NOW });
  const later = makeSession({ ...past, started_at: '2026-01-14T11:00:00Z', stopped_at: '2026-01-14T12:00:00Z', task: 'other' });
  h.files.set('frames', JSON.stringify([frame(past, 'a1'), frame(later, 'a1', '2026-01-14T13:00:00Z')]));
  expect(await h.run('import', 'frames')).toEqual({
    code: 2,
    stdout: '',
    stderr: "stint: Invalid entry: frame 2: id 'a1' is frame 1's too; nothing imported\n",
  });
  expect(h.store.text).toBeNull();
  const skipping = JSON.parse((await h.run('import', 'frames', '--skip-invalid', '--json')).stdout);
  expect(skipping).toMatchObject({ imported: 1, updated: 0, skipped: [{ where: 'frame 2', reason: "id 'a1' is frame 1's too" }] });
});

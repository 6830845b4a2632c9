import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Session } from '../../src/core/session.js';
import { csvTable, SESSION_CSV_HEADER, sessionCsvRow, sessionCsvWriter } from '../../src/render/csv.js';
import { ByteChunks, sessionListJsonWriter } from '../../src/render/json-bytes.js';
import { sessionJson } from '../../src/render/json.js';
import { makeLocalIso } from '../../src/render/local-iso.js';
import { at, makeSession } from '../helpers/factories.js';

const now = at('2026-01-15T14:00:00Z');

/** The chunks as one text, each chunk decoded on its own: a chunk must never cut a character. */
const decoded = (chunks: Uint8Array[]) => chunks.map((chunk) => new TextDecoder('utf-8', { fatal: true }).decode(chunk)).join('');

function listJson(sessions: readonly Session[]): string {
  const writer = sessionListJsonWriter(now, makeLocalIso());
  for (const s of sessions) writer.add(s);
  return decoded(writer.finish(sessions.length));
}

/** What `list --json` printed before it wrote bytes: JSON.stringify of the view, one line. */
const reference = (sessions: readonly Session[]) =>
  `${JSON.stringify({ sessions: sessions.map((s) => sessionJson(s, now)), total: sessions.length })}\n`;

describe('sessionListJsonWriter', () => {
  test.each([
    ['no session', []],
    ['finished', [makeSession({ id: 7 })]],
    [
      'running with an open pause',
      [makeSession({ stopped_at: null, status: 'paused', pauses: [{ started_at: '2026-01-15T13:10:00Z', ended_at: null }] })],
    ],
    ['a note needing escapes', [makeSession({ note: 'he said "hi",\nthen left \\ 😀 \u2028', tags: ['a "b"', 'ü', 'x,y'] })]],
    [
      'a focus plan, a task not in ASCII',
      [makeSession({ planned_seconds: 1500, task: 'écriture' }), makeSession({ id: 2, task: 'écriture' })],
    ],
    ['summer time', [makeSession({ started_at: '2026-07-01T21:30:00Z', stopped_at: '2026-07-01T22:30:00Z' })]],
    ['a synced session', [makeSession({ device: 'laptop "work"' })]],
    ['instants with fractions', [makeSession({ started_at: '2026-01-15T13:00:00.250Z', stopped_at: '2026-01-15T13:59:59.999Z' })]],
  ])('is exactly JSON.stringify of the view (%s)', (_name, sessions) => {
    expect(listJson(sessions)).toBe(reference(sessions));
  });

  const text = fc.string({ unit: 'binary', maxLength: 40 });
  const instant = fc
    .integer({ min: Date.parse('1990-01-01T00:00:00Z') / 1000, max: Date.parse('2030-12-31T00:00:00Z') / 1000 })
    .map((seconds) => new Date(seconds * 1000).toISOString().replace('.000', ''));
  const session = fc
    .record({
      id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      task: text,
      started_at: instant,
      length: fc.option(fc.integer({ min: 0, max: 400_000 })),
      status: fc.constantFrom('completed', 'partial', 'abandoned'),
      planned_seconds: fc.option(fc.integer({ min: 1, max: 86_400 })),
      tags: fc.array(text, { maxLength: 3 }),
      note: fc.option(text),
      device: fc.option(text, { nil: undefined }),
    })
    .map(({ length, started_at, status, ...rest }): Session => {
      const stopped = length === null ? null : new Date(Date.parse(started_at) + length * 1000).toISOString().replace('.000', '');
      return makeSession({ ...rest, started_at, stopped_at: stopped, status: stopped === null ? 'running' : status });
    });

  test('any sessions: the same bytes as JSON.stringify of the view (TZ=Europe/Paris, summer time included)', () => {
    fc.assert(fc.property(fc.array(session, { maxLength: 30 }), (sessions) => listJson(sessions) === reference(sessions)));
  });
});

describe('ByteChunks', () => {
  test('texts larger than a chunk, and characters of every width, come out whole', () => {
    const out = new ByteChunks();
    const pieces = ['a'.repeat(70_000), 'é😀', 'b'.repeat(65_535), '字', '', 'z'];
    for (let i = 0; i < 3; i += 1) for (const piece of pieces) out.text(piece);
    expect(decoded(out.take())).toBe(pieces.join('').repeat(3));
  });

  test.each([0, 7, 10, 99, 100, 1_234_567, Number.MAX_SAFE_INTEGER, -1, 1.5, 1e21])('number(%d) is written as JSON writes it', (n) => {
    const out = new ByteChunks();
    out.number(n);
    expect(decoded(out.take())).toBe(JSON.stringify(n));
  });
});

test('sessionCsvWriter writes what the kept rows make, header first', () => {
  const sessions = [makeSession({ id: 1, note: 'a, "b"\nc', tags: ['x', 'ü'] }), makeSession({ id: 2, task: 'écriture' })];
  const writer = sessionCsvWriter(now, makeLocalIso());
  for (const s of sessions) writer.add(s);
  const iso = makeLocalIso();
  expect(decoded(writer.finish(2))).toBe(
    csvTable(
      SESSION_CSV_HEADER,
      sessions.map((s) => sessionCsvRow(s, now, iso)),
    ),
  );
});

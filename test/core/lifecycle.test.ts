import { describe, expect, test } from 'vitest';
import { validateNote, validateTags } from '../../src/core/labels.js';
import {
  assertNoActiveFocus,
  durationSeconds,
  pausedSeconds,
  pauseSession,
  resumeSession,
  soleSessionFor,
  stopSession,
} from '../../src/core/session.js';
import { FOCUS_BOUNDS, parseDurationInput } from '../../src/core/duration-input.js';
import { parseTimeInput } from '../../src/core/time-input.js';
import { at, makeData, makeSession } from '../helpers/factories.js';

const running = () => makeSession({ id: 1, started_at: '2026-01-15T09:00:00Z', stopped_at: null, status: 'running' });

describe('pause and resume', () => {
  test('a session with two pauses counts only its running time', () => {
    const s = running();
    pauseSession(s, at('2026-01-15T09:30:00Z'));
    resumeSession(s, at('2026-01-15T09:40:00Z'));
    pauseSession(s, at('2026-01-15T10:00:00Z'));
    resumeSession(s, at('2026-01-15T10:20:00Z'));
    stopSession(s, at('2026-01-15T11:00:00Z'));
    expect(pausedSeconds(s, at('2026-01-16T00:00:00Z'))).toBe(30 * 60);
    expect(durationSeconds(s, at('2026-01-16T00:00:00Z'))).toBe(90 * 60);
    expect(s.pauses).toEqual([
      { started_at: '2026-01-15T09:30:00Z', ended_at: '2026-01-15T09:40:00Z' },
      { started_at: '2026-01-15T10:00:00Z', ended_at: '2026-01-15T10:20:00Z' },
    ]);
  });

  test('a paused session does not count up', () => {
    const s = running();
    pauseSession(s, at('2026-01-15T09:30:00Z'));
    expect(durationSeconds(s, at('2026-01-15T12:00:00Z'))).toBe(30 * 60);
  });

  test.each([
    [
      'pausing a paused session',
      (s: ReturnType<typeof running>) => {
        pauseSession(s, at('2026-01-15T09:10:00Z'));
        pauseSession(s, at('2026-01-15T09:20:00Z'));
      },
      'Session already paused',
      'Session 1 is already paused',
    ],
    [
      'resuming a running session',
      (s: ReturnType<typeof running>) => resumeSession(s, at('2026-01-15T09:10:00Z')),
      'Session not paused',
      'Session 1 is not paused',
    ],
    [
      'pausing a stopped session',
      (s: ReturnType<typeof running>) => {
        stopSession(s, at('2026-01-15T09:10:00Z'));
        pauseSession(s, at('2026-01-15T09:20:00Z'));
      },
      'Session already stopped',
      'Session 1 was already stopped',
    ],
  ])('%s is a conflict', (_name, act, title, message) => {
    expect(() => act(running())).toThrow(expect.objectContaining({ code: 'conflict', title, message }));
  });

  test.each([
    ['a pause before the start', (s: ReturnType<typeof running>) => pauseSession(s, at('2026-01-15T08:59:59Z'))],
    [
      'a resume before the pause',
      (s: ReturnType<typeof running>) => {
        pauseSession(s, at('2026-01-15T09:30:00Z'));
        resumeSession(s, at('2026-01-15T09:29:00Z'));
      },
    ],
    [
      'a stop before the last resume',
      (s: ReturnType<typeof running>) => {
        pauseSession(s, at('2026-01-15T09:30:00Z'));
        resumeSession(s, at('2026-01-15T09:40:00Z'));
        stopSession(s, at('2026-01-15T09:35:00Z'));
      },
    ],
  ])('%s is invalid input', (_name, act) => {
    expect(() => act(running())).toThrow(expect.objectContaining({ code: 'invalid_input', title: 'Invalid time' }));
  });

  test('across the spring DST change in Paris, 01:30 → 03:30 local is one hour', () => {
    // TZ=Europe/Paris in the test config; 2026-03-29 02:00 local does not exist.
    const start = parseTimeInput('2026-03-29T01:30:00', at('2026-03-30T00:00:00Z'));
    const end = parseTimeInput('2026-03-29T03:30:00', at('2026-03-30T00:00:00Z'));
    const s = makeSession({ started_at: start.toISOString().replace('.000Z', 'Z'), stopped_at: null, status: 'running' });
    stopSession(s, end);
    expect(durationSeconds(s, end)).toBe(3600);
  });
});

describe('which session an action without an ID means', () => {
  const data = makeData([
    makeSession({ id: 1, task: 'coding', status: 'running', stopped_at: null }),
    makeSession({
      id: 2,
      task: 'reading',
      status: 'paused',
      stopped_at: null,
      pauses: [{ started_at: '2026-01-15T13:10:00Z', ended_at: null }],
    }),
  ]);
  test('pause takes the running one, resume the paused one', () => {
    expect(soleSessionFor(data, 'pause').id).toBe(1);
    expect(soleSessionFor(data, 'resume').id).toBe(2);
  });
  // One running, one paused: this said both were running.
  test('stop with both active names them, and says what they are', () => {
    expect(() => soleSessionFor(data, 'stop')).toThrow(
      /Sessions 1 \(coding\), 2 \(reading\) are running or paused; give an ID or use --all/,
    );
    const paused = makeData(
      data.sessions.map((s) => ({ ...s, status: 'paused' as const, pauses: [{ started_at: '2026-01-15T13:10:00Z', ended_at: null }] })),
    );
    expect(() => soleSessionFor(paused, 'stop')).toThrow(/^Sessions 1 \(coding\), 2 \(reading\) are paused; give an ID or use --all$/);
  });
  test('resume with none paused', () => {
    expect(() => soleSessionFor(makeData([makeSession()]), 'resume')).toThrow(expect.objectContaining({ title: 'No paused session' }));
  });
});

describe('focus sessions', () => {
  test('one running or paused focus session blocks another; plain timers do not', () => {
    const plain = makeSession({ id: 1, status: 'running', stopped_at: null });
    expect(() => assertNoActiveFocus(makeData([plain]))).not.toThrow();
    const focus = makeSession({ id: 2, task: 'deep', planned_seconds: 1500, status: 'paused', stopped_at: null });
    expect(() => assertNoActiveFocus(makeData([plain, focus]))).toThrow(
      expect.objectContaining({ code: 'conflict', message: 'Focus session 2 (deep) is paused; stop or abandon it first' }),
    );
    const done = makeSession({ id: 3, planned_seconds: 1500 });
    expect(() => assertNoActiveFocus(makeData([done]))).not.toThrow();
  });
});

describe('time input (relative to a fixed now, TZ=Europe/Paris)', () => {
  const now = at('2026-01-15T13:30:00Z'); // 14:30 local
  test.each([
    ['14:30', '2026-01-15T13:30:00.000Z'],
    ['09:15', '2026-01-15T08:15:00.000Z'],
    ['yesterday 17:00', '2026-01-14T16:00:00.000Z'],
    ['15m ago', '2026-01-15T13:15:00.000Z'],
    ['2h ago', '2026-01-15T11:30:00.000Z'],
    ['2026-01-10T08:00:00Z', '2026-01-10T08:00:00.000Z'],
    ['2026-01-10T08:00', '2026-01-10T07:00:00.000Z'],
  ])('%s', (text, iso) => expect(parseTimeInput(text, now).toISOString()).toBe(iso));

  test.each([
    ['15:00', /in the future/],
    ['tomorrow 9:00', /in the future/],
    ['whenever', /is not a time/],
  ])('refuses %s', (text, why) => {
    expect(() => parseTimeInput(text, now)).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(why) }),
    );
  });
});

describe('durations', () => {
  test.each([
    ['25m', 1500],
    ['45m', 2700],
    ['60m', 3600],
    ['1h30m', 5400],
    ['90s', 90],
    ['1.5h', 5400],
    ['24h', 86_400],
    ['60s', 60],
  ])('%s = %i s', (text, seconds) => {
    expect(parseDurationInput(text, FOCUS_BOUNDS)).toBe(seconds);
  });
  test.each(['59s', '25', '24h1s', 'soon', '-5m', ''])('refuses %j', (text) => {
    expect(() => parseDurationInput(text, FOCUS_BOUNDS)).toThrow(
      expect.objectContaining({ code: 'invalid_input', title: 'Invalid duration' }),
    );
  });
});

describe('tags and notes', () => {
  test('tags are checked, NFC, and deduplicated', () => {
    expect(validateTags(['work', 'cafe\u0301', 'work', 'x'])).toEqual(['work', 'caf\u00e9', 'x']);
    expect(() => validateTags(['two words'])).toThrow(/Invalid tag|not a tag/);
    expect(() => validateTags([''])).toThrow(/not a tag/);
    // A mark alone is no letter (it printed as nothing in tables); after a letter, it is its accent.
    expect(() => validateTags(['\u0301'])).toThrow(/not a tag/);
    expect(() => validateTags(['x-\u0301'])).toThrow(/not a tag/);
    expect(validateTags([`${'a'.repeat(29)}e\u0301`])).toEqual([`${'a'.repeat(29)}\u00e9`]);
    expect(() => validateTags(['a'.repeat(31)])).toThrow(/not a tag/);
  });
  test('notes are trimmed; blank is none; long is refused', () => {
    expect(validateNote('  fix the "parser", again ')).toBe('fix the "parser", again');
    expect(validateNote('   ')).toBeNull();
    expect(validateNote(undefined)).toBeNull();
    expect(() => validateNote('x'.repeat(501))).toThrow(/at most 500/);
  });
  test.each([
    ['an escape sequence', 'evil\u001b[31mred', 'U+001B'],
    ['a carriage return', 'shown\rhidden', 'U+000D'],
    ['a bell', 'a\u0007b', 'U+0007'],
    ['a NUL', 'a\u0000b', 'U+0000'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control', 'a\u009bb', 'U+009B'],
    ['a right-to-left override', 'abc\u202edef', 'U+202E'],
    ['a bidi isolate', 'abc\u2066def', 'U+2066'],
  ])('a note with %s is refused, naming the character', (_name, note, code) => {
    expect(() => validateNote(note)).toThrow(
      expect.objectContaining({ code: 'invalid_input', title: 'Invalid note', message: expect.stringContaining(code) }),
    );
  });
  test('any script and emoji stay, and so do line breaks and tabs', () => {
    expect(validateNote('écriture · 日本語 · مرحبا · 🎉')).toBe('écriture · 日本語 · مرحبا · 🎉');
    expect(validateNote('first line\n\tsecond')).toBe('first line\n\tsecond');
  });
});

import { describe, expect, test } from 'vitest';
import { PLAIN } from '../../src/render/color.js';
import stringWidth from 'string-width';
import { fitScreen, focusBar, formatTimer, screenFrame, truncateLine } from '../../src/render/watch-text.js';
import { makeSession } from '../helpers/factories.js';

describe('formatTimer', () => {
  test.each([
    [0, '00:00'],
    [59, '00:59'],
    [750, '12:30'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [90061, '25:01:01'],
  ])('%i s is %s', (seconds, text) => {
    expect(formatTimer(seconds)).toBe(text);
  });
});

describe('focusBar', () => {
  const focus = makeSession({ started_at: '2026-01-15T13:00:00Z', stopped_at: null, status: 'running', planned_seconds: 1500 });
  test.each([
    ['2026-01-15T13:00:00Z', '[░░░░░░░░░░░░░░░░░░░░] 00:00 / 25:00'],
    ['2026-01-15T13:12:30Z', '[██████████░░░░░░░░░░] 12:30 / 25:00'],
    ['2026-01-15T13:24:59Z', '[███████████████████░] 24:59 / 25:00'],
    ['2026-01-15T13:25:00Z', '[████████████████████] 25:00 / 25:00'],
    ['2026-01-15T14:27:10Z', '[████████████████████] 1:27:10 / 25:00  +1:02:10 over'],
  ])('at %s: %s', (now, text) => {
    expect(focusBar(focus, new Date(now), PLAIN)).toBe(text);
  });

  test('pauses do not count, and a plain timer has no bar', () => {
    const paused = { ...focus, status: 'paused' as const, pauses: [{ started_at: '2026-01-15T13:05:00Z', ended_at: null }] };
    expect(focusBar(paused, new Date('2026-01-15T14:00:00Z'), PLAIN)).toBe('[████░░░░░░░░░░░░░░░░] 05:00 / 25:00');
    expect(focusBar({ ...focus, planned_seconds: null }, new Date('2026-01-15T14:00:00Z'), PLAIN)).toBeNull();
  });
});

describe('fitScreen', () => {
  const lines = ['title', '', 'head', ...Array.from({ length: 10 }, (_, i) => `row ${i + 1}`)];

  test('lines that fit are kept as they are', () => {
    expect(fitScreen(lines, 13, 80, 3)).toEqual(lines);
  });

  test('otherwise the top lines stay, then the newest rows after a count of the others', () => {
    expect(fitScreen(lines, 7, 80, 3)).toEqual(['title', '', 'head', '… 7 more above', 'row 8', 'row 9', 'row 10']);
  });

  // Issue 15: lines wider than the screen are cut to it, not wrapped onto more rows.
  test('a line wider than the screen is cut to it and takes one row', () => {
    expect(fitScreen(['title', 'x'.repeat(25), 'last'], 3, 10, 1)).toEqual(['title', `${'x'.repeat(9)}…`, 'last']);
  });
});

describe('truncateLine', () => {
  test.each([
    ['fits', 'abc', 5, 'abc'],
    ['exactly', 'abcde', 5, 'abcde'],
    ['ASCII cut', 'abcdefgh', 5, 'abcd…'],
    ['a wide character never split', '写作写作', 6, '写作…'],
    ['a wide character that would end past the edge', 'a写作写作', 6, 'a写作…'],
    ['emoji', 'café ☕☕☕', 7, 'café …'],
    ['colour kept and reset', '\u001b[1mbold text\u001b[22m', 5, '\u001b[1mbold…\u001b[0m'],
  ])('%s', (_case, line, columns, text) => {
    expect(truncateLine(line, columns)).toBe(text);
    expect(stringWidth(truncateLine(line, columns))).toBeLessThanOrEqual(columns);
  });
});

test('a frame is drawn from the top over the last one, with no newline to scroll a full screen', () => {
  expect(screenFrame(['a', 'b'])).toBe('\u001b[Ha\u001b[K\r\nb\u001b[K\u001b[J');
});

import { describe, expect, test } from 'vitest';
import { escapeUnprintable, printable } from '../../src/core/labels.js';

// The rule as first written, with the Unicode property: labels.ts spells \p{Cc} out as ranges
// (cheaper for V8 to build), and must agree with it on every code point.
const REFERENCE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

describe('printable', () => {
  test('agrees with \\p{Cc} and the bidirectional overrides on every code point', () => {
    const disagree: number[] = [];
    for (let code = 0; code <= 0x10ffff; code += 1) {
      const text = String.fromCodePoint(code);
      const breakOk = code === 0x0a || code === 0x09;
      if (printable(text) !== !REFERENCE.test(text)) disagree.push(code);
      if (printable(text, true) !== (breakOk || !REFERENCE.test(text))) disagree.push(code);
    }
    expect(disagree).toEqual([]);
  });

  test.each([
    ['plain text', 'coding-2', true],
    ['an escape sequence', 'a\u001b[31mb', false],
    ['a carriage return', 'a\rb', false],
    ['DEL', 'a\u007fb', false],
    ['a C1 control', 'a\u0085b', false],
    ['a bidirectional override', 'a\u202eb', false],
    ['an isolate', 'a\u2066b', false],
    ['an emoji (a surrogate pair)', 'a😀b', true],
    ['a lone surrogate', 'a\ud800b', true],
  ])('%s', (_, text, expected) => {
    expect(printable(text)).toBe(expected);
  });

  test('escapeUnprintable writes each such character as its escape', () => {
    expect(escapeUnprintable('a\u001b[1m\r\n\u202e\u0085é')).toBe('a\\u001b[1m\\r\\n\\u202e\\u0085é');
  });
});

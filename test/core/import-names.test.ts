import { describe, expect, test } from 'vitest';
import { isTaskName, toTag, toTaskName } from '../../src/core/import/names.js';
import { validateTags } from '../../src/core/labels.js';
import { validateTaskName } from '../../src/core/task-name.js';

// Names that no rule of ours shaped, and some that break the conversion's own steps.
const NASTY = [
  '',
  ' ',
  '-',
  '---a---',
  '__',
  'a',
  'ab',
  '!!!',
  '😀😀',
  'a😀b',
  'e\u0301',
  `${'x'.repeat(19)}-yz`,
  'é'.repeat(25),
  'e\u0301'.repeat(25),
  'abc\u0301'.repeat(8),
  '日本語の仕事',
  'client/acme.com',
  'tab\there',
  '  spaced  out  ',
  '٣٤٥ arabic digits',
  'x'.repeat(100),
];

describe('toTaskName', () => {
  test.each([
    ['my project', 'my-project'],
    ['Écriture de thèse', 'Écriture-de-thèse'],
    ['client/acme.com', 'client-acme-com'],
    ['a-project-name-that-is-thirty-c', 'a-project-name-that'],
    ['abcdefghijklmnopqrstuvwxyz0123', 'abcdefghijklmnopqrst'],
    ['a', 'a__'],
    ['!!!', 'imported'],
    ['😀🎉', 'imported'],
    ['日本語の仕事', '日本語の仕事'],
    ['coding', 'coding'],
    ['--deep work--', 'deep-work'],
    ['--valid--', '--valid--'],
    ['x.', 'x__'],
    ['\u0301\u0301\u0301', 'imported'],
    ['\u0301deep work', 'deep-work'],
  ])('%j → %j', (raw, expected) => {
    expect(toTaskName(raw)).toBe(expected);
  });

  test('returns the NFC form of a name that is valid once composed', () => {
    expect(toTaskName('e\u0301crire')).toBe('écrire');
  });

  test.each(NASTY)('always gives a valid name, whatever it is given: %j', (raw) => {
    const name = toTaskName(raw);
    expect(validateTaskName(name)).toBe(name);
    expect(toTaskName(raw)).toBe(name);
  });
});

describe('toTag', () => {
  test.each([
    ['work', 'work'],
    ['deep work', 'deep-work'],
    ['client/acme.com', 'client-acme-com'],
    ['x', 'x'],
    ['a'.repeat(35), 'a'.repeat(30)],
    ['thèse', 'thèse'],
    ['@home', 'home'],
    ['\u0301home', 'home'],
  ])('%j → %j', (raw, expected) => {
    expect(toTag(raw)).toBe(expected);
  });

  test.each(['', '!!!', '😀', ' - ', '\u0301'])('gives null when nothing of %j is left', (raw) => {
    expect(toTag(raw)).toBeNull();
  });

  test.each(NASTY)('gives a valid tag or null: %j', (raw) => {
    const tag = toTag(raw);
    // Always an assertion: null, or a tag the rule takes as it is.
    expect(tag === null ? [] : validateTags([tag])).toEqual(tag === null ? [] : [tag]);
  });
});

describe('isTaskName', () => {
  test.each([
    ['coding', true],
    ['日本語', true],
    ['deep work', false],
    ['ab', false],
    // Valid once composed, but not as written: the stored name would differ from the tag.
    ['e\u0301crire', false],
  ])('%j → %s', (raw, expected) => {
    expect(isTaskName(raw)).toBe(expected);
  });
});

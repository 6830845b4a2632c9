import { describe, expect, test } from 'vitest';
import { StintError } from '../../src/core/errors.js';
import { validateTaskName } from '../../src/core/task-name.js';

describe('validateTaskName', () => {
  test.each([
    ['abc', 'shortest allowed (3)'],
    ['a'.repeat(20), 'longest allowed (20)'],
    ['coding', 'plain'],
    ['code-review_2', 'digits, dash and underscore'],
    ['écriture', 'Latin with accents'],
    ['コーディング', 'Japanese'],
    ['кодинг', 'Cyrillic'],
    ['हिन्दी', 'Devanagari with combining marks'],
    ['日本語', 'three CJK characters'],
  ])('accepts %j (%s)', (name) => {
    expect(validateTaskName(name)).toBe(name.normalize('NFC'));
  });

  test.each([
    ['', 'empty', 'Task name must be between 3 and 20 characters'],
    ['ab', 'too short', 'Task name must be between 3 and 20 characters'],
    ['a'.repeat(21), 'too long', 'Task name must be between 3 and 20 characters'],
    ['deep work', 'space', "Task name may contain only letters, digits, '-' and '_'"],
    ['coding!', 'punctuation', "Task name may contain only letters, digits, '-' and '_'"],
    ['a.b.c', 'dots', "Task name may contain only letters, digits, '-' and '_'"],
    ['tab\there', 'tab', "Task name may contain only letters, digits, '-' and '_'"],
    ['emoji😀', 'emoji', "Task name may contain only letters, digits, '-' and '_'"],
    // A combining mark belongs to a letter or digit: alone, the name prints as nothing.
    ['\u0301\u0301\u0301', 'combining marks alone', "Task name may contain only letters, digits, '-' and '_'"],
    ['\u0301abc', 'a mark first', "Task name may contain only letters, digits, '-' and '_'"],
    ['ab-\u0301c', "a mark after '-'", "Task name may contain only letters, digits, '-' and '_'"],
    ['ab_\u20dd', "an enclosing mark after '_'", "Task name may contain only letters, digits, '-' and '_'"],
  ])('refuses %j (%s)', (name, _why, message) => {
    let thrown: unknown;
    try {
      validateTaskName(name);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StintError);
    expect(thrown).toMatchObject({ code: 'invalid_input', title: 'Invalid task name', message });
  });

  test('stores the NFC form, so the same name typed two ways is one task', () => {
    const decomposed = 'cafe\u0301'; // e + combining acute
    expect(validateTaskName(decomposed)).toBe('caf\u00e9');
  });

  test('counts characters after NFC, not UTF-16 units or keystrokes', () => {
    // Typed decomposed, 5 code points; composed, 3 characters.
    expect(() => validateTaskName('e\u0301e\u0301e')).not.toThrow();
    // Astral letters are one character each, not two UTF-16 units.
    expect(() => validateTaskName('𝒜'.repeat(20))).not.toThrow();
    // 20 accented letters typed decomposed are 40 code points but 20 characters.
    expect(() => validateTaskName('e\u0301'.repeat(20))).not.toThrow();
    expect(() => validateTaskName('e\u0301'.repeat(21))).toThrow(/between 3 and 20/);
  });
});

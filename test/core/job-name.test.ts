import { expect, test } from 'vitest';
import { StintError } from '../../src/core/errors.js';
import { validateJobName } from '../../src/core/jobs.js';

// Job names are labels people read in lists; Timer4Tasker's examples have spaces ("Daily Backup").
test.each([
  ['nightly', 'nightly'],
  ['Daily Backup', 'Daily Backup'],
  ['weekly-report_v2.1', 'weekly-report_v2.1'],
  ['Sauvegarde du soir', 'Sauvegarde du soir'],
  ['毎日 バックアップ', '毎日 バックアップ'],
  ['e\u0301t\u00e9', '\u00e9t\u00e9'], // stored in NFC
  ['x\u0301 q\u0302', 'x\u0301 q\u0302'], // marks on the letters before them, which NFC cannot compose
  ['हिन्दी', 'हिन्दी'],
  ['x'.repeat(60), 'x'.repeat(60)],
])('%j is a job name', (raw, stored) => {
  expect(validateJobName(raw)).toBe(stored);
});

test.each([
  [''],
  [' leading'],
  ['trailing '],
  ['two  spaces'],
  ['tab\there'],
  ['new\nline'],
  ['x'.repeat(61)],
  ['rm -rf /'],
  ['a;b'],
  ['\u202Eevil'],
  ['zero\u200Bwidth'],
  // Combining marks with no letter or digit before them: a name that prints as nothing, or a
  // mark drawn on the space or punctuation before it.
  ['\u0301'],
  ['\u0301\u0301\u0301'],
  ['\u0301abc'],
  ['a \u0301'],
  ['a-\u0301'],
  ['v.\u0301'],
])('%j is refused as invalid input (exit 2)', (raw) => {
  expect(() => validateJobName(raw)).toThrow(StintError);
  expect(() => validateJobName(raw)).toThrow(/up to 60 letters/);
  try {
    validateJobName(raw);
  } catch (error) {
    expect((error as StintError).code).toBe('invalid_input');
  }
});

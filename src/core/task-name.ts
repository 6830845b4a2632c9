import { invalidInput } from './errors.js';

export const TASK_NAME_MIN = 3;
export const TASK_NAME_MAX = 20;

// Letters of any script (with their combining marks), decimal digits, '-' and '_'. A mark
// belongs to the letter or digit before it: one alone (at the start, after '-' or '_') is no
// letter, and a name of marks alone would print as nothing. Made on first use: V8 parses a
// literal when it is evaluated, and the Unicode property classes cost ~9M instructions (a fifth
// of `status`) even in a run that never tests a name.
let allowed: RegExp | undefined;
export const NAME_PATTERN = '(?:[\\p{L}\\p{Nd}]\\p{M}*|[_-])';
const ALLOWED = (): RegExp => (allowed ??= new RegExp(`^${NAME_PATTERN}+$`, 'u'));
// Most names are ASCII, and this one is cheap to make.
const ASCII_ALLOWED = /^[A-Za-z0-9_-]+$/;

/**
 * Checks a task name against the rule and returns it in NFC form, so the same name typed
 * on two keyboards is stored (and filtered) as one.
 */
export function validateTaskName(raw: string): string {
  const name = raw.normalize('NFC');
  // Characters are code points after NFC: "é" typed as e + accent counts once, and the
  // count is predictable for every script (grapheme rules would make "हिन्दी" two).
  const length = [...name].length;
  if (length < TASK_NAME_MIN || length > TASK_NAME_MAX) {
    throw invalidInput('Invalid task name', `Task name must be between ${TASK_NAME_MIN} and ${TASK_NAME_MAX} characters`);
  }
  if (!ASCII_ALLOWED.test(name) && !ALLOWED().test(name)) {
    throw invalidInput('Invalid task name', "Task name may contain only letters, digits, '-' and '_'");
  }
  return name;
}

import { validateTags } from '../labels.js';
import { TASK_NAME_MAX, TASK_NAME_MIN, validateTaskName } from '../task-name.js';

// Names from Watson, Timewarrior or a hand-edited file follow no rule of ours. They are converted
// the same way every time, so importing the same file twice gives the same names, and nothing is
// refused for a name alone.

const TAG_MAX = 30;
/** A run of anything the name rules do not allow: letters (any script, with marks), digits, `_`, `-`. */
let disallowed: RegExp | undefined;
const DISALLOWED = (): RegExp => (disallowed ??= /[^\p{L}\p{M}\p{Nd}_-]+/gu);
/** Marks that follow no letter or digit (at the start, after `-` or `_`): no part of a name. */
let stray: RegExp | undefined;
const STRAY_MARKS = (): RegExp => (stray ??= /(?<![\p{L}\p{Nd}\p{M}])\p{M}+/gu);
// Most names are ASCII, and for ASCII the rules are just these: the Unicode classes, NFC and
// the validators' exceptions (a few microseconds each, per entry of a long file) are the slow path.
const ASCII_TASK = /^[A-Za-z0-9_-]{3,20}$/;
const ASCII_TAG = /^[A-Za-z0-9_-]{1,30}$/;
const ASCII = /^[\x00-\x7f]*$/;

/** True when `raw` is a task name as it stands: valid, and already in the form stint stores. */
export function isTaskName(raw: string): boolean {
  return validTaskName(raw) === raw;
}

/** True when `raw` is a tag as it stands: valid, and already in the form stint stores. */
export function isTag(raw: string): boolean {
  return validTag(raw) === raw;
}

/** The valid form of a tag (its NFC), or null when it breaks the rule. */
function validTag(raw: string): string | null {
  if (ASCII_TAG.test(raw)) return raw;
  if (ASCII.test(raw)) return null;
  try {
    return validateTags([raw])[0] ?? null;
  } catch {
    return null;
  }
}

/** The valid form of a task name (its NFC), or null when it breaks the rule. */
function validTaskName(raw: string): string | null {
  if (ASCII_TASK.test(raw)) return raw;
  if (ASCII.test(raw)) return null;
  try {
    return validateTaskName(raw);
  } catch {
    return null;
  }
}

/**
 * What is left of a name once every disallowed run is one `-`, cut to `max` code points. Dashes
 * are trimmed at both ends, before and after the cut, so `client/acme.com` reads `client-acme-com`
 * and a cut never leaves a dangling `-`.
 */
function squeeze(raw: string, max: number): string {
  const dashed = raw.normalize('NFC').replace(DISALLOWED(), '-').replace(STRAY_MARKS(), '-');
  const cut = [...trimDashes(dashed)].slice(0, max).join('');
  // Re-normalized: a cut between a letter and its mark can leave a pair NFC would compose.
  return trimDashes(cut).normalize('NFC');
}

function trimDashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '-') start += 1;
  while (end > start && text[end - 1] === '-') end -= 1;
  return text.slice(start, end);
}

/**
 * A task name for an imported entry: the name itself when the rule accepts it, otherwise a
 * converted one (`my project` → `my-project`, `a` → `a__`, `!!!` → `imported`). Always valid.
 */
export function toTaskName(raw: string): string {
  const valid = validTaskName(raw);
  if (valid !== null) return valid;
  const name = squeeze(raw, TASK_NAME_MAX);
  if (name === '') return 'imported';
  // Padding with `_` keeps a short name recognisable instead of replacing it.
  const missing = TASK_NAME_MIN - [...name].length;
  return missing > 0 ? name + '_'.repeat(missing) : name;
}

/** A tag for an imported entry: the tag itself when valid, else converted; null when nothing is left. */
export function toTag(raw: string): string | null {
  const valid = validTag(raw);
  if (valid !== null) return valid;
  const tag = squeeze(raw, TAG_MAX);
  return tag === '' ? null : tag;
}

import { invalidInput } from './errors.js';
import { NAME_PATTERN, validateTaskName } from './task-name.js';

// Made on first use, as task-name.ts's pattern: a Unicode property class costs every run that
// evaluates it ~9M instructions, and most runs check no tag.
let tag: RegExp | undefined;
const TAG = (): RegExp => (tag ??= new RegExp(`^${NAME_PATTERN}+$`, 'u'));
export const TAG_MAX = 30;
const NOTE_MAX = 500;

/** Tags: 1–30 letters, digits, `-` or `_` each, NFC, without repeats, in the order given. */
export function validateTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFC');
    const length = [...tag].length;
    if (length < 1 || length > TAG_MAX || !TAG().test(tag)) {
      // Shown as typed, cut: a tag is 30 characters at most, and a pasted page is one line of error.
      const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
      throw invalidInput('Invalid tag', `'${escapeUnprintable(shown)}' is not a tag (1–30 letters, digits, '-' or '_')`);
    }
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/**
 * Control characters other than a line break or a tab (an escape sequence recolours or clears
 * the terminal it is printed on, a carriage return overwrites the line) and the bidirectional
 * overrides that make text read otherwise than it is stored. Line breaks stay: notes written
 * before this rule, and exported, hold them, and an export must import again.
 */
// \p{Cc} written out: the Control category is U+0000–U+001F and U+007F–U+009F, and Unicode's
// stability policy fixes it for good. A Unicode-property class cost V8 ~1.8M instructions to
// build in every run that reads a session, and had to be made on first use; these ranges cost
// nothing worth deferring (README, Performance). A test holds them to \p{Cc} on every code point.
const UNPRINTABLE_SOURCE = '[\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]';
const UNPRINTABLE = new RegExp(UNPRINTABLE_SOURCE, 'u');
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE_SOURCE, 'gu');
/** The same, line breaks and tabs aside (a note's). */
const UNPRINTABLE_BUT_BREAKS = new RegExp(`(?![\\n\\t])${UNPRINTABLE_SOURCE}`, 'u');

/**
 * Whether text holds nothing that acts on a terminal (in a note, line breaks and tabs may stay).
 * One regex over the whole text: the store checks every session it reads with it.
 */
export const printable = (text: string, breaks = false): boolean => !(breaks ? UNPRINTABLE_BUT_BREAKS : UNPRINTABLE).test(text);

const ALLOWED = new Set(['\n', '\t']);
const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text with every character that would act on a terminal written as its escape (`\n`, `\u001b`),
 * for a line that quotes what was typed or read (an error): it stays one line and shows what is there.
 */
export const escapeUnprintable = (text: string): string =>
  text.replace(UNPRINTABLE_ALL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A note is free text up to 500 characters; blank means none. */
export function validateNote(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const note = raw.normalize('NFC').trim();
  if ([...note].length > NOTE_MAX) throw invalidInput('Invalid note', `A note may have at most ${NOTE_MAX} characters`);
  const bad = [...note].find((c) => UNPRINTABLE.test(c) && !ALLOWED.has(c));
  if (bad !== undefined) {
    const code = `U+${bad.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
    throw invalidInput('Invalid note', `A note may not hold control characters other than line breaks and tabs (found ${code})`);
  }
  return note === '' ? null : note;
}

export interface LabelInput {
  task: string;
  tag?: string[] | undefined;
  note?: string | undefined;
}

/** What a new session is called and carries, checked: the task name, its tags and its note. */
export function validateLabels(input: LabelInput): { task: string; tags: string[]; note: string | null } {
  return { task: validateTaskName(input.task), tags: validateTags(input.tag ?? []), note: validateNote(input.note) };
}

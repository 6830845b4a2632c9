import { invalidInput } from './errors.js';
import { validateTaskName } from './task-name.js';

const TAG = /^[\p{L}\p{M}\p{Nd}_-]{1,30}$/u;
const NOTE_MAX = 500;

/** Tags: 1–30 letters, digits, `-` or `_` each, NFC, without repeats, in the order given. */
export function validateTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFC');
    if (!TAG.test(tag)) {
      throw invalidInput('Invalid tag', `'${raw}' is not a tag (1–30 letters, digits, '-' or '_')`);
    }
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/**
 * Control characters (a line break, an escape sequence that recolours or clears the terminal) and
 * the bidirectional overrides that make text read otherwise than it is stored: a note is printed
 * on one line in tables and on terminals, so none of them belongs in it.
 */
const UNPRINTABLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** A note is one line of free text up to 500 characters; blank means none. */
export function validateNote(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const note = raw.normalize('NFC').trim();
  if ([...note].length > NOTE_MAX) throw invalidInput('Invalid note', `A note may have at most ${NOTE_MAX} characters`);
  const bad = UNPRINTABLE.exec(note)?.[0];
  if (bad !== undefined) {
    const code = `U+${bad.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
    throw invalidInput('Invalid note', `A note is one line of text without control characters (found ${code})`);
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

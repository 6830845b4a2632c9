import { overlaps, type Range } from './period.js';
import { TAG_MAX, validateTags } from './labels.js';
import type { Session, Status } from './session.js';
import { TASK_NAME_MAX, TASK_NAME_MIN, validateTaskName } from './task-name.js';

export interface SessionQuery {
  status?: Status | undefined;
  task?: string | undefined;
  tag?: string | undefined;
  range?: Range | undefined;
}

/**
 * A filter no stored name could match is refused (`--task ab`, `--tag ''`, a pasted page) with
 * the rule's own message, rather than answered with nothing. The test is the characters names
 * have ever been made of, marks anywhere: a name kept from before a mark had to follow a letter
 * stays one a filter can name.
 */
let nameChars: RegExp | undefined;
const NAME_CHARS = (): RegExp => (nameChars ??= /^[\p{L}\p{M}\p{Nd}_-]+$/u);
function checkFilter(value: string, min: number, max: number, strict: (value: string) => unknown): void {
  const name = value.normalize('NFC');
  const length = [...name].length;
  if (length < min || length > max || !NAME_CHARS().test(name)) strict(value);
}

/** A predicate for the sessions a query selects; `now` ends running sessions for ranges. */
export function sessionMatcher(query: SessionQuery, now: Date): (session: Session) => boolean {
  if (query.task !== undefined) checkFilter(query.task, TASK_NAME_MIN, TASK_NAME_MAX, validateTaskName);
  if (query.tag !== undefined) checkFilter(query.tag, 1, TAG_MAX, (tag) => validateTags([tag]));
  const task = query.task?.normalize('NFC').toLocaleLowerCase();
  const { status, range } = query;
  const tag = query.tag?.normalize('NFC');
  // A history repeats a few task names: each is lower-cased once, not once per session.
  const lower = new Map<string, string>();
  const sameTask = (name: string) => {
    let folded = lower.get(name);
    if (folded === undefined) {
      folded = name.toLocaleLowerCase();
      lower.set(name, folded);
    }
    return folded === task;
  };
  return (s) =>
    (status === undefined || s.status === status) &&
    (task === undefined || sameTask(s.task)) &&
    (tag === undefined || s.tags.includes(tag)) &&
    (range === undefined || overlaps(s, range, now));
}

/** Keeps the newest `limit` of what it is given, in order, without holding the rest. */
export class LastN<T> {
  private items: T[] = [];

  constructor(private readonly limit: number) {}

  push(batch: readonly T[]): void {
    for (const item of batch) this.items.push(item);
    if (this.items.length > this.limit * 2 + 1000) this.items = this.items.slice(-this.limit);
  }

  get values(): T[] {
    return this.items.slice(-this.limit);
  }
}

/**
 * A cursor over what the user typed, for the hand-written grammars of time and duration input
 * (time-input.ts, duration-input.ts). The text is trimmed and its whitespace runs folded to one
 * space, so the grammars only ever see a single ' ' between words; letters compare
 * case-insensitively, and what is left over is quoted as the user typed it.
 */
export class Scanner {
  readonly text: string;
  pos = 0;

  constructor(typed: string) {
    this.text = typed.trim().replace(/\s+/g, ' ');
  }

  done(): boolean {
    return this.pos >= this.text.length;
  }

  /** The character `ahead` places on, lower-cased ('' past the end). */
  peek(ahead = 0): string {
    return (this.text[this.pos + ahead] ?? '').toLowerCase();
  }

  /** Consumes `char` if it is next. */
  eat(char: string): boolean {
    if (this.peek() !== char) return false;
    this.pos += 1;
    return true;
  }

  /** A run of ASCII digits ('' if none). */
  digits(): string {
    const start = this.pos;
    while (isDigit(this.peek())) this.pos += 1;
    return this.text.slice(start, this.pos);
  }

  /** A run of ASCII letters, lower-cased ('' if none). */
  word(): string {
    const start = this.pos;
    while (isLetter(this.peek())) this.pos += 1;
    return this.text.slice(start, this.pos).toLowerCase();
  }

  /** Consumes the whole word `expected` if it is next (`at` does not match the start of `atom`). */
  keyword(...expected: string[]): string | null {
    const start = this.pos;
    const found = this.word();
    if (expected.includes(found)) return found;
    this.pos = start;
    return null;
  }

  /** `am` or `pm`, a space before it allowed; null (cursor unmoved) when neither follows. */
  meridiem(): string | null {
    const start = this.pos;
    this.eat(' ');
    const found = this.keyword('am', 'pm');
    if (!found) this.pos = start;
    return found;
  }

  /** What `read` finds, with the cursor put back: a look ahead. */
  lookAhead<T>(read: () => T): T {
    const start = this.pos;
    try {
      return read();
    } finally {
      this.pos = start;
    }
  }

  /** The text not read yet (for messages: without the space that separated it). */
  rest(): string {
    return this.text.slice(this.pos).trimStart();
  }
}

// One code unit: peek() lower-cases, and a few letters (İ) lower-case to two.
export const isDigit = (char: string): boolean => char.length === 1 && char >= '0' && char <= '9';

const isLetter = (char: string): boolean => char.length === 1 && char >= 'a' && char <= 'z';

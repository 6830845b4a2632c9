import { durationSeconds, pausedSeconds, type Session } from '../core/session.js';
import type { LocalIso } from './json.js';

const CHUNK_BYTES = 1 << 16;

/**
 * Output built as UTF-8 bytes in chunks of 64 KiB. A whole history's JSON made as strings cost
 * more in allocation and garbage collection than in anything else (a cons string per piece, the
 * flattening, the young generation grown to hold them: 166 MB peak on Node 24 at 100,000
 * sessions); written as bytes it allocates one chunk per 64 KiB. A piece of text is never split
 * inside a character, so each chunk is valid UTF-8 on its own.
 */
export class ByteChunks {
  private readonly full: Uint8Array[] = [];
  private buffer = new Uint8Array(CHUNK_BYTES);
  private at = 0;
  private readonly encoder = new TextEncoder();

  /** Makes room for `bytes` more in the current chunk, starting a new one if they do not fit. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    if (this.at > 0) this.full.push(this.buffer.subarray(0, this.at));
    this.buffer = new Uint8Array(Math.max(CHUNK_BYTES, bytes));
    this.at = 0;
  }

  /** Any text, UTF-8 encoded: ASCII (nearly all of it) copied a character at a time. */
  text(text: string): void {
    const length = text.length;
    this.room(length);
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < length; i += 1) {
      const code = text.charCodeAt(i);
      if (code > 127) {
        this.at = at;
        this.bytes(this.encoder.encode(text.slice(i)));
        return;
      }
      buffer[at] = code;
      at += 1;
    }
    this.at = at;
  }

  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
  }

  /** A number as JSON (and a template string) writes it; whole non-negative ones without a string. */
  number(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      this.text(String(value));
      return;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    this.room(digits);
    let rest = value;
    for (let i = this.at + digits - 1; i >= this.at; i -= 1) {
      this.buffer[i] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.at += digits;
  }

  /** The chunks written so far, the current one included; the writer starts a new chunk after. */
  take(): Uint8Array[] {
    if (this.at > 0) this.full.push(this.buffer.subarray(0, this.at));
    this.buffer = new Uint8Array(CHUNK_BYTES);
    this.at = 0;
    return this.full.splice(0);
  }
}

/** What `list` prints as it scans (JSON or CSV of every match): sessions in, the output's bytes out. */
export interface ListWriter {
  add(session: Session): void;
  /** The whole output, given how many sessions matched. */
  finish(total: number): Uint8Array[];
}

/**
 * `list --json`, written straight to bytes: exactly `JSON.stringify(sessionListJson(…))` plus a
 * line break (a property test holds the two equal). Task names repeat through a history, so each
 * one's JSON is encoded once.
 */
export function sessionListJsonWriter(now: Date, iso: LocalIso): ListWriter {
  const out = new ByteChunks();
  const tasks = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  let count = 0;
  out.text('{"sessions":[');
  const quoted = (text: string) => {
    out.text('"');
    out.text(text);
    out.text('"');
  };
  return {
    add(s) {
      out.text(count === 0 ? '{"session_id":' : ',{"session_id":');
      count += 1;
      out.number(s.id);
      out.text(',"task_name":');
      let task = tasks.get(s.task);
      if (task === undefined) {
        task = encoder.encode(JSON.stringify(s.task));
        tasks.set(s.task, task);
      }
      out.bytes(task);
      out.text(',"started_at":');
      quoted(iso(s.started_at));
      out.text(',"stopped_at":');
      if (s.stopped_at === null) out.text('null');
      else quoted(iso(s.stopped_at));
      out.text(',"duration_seconds":');
      out.number(durationSeconds(s, now));
      out.text(',"status":');
      quoted(s.status);
      out.text(',"planned_seconds":');
      // A hand-written file may lack the field: null, as the view's `?? 'null'` always wrote.
      const planned = s.planned_seconds ?? null;
      if (planned === null) out.text('null');
      else out.number(planned);
      out.text(',"paused_seconds":');
      out.number(pausedSeconds(s, now));
      out.text(',"tags":');
      out.text(s.tags.length === 0 ? '[]' : JSON.stringify(s.tags));
      out.text(',"note":');
      out.text(s.note === null || s.note === undefined ? 'null' : JSON.stringify(s.note));
      if (s.device !== undefined) {
        out.text(',"device":');
        out.text(JSON.stringify(s.device));
      }
      out.text('}');
    },
    finish(total) {
      out.text('],"total":');
      out.number(total);
      out.text('}\n');
      return out.take();
    },
  };
}

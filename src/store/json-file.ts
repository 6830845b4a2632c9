import { Low, type Adapter } from 'lowdb';
import { readTextIfExists, replaceFileAtomically, writeNewFileDurably } from './atomic-file.js';

export interface Codec<T> {
  decode(text: string, path: string): T;
  encode(data: T): string;
}

/**
 * lowdb adapter for one of the store's JSON files. lowdb's own JSONFile (steno) renames a temp
 * file into place but neither flushes it to disk nor keeps the previous version, and treats a
 * parse failure as a crash. This one fsyncs; `replace` keeps `<file>.bak`, `create` writes a
 * file that must not exist yet; and a file that fails to decode is reported, never overwritten.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  /** The text last read (so callers can tell whether re-encoding changed anything) or written. */
  lastText: string | null = null;
  /** For `replace`: runs right before the new file takes the old one's place; may throw to veto. */
  beforeReplace: (() => void) | undefined;

  constructor(
    readonly path: string,
    private readonly codec: Codec<T>,
    private readonly mode: 'replace' | 'create',
  ) {}

  async read(): Promise<T | null> {
    this.lastText = readTextIfExists(this.path);
    return this.lastText === null ? null : this.codec.decode(this.lastText, this.path);
  }

  async write(data: T): Promise<void> {
    const text = this.codec.encode(data);
    if (this.mode === 'replace') replaceFileAtomically(this.path, text, this.beforeReplace);
    else writeNewFileDurably(this.path, text);
    this.lastText = text;
  }
}

/** A lowdb database over a durable file: `new Low(adapter, defaults)`, never JSONFilePreset. */
export function openJson<T>(path: string, codec: Codec<T>, mode: 'replace' | 'create', defaults: T) {
  const adapter = new DurableJsonFile(path, codec, mode);
  return { db: new Low<T>(adapter, defaults), adapter };
}

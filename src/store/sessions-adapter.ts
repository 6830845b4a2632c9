import type { Adapter } from 'lowdb';
import type { TrackerData } from '../core/session.js';
import { readTextIfExists, replaceFileAtomically } from './atomic-file.js';
import { decodeSessionsFile, encodeSessionsFile } from './schema.js';

/**
 * lowdb adapter for the sessions file. lowdb's own JSONFile (steno) renames a temp file into
 * place but neither flushes it to disk nor keeps the previous version, and it treats
 * every parse failure as a crash; this one fsyncs, keeps `<file>.bak`, and reports an
 * unreadable or newer-version file as a store error so it is never overwritten.
 */
export class SessionsFileAdapter implements Adapter<TrackerData> {
  constructor(private readonly file: string) {}

  async read(): Promise<TrackerData | null> {
    const text = await readTextIfExists(this.file);
    return text === null ? null : decodeSessionsFile(text, this.file);
  }

  async write(data: TrackerData): Promise<void> {
    await replaceFileAtomically(this.file, encodeSessionsFile(data));
  }
}

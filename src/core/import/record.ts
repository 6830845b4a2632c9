import type { Pause, Status } from '../session.js';

/** The formats `import` reads. */
export const IMPORT_FORMATS = ['stint', 'csv', 'watson', 'timewarrior'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One entry read from a file to import, before its names are checked against stint's rules and
 * before it gets a local ID. Instants are stored instants: UTC, whole seconds, `…Z`.
 */
export interface ImportRecord {
  /**
   * The session_id a stint export gave it, kept when this store has never given that ID out;
   * absent for Watson and Timewarrior, which have no such number.
   */
  id?: number;
  /** Where it is in the file, for messages: `line 12`, `frame 3`, `session 5`. */
  where: string;
  /**
   * Its identity, for de-duplication and as the stored session's uid: a stint export's own uid,
   * `watson-<frame id>`, or `timewarrior-<start>-<end>` (the interval itself; end empty when open).
   */
  uid: string;
  /** The task (Watson's project; for Timewarrior chosen from the tags), as found. */
  task: string;
  /** As found, duplicates removed; names that break the tag rule are converted later. */
  tags: string[];
  started_at: string;
  stopped_at: string | null;
  status: Status;
  planned_seconds: number | null;
  pauses: Pause[];
  note: string | null;
  updated_at: string;
}

/** An entry that could not be read: where, and why. */
export interface InvalidEntry {
  where: string;
  reason: string;
}

export interface ParsedImport {
  records: ImportRecord[];
  invalid: InvalidEntry[];
}

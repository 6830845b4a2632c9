import { storeError } from '../core/errors.js';
import { unknownField } from '../core/json-keys.js';
import type { Session } from '../core/session.js';
import { isStoredInstant as isInstant, sessionProblem as fieldsProblem } from '../core/session-rules.js';

/**
 * The layout this stint writes: a root file plus, per month of finished sessions, one file and up
 * to MONTH_PARTS small files of sessions added to it since (version 3; version 2 had no parts).
 */
export const STORE_VERSION = 3;

/**
 * How many part files a month may have before the next change to it rewrites the month whole: a
 * stop appends one instead of rewriting the month (README "Storage"), and a read opens them all.
 */
export const MONTH_PARTS = 16;
export const unreadable = (file: string, why: string) => storeError('Store unreadable', `${file}: ${why}; the file was left untouched`);

/* ---------- version 3: root and month files ---------- */

/** Where a month's finished sessions are, and what a reader needs to know to skip the file. */
export interface MonthEntry {
  file: string;
  count: number;
  min_id: number;
  max_id: number;
  /** The longest session in the month, so range queries know how far back to look. */
  max_seconds: number;
  /**
   * When the month's last session stopped (seconds since 1970, rounded up), so a range query
   * starting after it skips the month: `report --month` need not read last month to find that
   * none of its sessions runs into this one (~18M instructions at 100,000 sessions). Absent in
   * entries written before it was kept; `max_seconds` then bounds the month.
   */
  ends_by?: number;
  /**
   * Files of sessions added to the month after `file` was written, oldest first, each holding
   * only sessions whose IDs are above every ID in the files before it (so none repeats one). The
   * numbers above count all of the month's files. Absent: the month is `file` alone.
   */
  parts?: string[];
}

/** A month's files: its main file, then its parts. */
export function monthFiles(entry: MonthEntry): string[] {
  return entry.parts === undefined ? [entry.file] : [entry.file, ...entry.parts];
}

/** Whether two entries name the same files (undefined: no such month). */
export function sameFiles(a: MonthEntry | null | undefined, b: MonthEntry | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.file === b.file && (a.parts ?? []).join() === (b.parts ?? []).join();
}

/**
 * What one change replaced: the root's active sessions and counter, and the month entries it
 * changed (null where the month did not exist). Entries live in the root itself, so recording one
 * is part of the change's own commit; the month files they name are kept until the entry leaves,
 * so an undo restores the exact files.
 */
export interface UndoEntry {
  label: string;
  at: string;
  before: { next_id: number; active: Session[]; months: Record<string, MonthEntry | null> };
}

/** The root: small, read by every command; its atomic replacement is the commit of every change. */
export interface Root {
  version: number;
  revision: number;
  next_id: number;
  active: Session[];
  months: Record<string, MonthEntry>;
  /** The last changes, newest last, for `undo` (see undo-journal.ts). */
  undo?: UndoEntry[];
  /**
   * Month → the revision that last changed its entry (written, emptied or restored by undo), for
   * `changesSince`. Missing in roots written before it existed: such months count as changed.
   */
  changed?: Record<string, number>;
}

export function emptyRoot(): Root {
  return { version: STORE_VERSION, revision: 0, next_id: 1, active: [], months: {}, undo: [] };
}

/**
 * On one line: every start and stop parses and writes the root, which at 100,000 sessions holds
 * 220 months and 50 undo steps; spaced for reading it was a third larger and cost each ~3M
 * instructions more (README, Performance). `jq . state.json` spaces it for a person.
 */
export function encodeRoot(root: Root): string {
  return `${JSON.stringify({ ...root, version: STORE_VERSION })}\n`;
}

/**
 * Where a root of an older layout is brought up to this one, in memory (the first write then
 * stores it in the new layout). Version 2 is the first layout stint was released with; version 3
 * only added month parts, which a version-2 root has none of, so its root reads as it is (and its
 * month files too: decodeMonth takes any version up to this one). The next layout adds its step
 * here and bumps STORE_VERSION. A newer version never gets here (checkVersion refuses it).
 */
function upgrade(raw: Record<string, unknown>, version: number, file: string): Record<string, unknown> {
  if (version === STORE_VERSION) return raw;
  if (version !== 2) throw unreadable(file, `unexpected "version" ${version}`);
  const befores = Array.isArray(raw.undo)
    ? raw.undo.map((entry) => (isRecord(entry) && isRecord(entry.before) ? entry.before.months : undefined))
    : [];
  if ([raw.months, ...befores].some(hasParts)) throw unreadable(file, 'version 2 has no month parts');
  return raw;
}

/** Whether an index of months names parts for any month. */
function hasParts(months: unknown): boolean {
  return isRecord(months) && Object.values(months).some((entry) => isRecord(entry) && entry.parts !== undefined);
}

export function decodeRoot(text: string, file: string): Root {
  const parsed = parseObject(text, file);
  const raw = upgrade(parsed, checkVersion(parsed, file), file);
  const stray = unknownField(raw, ROOT_FIELDS);
  if (stray !== undefined) throw unreadable(file, `unknown field ${JSON.stringify(stray)}`);
  const version = STORE_VERSION;
  const nextId = checkNextId(raw, file);
  const { revision, months } = raw;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) {
    throw unreadable(file, 'missing or invalid "revision"');
  }
  const monthsProblem = monthIndexProblem(months, false);
  if (monthsProblem) throw unreadable(file, `"months" ${monthsProblem}`);
  const active = checkSessions(raw.active, file, '"active"', nextId);
  const changed = checkChanged(raw.changed, file, revision);
  const root: Root = {
    version,
    revision,
    next_id: nextId,
    active,
    months: months as Record<string, MonthEntry>,
    undo: checkUndo(raw.undo, file, nextId),
  };
  if (changed) root.changed = changed;
  return root;
}

function checkChanged(changed: unknown, file: string, revision: number): Record<string, number> | undefined {
  if (changed === undefined) return undefined;
  if (!isRecord(changed)) throw unreadable(file, '"changed" is not an object');
  // Keys, not entries (as monthIndexProblem): the root has one per month of history.
  const keys = Object.keys(changed);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const at = changed[key];
    if (!MONTH_KEY.test(key) || !isWhole(at, 1) || at > revision)
      throw unreadable(file, `"changed" has an invalid entry for month ${JSON.stringify(key)}`);
  }
  return changed as Record<string, number>;
}

/**
 * The undo history, checked like the rest of the root: `undo` puts an entry's sessions and month
 * entries back into the root, so one stint could not have written would make a root it refuses.
 * Its active sessions are checked against the root's counter, which an undo never lowers.
 */
function checkUndo(list: unknown, file: string, nextId: number): UndoEntry[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw unreadable(file, '"undo" is not a list');
  list.forEach((entry, index) => {
    const problem = undoProblem(entry, nextId);
    if (problem) throw unreadable(file, `undo entry at index ${index}: ${problem}`);
  });
  return list as UndoEntry[];
}

function undoProblem(entry: unknown, nextId: number): string | null {
  if (!isRecord(entry)) return 'not an object';
  const { label, at, before } = entry;
  // Counted first, as for sessions: the root holds 50 entries, read on every start and stop.
  const stray = Object.keys(entry).length === 3 ? undefined : unknownField(entry, UNDO_FIELDS);
  if (stray !== undefined) return `unknown field ${JSON.stringify(stray)}`;
  if (typeof label !== 'string') return 'invalid "label"';
  if (!isInstant(at)) return 'invalid "at"';
  if (!isRecord(before)) return '"before" is not an object';
  const strayBefore = Object.keys(before).length === 3 ? undefined : unknownField(before, UNDO_BEFORE_FIELDS);
  if (strayBefore !== undefined) return `unknown field "before.${strayBefore}"`;
  if (!isWhole(before.next_id, 1)) return 'invalid "before.next_id"';
  const months = monthIndexProblem(before.months, true);
  if (months) return `"before.months" ${months}`;
  if (!Array.isArray(before.active)) return '"before.active" is not a list';
  const active = sessionsProblem(before.active, '', nextId);
  return active && `"before.active" ${active}`;
}

/** What is wrong with an index of month files (`null` entries allowed in an undo entry), or null. */
function monthIndexProblem(months: unknown, nullable: boolean): string | null {
  if (!isRecord(months)) return 'is not an object';
  // Every read checks the root's index, one entry per month of history (220 in 18 years): its
  // keys, not Object.entries' pair per month, and an index loop (README, Performance).
  const keys = Object.keys(months);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const entry = months[key];
    const valid = MONTH_KEY.test(key) && (entry === null ? nullable : isRecord(entry) && monthEntryValid(key, entry));
    if (!valid) return `has an invalid entry for month ${JSON.stringify(key)}`;
  }
  return null;
}

const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month entry as layout.ts writes it: a file name of that month, and the numbers readers rely on. */
function monthEntryValid(key: string, entry: Record<string, unknown>): boolean {
  const { file, count, min_id: minId, max_id: maxId, max_seconds: maxSeconds, ends_by: endsBy, parts } = entry;
  // The five checked below, and the two optional ones where present: any other key is unknown.
  const known = 5 + (endsBy === undefined ? 0 : 1) + (parts === undefined ? 0 : 1);
  return (
    Object.keys(entry).length === known &&
    isFileOfMonth(key, file) &&
    (parts === undefined || partsValid(key, file as string, parts)) &&
    // Not before the month began: every session filed in it started there and stopped no earlier.
    (endsBy === undefined || isWhole(endsBy, monthStartSeconds(key))) &&
    isWhole(count, 1) &&
    isWhole(minId, 1) &&
    isWhole(maxId, 1) &&
    isWhole(maxSeconds, 0)
  );
}

/** The first second of a month key's month (UTC), in seconds since 1970. */
function monthStartSeconds(key: string): number {
  return Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, 1) / 1000;
}

/** A month file's name, of this month. */
function isFileOfMonth(key: string, file: unknown): boolean {
  // `sessions/<key>.`: the name's shape puts the month at MONTH_START and a dot after it.
  return typeof file === 'string' && isMonthFileName(file) && file.startsWith(key, MONTH_START);
}

/** One to MONTH_PARTS files of the month, none named twice (nor the main file). */
function partsValid(key: string, file: string, parts: unknown): boolean {
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > MONTH_PARTS) return false;
  for (let i = 0; i < parts.length; i += 1) {
    const part: unknown = parts[i];
    if (!isFileOfMonth(key, part) || part === file || parts.indexOf(part) !== i) return false;
  }
  return true;
}

export function isWhole(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** One session a line: compact for speed, still readable and diffable by a person. */
export function encodeMonth(key: string, sessions: readonly Session[]): string {
  const lines = sessions.map((s) => JSON.stringify(s)).join(',\n');
  return `${MONTH_HEADER}"month":"${key}","sessions":[\n${lines}\n]}\n`;
}

/** How every month file this version writes begins: a text that does not was written by an older one. */
export const MONTH_HEADER = `{"version":${STORE_VERSION},`;

/** A month file: of the month `key` it is filed under, holding only what stint writes. */
export function decodeMonth(text: string, file: string, nextId: number, key: string): Session[] {
  const raw = parseObject(text, file);
  checkVersion(raw, file);
  const stray = unknownField(raw, MONTH_FIELDS);
  if (stray !== undefined) throw unreadable(file, `unknown field ${JSON.stringify(stray)}`);
  if (raw.month !== key) throw unreadable(file, `"month" is not ${JSON.stringify(key)}, the month the root files it under`);
  return checkSessions(raw.sessions, file, '"sessions"', nextId);
}

/** Where a month file's name (`sessions/2026-11.r3-x.json`) has its month. */
const MONTH_START = 'sessions/'.length;

export function isMonthFileName(name: string): boolean {
  return /^sessions\/\d{4}-\d{2}\.r\d+(-[a-z0-9]+)?\.json$/.test(name);
}

/* ---------- shared checks ---------- */

// The fields each object of the store has, as stint writes them. A field outside these is one
// this stint does not understand: the file is refused rather than read in part and rewritten
// without it.
const ROOT_FIELDS = ['version', 'revision', 'next_id', 'active', 'months', 'undo', 'changed'];
const UNDO_FIELDS = ['label', 'at', 'before'];
const UNDO_BEFORE_FIELDS = ['next_id', 'active', 'months'];
const MONTH_FIELDS = ['version', 'month', 'sessions'];
const SESSION_FIELDS = [
  'id',
  'uid',
  'task',
  'started_at',
  'stopped_at',
  'status',
  'planned_seconds',
  'pauses',
  'tags',
  'note',
  'updated_at',
  'device',
];

/** JSON.parse that reports, as a store error naming the file, anything but a JSON object. */
export function parseObject(text: string, file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw unreadable(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(raw)) throw unreadable(file, 'expected a JSON object');
  return raw;
}

function checkVersion(raw: Record<string, unknown>, file: string): number {
  const { version } = raw;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw unreadable(file, 'missing or invalid "version"');
  }
  if (version > STORE_VERSION) {
    throw unreadable(file, `written by a newer stint (store version ${version}, this one reads up to ${STORE_VERSION}); upgrade stint`);
  }
  return version;
}

function checkNextId(raw: Record<string, unknown>, file: string): number {
  const { next_id: nextId } = raw;
  if (typeof nextId !== 'number' || !Number.isInteger(nextId) || nextId < 1) {
    throw unreadable(file, 'missing or invalid "next_id"');
  }
  return nextId;
}

function checkSessions(list: unknown, file: string, field: string, nextId: number): Session[] {
  const problem = sessionsProblem(list, field, nextId);
  if (problem) throw unreadable(file, problem);
  return list as Session[];
}

function sessionsProblem(list: unknown, field: string, nextId: number): string | null {
  if (!Array.isArray(list)) return `${field} is not a list`;
  // None for a list of one or none: each undo entry has such a list of its own.
  const seen = list.length > 1 ? new Set<number>() : undefined;
  // An index loop: entries() made a pair per session, and a month file has hundreds.
  for (let index = 0; index < list.length; index += 1) {
    const session: unknown = list[index];
    const problem = sessionProblem(session, nextId);
    if (problem) return `session at index ${index}: ${problem}`;
    const { id } = session as Session;
    if (seen?.has(id)) return `session at index ${index}: "id" ${id} appears twice`;
    seen?.add(id);
  }
  return null;
}

function sessionProblem(value: unknown, nextId: number): string | null {
  if (!isRecord(value)) return 'not an object';
  const { id, note, device } = value;
  // Ten fields every session has (each checked), and a note and a device where present: counted
  // rather than each key looked up, as a month file has hundreds of sessions to check.
  if (Object.keys(value).length !== 10 + (note === undefined ? 0 : 1) + (device === undefined ? 0 : 1)) {
    // Fewer keys is a field missing, which its own check names.
    const stray = unknownField(value, SESSION_FIELDS);
    if (stray !== undefined) return `unknown field ${JSON.stringify(stray)}`;
  }
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) return 'invalid "id"';
  if (id >= nextId) return `"id" ${id} is not below "next_id" ${nextId}`;
  // The rest is what any stored session must be, here or arriving by sync (core/session-rules.ts).
  return fieldsProblem(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { isTaskName } from './names.js';
import type { ImportRecord, ParsedImport } from './record.js';
import { Collector, EntryProblem, invalidFile, parseJsonFile, show, unique, withoutBom } from './text.js';

// Timewarrior's data files (`~/.timewarrior/data/2026-01.data`), one interval a line:
//
//   inc 20260101T090000Z - 20260101T100000Z # tag1 "tag two" tag3 # annotation
//
// An open interval has no ` - end`; tags and the annotation after a second `#` are optional
// (an annotation without tags reads `# # text`). Timewarrior has no task, only tags, so the
// task is chosen from them (chooseTask). Months concatenated are just more lines.
//
// `timew export` writes the same intervals as a JSON list of objects,
//
//   {"id":1,"start":"20260101T090000Z","end":"20260101T100000Z","tags":["tag1"],"annotation":"…"}
//
// read into the same records, with the same identity: a month file and an export of it are
// duplicates of each other.

interface Token {
  text: string;
  /** A quoted `#` or `-` is a tag, not syntax. */
  quoted: boolean;
}

const fail = (reason: string): never => {
  throw new EntryProblem(reason);
};

/** Words separated by blanks; `"…"` holds blanks, and `\"` inside it is a quote. */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i += 1;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j += 1) {
        if (line[j] === '\\' && line[j + 1] === '"') j += 1;
        text += line[j];
      }
      if (j >= line.length) fail(`unterminated quote at column ${i + 1}`);
      tokens.push({ text, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < line.length && line[j] !== ' ' && line[j] !== '\t') j += 1;
      tokens.push({ text: line.slice(i, j), quoted: false });
      i = j;
    }
  }
  return tokens;
}

const STAMP = /^\d{8}T\d{6}Z$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether the fields make a real UTC time; by arithmetic, as a month's file has thousands of stamps. */
function isRealTime(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 && leap ? 29 : (MONTH_DAYS[mo - 1] ?? 0);
  return d >= 1 && d <= days && h < 24 && mi < 60 && s < 60;
}

/** A compact UTC stamp (`20260101T090000Z`) as a stored instant; an impossible date is refused. */
function readStamp(c: string | undefined, what: string): string {
  if (c === undefined) return fail(`missing ${what} time`);
  if (!STAMP.test(c)) return fail(`${what} is not a time like 20260101T090000Z: ${show(c)}`);
  const [y, mo, d, h, mi, s] = [c.slice(0, 4), c.slice(4, 6), c.slice(6, 8), c.slice(9, 11), c.slice(11, 13), c.slice(13, 15)];
  if (!isRealTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s))) fail(`${what} is not a real time: ${show(c)}`);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
}

const isSyntax = (token: Token | undefined, text: string): boolean => token?.quoted === false && token.text === text;

function readInterval(line: string, where: string, taskTags: readonly string[]): ImportRecord {
  if (!line.startsWith('inc ') && line !== 'inc') fail(`not an interval: ${show(line)}`);
  const tokens = tokenize(line);
  const start = tokens[1]?.text;
  let i = 2;
  let end: string | undefined;
  if (isSyntax(tokens[i], '-')) {
    end = tokens[i + 1]?.text ?? fail('missing end time');
    i += 2;
  }
  const tags: string[] = [];
  let note: string | null = null;
  if (i < tokens.length) {
    if (!isSyntax(tokens[i], '#')) fail(`expected '#' before the tags, found ${show(tokens[i]?.text)}`);
    for (i += 1; i < tokens.length && !isSyntax(tokens[i], '#'); i += 1) tags.push((tokens[i] as Token).text);
    // Timewarrior itself joins the annotation's words with one space.
    const annotation = tokens
      .slice(i + 1)
      .map((t) => t.text)
      .join(' ');
    if (annotation !== '') note = annotation;
  }
  return intervalRecord(where, { start, end, tags, note }, taskTags);
}

interface Interval {
  start: string | undefined;
  /** Absent while the interval is open. */
  end: string | undefined;
  tags: readonly string[];
  note: string | null;
}

/** The record of an interval, from a data line or an export alike. */
function intervalRecord(where: string, { start, end, tags, note }: Interval, taskTags: readonly string[]): ImportRecord {
  const started_at = readStamp(start, 'start');
  const stopped_at = end === undefined ? null : readStamp(end, 'end');
  if (stopped_at !== null && stopped_at < started_at) fail('end is before start');
  const found = unique(tags);
  return {
    where,
    // The interval is its own identity: the stamps as written, the end empty while open.
    uid: `timewarrior-${start}-${end ?? ''}`,
    task: chooseTask(found, taskTags),
    tags: found,
    started_at,
    stopped_at,
    status: stopped_at === null ? 'running' : 'completed',
    planned_seconds: null,
    pauses: [],
    note,
    // Timewarrior keeps no modification time; the interval's last instant stands in.
    updated_at: stopped_at ?? started_at,
  };
}

/**
 * The task of an interval with these tags. Timewarrior stores tags sorted, so the order the user
 * typed (`timew start writing blog`) is lost: the first of `taskTags` (a priority list the user
 * gives) that the interval has wins; else the first tag that is a task name as it stands (stored
 * order: alphabetical), else the first tag, converted later; `untagged` when there is none.
 */
export function chooseTask(tags: readonly string[], taskTags: readonly string[] = []): string {
  for (const wanted of taskTags) if (tags.includes(wanted)) return wanted;
  return tags.find(isTaskName) ?? tags[0] ?? 'untagged';
}

const EXPORT_FIELDS = ['id', 'start', 'end', 'tags', 'annotation'];

/** One object of `timew export`, read strictly: a field it does not write is refused, not ignored. */
function readExported(value: unknown, where: string, taskTags: readonly string[]): ImportRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected an interval: {"start", "end", "tags", …}');
  const raw = value as Record<string, unknown>;
  const unknown = Object.keys(raw).find((key) => !EXPORT_FIELDS.includes(key));
  if (unknown !== undefined) fail(`unknown field ${show(unknown)}`);
  const { id, start, end, tags = [], annotation } = raw;
  if (id !== undefined && !(Number.isSafeInteger(id) && (id as number) >= 1)) fail(`id is not a whole number from 1: ${show(id)}`);
  if (start === undefined) fail('missing start time');
  if (typeof start !== 'string') fail(`start is not a time like 20260101T090000Z: ${show(start)}`);
  if (end !== undefined && typeof end !== 'string') fail(`end is not a time like 20260101T090000Z: ${show(end)}`);
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) fail('tags are not a list of strings');
  if (annotation !== undefined && typeof annotation !== 'string') fail('annotation is not a string');
  const note = annotation === undefined || annotation === '' ? null : (annotation as string);
  return intervalRecord(where, { start: start as string, end: end as string | undefined, tags: tags as string[], note }, taskTags);
}

/** `timew export`'s JSON list; `id` is only the export's position (@1 is the newest), so it is not kept. */
function parseExport(text: string, taskTags: readonly string[]): ParsedImport {
  const intervals = parseJsonFile(text);
  if (!Array.isArray(intervals)) throw invalidFile("Expected Timewarrior's export: a JSON list of intervals");
  const out = new Collector();
  for (let i = 0; i < intervals.length; i += 1) {
    out.read(`interval ${i + 1}`, () => readExported(intervals[i], `interval ${i + 1}`, taskTags));
  }
  return out.result();
}

/** Timewarrior's data lines, or the JSON of `timew export`. */
export function parseTimewarrior(text: string, taskTags: readonly string[] = []): ParsedImport {
  if (withoutBom(text).trimStart().startsWith('[')) return parseExport(text, taskTags);
  const out = new Collector();
  const lines = withoutBom(text).split('\n');
  for (let n = 0; n < lines.length; n += 1) {
    const line = (lines[n] as string).trim();
    if (line === '') continue;
    out.read(`line ${n + 1}`, () => readInterval(line, `line ${n + 1}`, taskTags));
  }
  return out.result();
}

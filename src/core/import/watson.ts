import type { ImportRecord, ParsedImport } from './record.js';
import { invalidFile, parseJsonFile, show, unique } from './text.js';

// Watson's `frames` file: a JSON array of [start, stop, project, id, tags, updated_at], times in
// UTC epoch seconds. A years-long log holds 100,000 frames and more, so this loop stays plain:
// type checks and string building, no regex and no exception per frame.

// Years 1970 to 9999: the stamps are fixed-width there, and a frame outside them is damage.
const MAX_EPOCH_SECONDS = 253_402_300_799;
const DAY = 86_400;

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * Stored instants from epoch seconds, fractions dropped. Three per frame add up: the date part is
 * built once per UTC day (a log has a few frames a day) and the time of day by arithmetic.
 */
function makeInstant(): (seconds: number) => string {
  const days = new Map<number, string>();
  return (seconds) => {
    const s = Math.floor(seconds);
    const day = Math.floor(s / DAY);
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * DAY * 1000).toISOString().slice(0, 11);
      days.set(day, date);
    }
    const t = s - day * DAY;
    return `${date}${two(Math.floor(t / 3600))}:${two(Math.floor(t / 60) % 60)}:${two(t % 60)}Z`;
  };
}

const isTime = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= MAX_EPOCH_SECONDS;

/** Why a frame cannot be imported, or null when it can. */
function problem(frame: unknown): string | null {
  // Frames written before Watson stamped updated_at have five elements; that is still a frame.
  if (!Array.isArray(frame) || (frame.length !== 6 && frame.length !== 5)) {
    return 'expected [start, stop, project, id, tags, updated_at]';
  }
  const [start, stop, project, id, tags, updated] = frame as unknown[];
  if (!isTime(start)) return 'start is not a time in epoch seconds (1970 to 9999)';
  if (!isTime(stop)) return 'stop is not a time in epoch seconds (1970 to 9999)';
  if (Math.floor(stop) < Math.floor(start)) return 'stop is before start';
  if (typeof project !== 'string' || project === '') return 'project is missing';
  if (typeof id !== 'string' || id === '') return 'id is missing';
  if (!Array.isArray(tags)) return 'tags are not a list';
  for (const tag of tags) if (typeof tag !== 'string') return 'tags are not a list of strings';
  if (updated !== undefined && updated !== null && !isTime(updated)) return 'updated_at is not a time in epoch seconds (1970 to 9999)';
  return null;
}

export function parseWatson(text: string): ParsedImport {
  const frames = parseJsonFile(text);
  if (!Array.isArray(frames)) throw invalidFile("Expected Watson's frames: a JSON list of frames");
  const instant = makeInstant();
  const records: ImportRecord[] = [];
  const invalid: ParsedImport['invalid'] = [];
  // Frame id → its frame number. Watson gives each frame its own id: one id on two frames is a
  // damaged file, and which of them is the frame cannot be known (keeping one would drop the other).
  const seen = new Map<string, number>();
  for (let i = 0; i < frames.length; i += 1) {
    const frame: unknown = frames[i];
    const reason = problem(frame);
    if (reason !== null) {
      invalid.push({ where: `frame ${i + 1}`, reason });
      continue;
    }
    // problem() has checked every element's type.
    const [start, stop, project, id, tags, updated] = frame as [number, number, string, string, string[], number | null | undefined];
    const first = seen.get(id);
    if (first !== undefined) {
      invalid.push({ where: `frame ${i + 1}`, reason: `id ${show(id)} is frame ${first}'s too` });
      continue;
    }
    seen.set(id, i + 1);
    const stopped = instant(stop);
    const started = instant(start);
    records.push({
      where: `frame ${i + 1}`,
      uid: `watson-${id}`,
      task: project,
      tags: unique(tags),
      started_at: started,
      stopped_at: stopped,
      status: 'completed',
      planned_seconds: null,
      pauses: [],
      note: null,
      updated_at: typeof updated !== 'number' || updated === stop ? stopped : instant(updated),
    });
  }
  return { records, invalid };
}

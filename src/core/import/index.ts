import type { ImportFormat, ParsedImport } from './record.js';
import { parseStintCsv, parseStintJson } from './stint.js';
import { parseTimewarrior } from './timewarrior.js';
import { parseWatson } from './watson.js';

export { detectFormat } from './detect.js';
export { toTag, toTaskName } from './names.js';

/** What steers the reading: Timewarrior's task rule (see chooseTask). */
export interface ParseOptions {
  taskTags?: readonly string[];
}

const PARSERS: Record<ImportFormat, (text: string, options: ParseOptions) => ParsedImport> = {
  stint: parseStintJson,
  csv: parseStintCsv,
  watson: parseWatson,
  timewarrior: (text, options) => parseTimewarrior(text, options.taskTags),
};

/**
 * Reads a whole file in `format` into records and the entries that could not be read. Pure: the
 * names are still as found, and nothing is checked against the store (duplicates, conflicts).
 * A file that is not the format at all throws `Invalid file` (invalid_input).
 */
export function parseImport(text: string, format: ImportFormat, options: ParseOptions = {}): ParsedImport {
  return PARSERS[format](text, options);
}

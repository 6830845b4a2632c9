import { basename, join } from 'node:path';
import { invalidInput, StintError } from '../../core/errors.js';
import { detectFormat, TIMEWARRIOR_MONTH } from '../../core/import/detect.js';
import { parseImport } from '../../core/import/index.js';
import { applyImport, type ImportInput } from '../../core/import/plan.js';
import type { ImportFormat } from '../../core/import/record.js';
import { parseJsonFile, withoutBom } from '../../core/import/text.js';
import type { TrackerData } from '../../core/session.js';
import { importSummaryText, type SkippedFile } from '../../render/import-text.js';
import { overlapWarnings } from '../../render/overlap-text.js';
import { ALL } from '../../store/store.js';
import type { Context } from '../context.js';
import { printWarnings } from '../warnings.js';

export interface ImportOptions {
  files: string[];
  format?: ImportFormat | undefined;
  dryRun?: boolean | undefined;
  skipInvalid?: boolean | undefined;
  /** Comma-separated: Timewarrior tags that, in this order, are preferred as the task. */
  taskTags?: string | undefined;
}

/**
 * Reads every file first (a bad one stops everything before the store is touched), then adds
 * their sessions in one locked change: 100,000 Watson frames take the lock once.
 */
export async function importSessions(options: ImportOptions, ctx: Context): Promise<number> {
  const taskTags = parseTaskTags(options.taskTags);
  const { paths, skipped } = expandPaths(options.files, ctx);
  const texts = paths.map((file) => ({ file, text: ctx.deps.files.read(file) }));
  // A `.data` file that is not a month (the glob `*.data` matches tags.data, undo.data) is
  // skipped unless it holds intervals: Timewarrior's own names never do.
  const wanted = texts.filter(({ file, text }) => {
    const name = basename(file);
    if (!name.endsWith('.data') || TIMEWARRIOR_MONTH.test(name) || detectFormat(text) === 'timewarrior') return true;
    skipped.push({ file, reason: NOT_MONTH });
    return false;
  });
  if (wanted.length === 0) {
    throw invalidInput(
      'Nothing to import',
      `No Timewarrior month file (YYYY-MM.data) or other file to read in ${options.files.join(', ')}`,
    );
  }
  const inputs: ImportInput[] = wanted.map(({ file, text }) => {
    // An empty month file (every interval deleted) still is Timewarrior's.
    const format = options.format ?? detectFormat(text) ?? (TIMEWARRIOR_MONTH.test(basename(file)) ? 'timewarrior' : null);
    if (!format) {
      // Text that begins as JSON but does not parse says why, rather than that no format fits.
      if (/^\s*[[{]/.test(withoutBom(text)) && !parsesAsJson(text)) named(file, wanted.length > 1, () => parseJsonFile(text));
      throw invalidInput('Unknown format', `Cannot tell the format of ${file}; give --format stint, csv, watson or timewarrior`);
    }
    const parsed = named(file, wanted.length > 1, () => parseImport(text, format, { taskTags }));
    if (wanted.length > 1) {
      // Say which file an entry is in when there are several.
      for (const entry of [...parsed.records, ...parsed.invalid]) entry.where = `${basename(file)} ${entry.where}`;
    }
    return { parsed, format };
  });
  if (taskTags.length > 0 && !inputs.some((input) => input.format === 'timewarrior')) {
    throw invalidInput('Invalid usage', '--task-tags applies to Timewarrior data only');
  }
  const settings = { skipInvalid: options.skipInvalid === true, dryRun: options.dryRun === true, now: ctx.deps.now() };
  const { store } = ctx.deps;
  const plan = (data: TrackerData) => {
    const { overlaps, ...summary } = applyImport(data, inputs, settings);
    const involved = new Set(overlaps.flatMap((o) => o.ids));
    const byId = new Map(data.sessions.filter((s) => involved.has(s.id)).map((s) => [s.id, s]));
    return { ...summary, skipped_files: skipped, warnings: overlapWarnings(overlaps, (id) => byId.get(id), settings.now) };
  };
  const result = settings.dryRun
    ? plan(await store.read(ALL))
    : await store.update(ALL, plan, (s) => `import of ${s.imported} sessions${s.updated > 0 ? `, ${s.updated} updated` : ''}`);
  printWarnings(ctx, result.warnings);
  if (ctx.json) ctx.printJson(result);
  else ctx.print(importSummaryText(result, ctx.palette));
  return 0;
}

/** Whether the text is JSON at all (a valid file of no known format is "Unknown format"). */
function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(withoutBom(text));
    return true;
  } catch {
    return false;
  }
}

/** `read`, with a whole file refused named by the file when there are several. */
function named<T>(file: string, several: boolean, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!several || !(error instanceof StintError)) throw error;
    throw new StintError(error.code, error.title, `${basename(file)}: ${error.message}`);
  }
}

/** `--task-tags writing,code` → [writing, code]; an empty item is a typo, refused. */
function parseTaskTags(value: string | undefined): string[] {
  if (value === undefined) return [];
  const tags = value.split(',').map((tag) => tag.trim());
  if (tags.some((tag) => tag === '')) {
    throw invalidInput('Invalid task tags', `'${value}' is not a comma-separated list of tags (--task-tags writing,code)`);
  }
  return tags;
}

const NOT_MONTH = 'not a Timewarrior month file (YYYY-MM.data)';

/**
 * The files to read: a folder gives its Timewarrior month files (`2026-01.data`), name order;
 * Timewarrior's other files (`tags.data`, `undo.data`), backups and subfolders are skipped.
 * A file is read as given.
 */
function expandPaths(args: readonly string[], ctx: Context): { paths: string[]; skipped: SkippedFile[] } {
  const { files } = ctx.deps;
  const paths: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const arg of args) {
    if (arg !== '-' && files.info(arg, true)?.kind === 'directory') {
      for (const name of files.list(arg).sort()) {
        const path = join(arg, name);
        if (!TIMEWARRIOR_MONTH.test(name)) skipped.push({ file: path, reason: NOT_MONTH });
        else if (files.info(path, true)?.kind !== 'file') skipped.push({ file: path, reason: 'not a file' });
        else paths.push(path);
      }
    } else {
      paths.push(arg);
    }
  }
  return { paths, skipped };
}

import { basename } from 'node:path';
import { invalidInput } from '../../core/errors.js';
import { detectFormat } from '../../core/import/detect.js';
import { parseImport } from '../../core/import/index.js';
import { applyImport, type ImportInput } from '../../core/import/plan.js';
import type { ImportFormat } from '../../core/import/record.js';
import { importSummaryText } from '../../render/import-text.js';
import { ALL } from '../../store/store.js';
import type { Context } from '../context.js';

export interface ImportOptions {
  files: string[];
  format?: ImportFormat | undefined;
  dryRun?: boolean | undefined;
  skipInvalid?: boolean | undefined;
}

/**
 * Reads every file first (a bad one stops everything before the store is touched), then adds
 * their sessions in one locked change: 100,000 Watson frames take the lock once.
 */
export async function importSessions(options: ImportOptions, ctx: Context): Promise<number> {
  const inputs: ImportInput[] = options.files.map((file) => {
    const text = ctx.deps.files.read(file);
    const format = options.format ?? detectFormat(text);
    if (!format) {
      throw invalidInput('Unknown format', `Cannot tell the format of ${file}; give --format stint, csv, watson or timewarrior`);
    }
    const parsed = parseImport(text, format);
    if (options.files.length > 1) {
      // Say which file an entry is in when there are several.
      for (const entry of [...parsed.records, ...parsed.invalid]) entry.where = `${basename(file)} ${entry.where}`;
    }
    return { parsed, format };
  });
  const settings = { skipInvalid: options.skipInvalid === true, dryRun: options.dryRun === true, now: ctx.deps.now() };
  const { store } = ctx.deps;
  const summary = settings.dryRun
    ? applyImport(await store.read(ALL), inputs, settings)
    : await store.update(
        ALL,
        (data) => applyImport(data, inputs, settings),
        (s) => `import of ${s.imported} sessions${s.updated > 0 ? `, ${s.updated} updated` : ''}`,
      );
  if (ctx.json) ctx.printJson(summary);
  else ctx.print(importSummaryText(summary, ctx.palette));
  return 0;
}

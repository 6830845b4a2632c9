import { invalidInput } from '../../core/errors.js';
import { overlaps } from '../../core/period.js';
import { csvLine } from '../../render/csv.js';
import { EXPORT_CSV_HEADER, EXPORT_VERSION, exportCsvLine, exportedSession } from '../../render/export.js';
import { makeLocalIso } from '../../render/local-iso.js';
import { leadsIntoDataDir } from '../../store/data-dir-guard.js';
import { ALL } from '../../store/store.js';
import type { Context } from '../context.js';
import { periodFromOptions, type TypedPeriod } from '../period-options.js';

export interface ExportOptions extends TypedPeriod {
  /** Default json. */
  format?: 'json' | 'csv' | undefined;
  /** A file to write; stdout otherwise. */
  output?: string | undefined;
}

/**
 * Every session (or a period's), oldest first, in a form `import` reads back without loss.
 * Rendered a month at a time as the history is scanned, so the output is never one huge string.
 */
export async function exportSessions(options: ExportOptions, ctx: Context): Promise<number> {
  const { output } = options;
  // On stdout the export is the output: CSV cannot also be the JSON --json promises.
  if (options.format === 'csv' && ctx.json && output === undefined) {
    throw invalidInput('Invalid usage', 'Choose one of --format csv or --json (with --output, --json describes the file written)');
  }
  // Over state.json the store would refuse to read; over config.json the settings would reset.
  if (output !== undefined && leadsIntoDataDir(output, ctx.deps.dataDir)) {
    throw invalidInput(
      'Invalid output',
      `${output} is in the data directory ${ctx.deps.dataDir}, where stint keeps its own files; choose a path outside it`,
    );
  }
  const now = ctx.deps.now();
  const settings = await ctx.deps.store.config.read();
  const range = await periodFromOptions(options, now, settings);
  const csv = options.format === 'csv';
  const iso = makeLocalIso();
  let chunks: string[] = [];
  let count = 0;
  await ctx.deps.store.scan(range ? { kind: 'range', ...range } : ALL, () => {
    chunks = [];
    count = 0; // a retried scan starts over
    return (batch) => {
      const kept = range ? batch.filter((s) => overlaps(s, range, now)) : batch;
      if (kept.length === 0) return;
      count += kept.length;
      if (csv) chunks.push(kept.map((s) => exportCsvLine(s, now, iso)).join(''));
      else chunks.push(kept.map((s) => JSON.stringify(exportedSession(s, now, iso))).join(',\n'));
    };
  });
  // JSON: one session a line, so an export diffs and greps well.
  const body = csv
    ? [csvLine(EXPORT_CSV_HEADER), ...chunks]
    : [`{"version":${EXPORT_VERSION},"sessions":[\n`, chunks.join(',\n'), chunks.length > 0 ? '\n]}\n' : ']}\n'];
  if (output === undefined) {
    ctx.printChunks(body);
    return 0;
  }
  ctx.deps.files.write(output, body);
  if (ctx.json) ctx.printJson({ exported: count, format: csv ? 'csv' : 'json', output });
  else ctx.print(`Exported ${count} session${count === 1 ? '' : 's'} to ${output}.\n`);
  return 0;
}

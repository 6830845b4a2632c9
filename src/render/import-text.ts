import type { ImportSummary } from '../core/import/plan.js';
import type { Palette } from './color.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an import did (or, with --dry-run, would do): counts, then each conversion and skip. IDs are the lowest–highest given. */
export function importSummaryText(summary: ImportSummary, palette: Palette): string {
  const { imported, duplicates, converted, skipped } = summary;
  const ids =
    summary.first_id === null
      ? ''
      : summary.first_id === summary.last_id
        ? ` as #${summary.first_id}`
        : ` as #${summary.first_id}–#${summary.last_id}`;
  const verb = summary.dry_run ? 'Would import' : 'Imported';
  let text = `${verb} ${palette.bold(plural(imported, 'session'))} (${summary.formats.join(', ')})${ids}`;
  // Updates are Watson's alone and rare: said only when there are some.
  const updated = summary.updated > 0 ? `${summary.updated} updated, ` : '';
  text += `; ${updated}${plural(duplicates, 'duplicate')} skipped, ${plural(converted.length, 'name')} converted.\n`;
  for (const c of converted) {
    const to = c.to === null ? 'dropped (nothing usable left)' : `→ ${c.to}`;
    text += `  ${c.kind} ${JSON.stringify(c.from)} ${to}${c.count > 1 ? ` (${c.count} entries)` : ''}\n`;
  }
  if (skipped.length > 0) {
    text += `${palette.warning(`Skipped ${plural(skipped.length, 'invalid entry', 'invalid entries')}:`)}\n`;
    for (const s of skipped) text += `  ${s.where}: ${s.reason}\n`;
  }
  if (summary.dry_run) text += 'Nothing was written (--dry-run).\n';
  return text;
}

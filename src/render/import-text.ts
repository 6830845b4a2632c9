import type { ImportSummary } from '../core/import/plan.js';
import { escapeUnprintable, printable } from '../core/labels.js';
import type { Palette } from './color.js';

/** A file `import` was given (or found in a folder) and left alone, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/**
 * A Timewarrior tag as `timew` writes it: quoted when it holds a blank, a quote or a `#`; and
 * when it holds a control character (a file from elsewhere), which JSON's quoting escapes.
 */
const showTag = (tag: string) => (/^[^\s"#]+$/.test(tag) && printable(tag) ? tag : quoted(tag));

/** JSON's quoting, and the controls it leaves as they are (DEL, C1, bidirectional overrides) escaped too. */
const quoted = (text: string) => escapeUnprintable(JSON.stringify(text));

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an import did (or, with --dry-run, would do): counts, then each conversion and skip. IDs are the lowest–highest given. */
export function importSummaryText(summary: Omit<ImportSummary, 'overlaps'> & { skipped_files: SkippedFile[] }, palette: Palette): string {
  const { imported, duplicates, converted, skipped, task_mapping } = summary;
  let text = '';
  for (const s of summary.skipped_files) text += `Skipped ${escapeUnprintable(s.file)}: ${s.reason}.\n`;
  const ids =
    summary.first_id === null
      ? ''
      : summary.first_id === summary.last_id
        ? ` as #${summary.first_id}`
        : ` as #${summary.first_id}–#${summary.last_id}`;
  const verb = summary.dry_run ? 'Would import' : 'Imported';
  text += `${verb} ${palette.bold(plural(imported, 'session'))} (${summary.formats.join(', ')})${ids}`;
  // Updates are Watson's alone and rare: said only when there are some.
  const updated = summary.updated > 0 ? `${summary.updated} updated, ` : '';
  text += `; ${updated}${plural(duplicates, 'duplicate')} skipped, ${plural(converted.length, 'name')} converted.\n`;
  for (const c of converted) {
    const to = c.to === null ? 'dropped (nothing usable left)' : `→ ${c.to}`;
    text += `  ${c.kind} ${quoted(c.from)} ${to}${c.count > 1 ? ` (${c.count} entries)` : ''}\n`;
  }
  if (task_mapping.length > 0) {
    text += 'Tasks from Timewarrior tags:\n';
    for (const m of task_mapping) {
      const tags = m.tags.length === 0 ? '(no tags)' : m.tags.map(showTag).join(' ');
      text += `  ${tags} → ${m.task} (${plural(m.count, 'interval')})\n`;
    }
    if (task_mapping.some((m) => m.tags.length > 1)) {
      text += palette.dim('Timewarrior keeps tags sorted: --task-tags a,b,… names the tags to take as the task first.\n');
    }
  }
  if (skipped.length > 0) {
    text += `${palette.warning(`Skipped ${plural(skipped.length, 'invalid entry', 'invalid entries')}:`)}\n`;
    for (const s of skipped) text += `  ${escapeUnprintable(`${s.where}: ${s.reason}`)}\n`;
  }
  if (summary.dry_run) text += 'Nothing was written (--dry-run).\n';
  return text;
}

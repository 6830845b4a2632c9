import { LastN, sessionMatcher } from '../../core/query.js';
import type { Session, Status } from '../../core/session.js';
import { isForgotten } from '../../core/status.js';
import { csvLine, csvTable, SESSION_CSV_HEADER, sessionCsvRow } from '../../render/csv.js';
import { sessionJsonText, sessionListJson } from '../../render/json.js';
import { makeLocalIso } from '../../render/local-iso.js';
import { forgottenWarning } from '../../render/session-text.js';
import { sessionsTable } from '../../render/table.js';
import { ALL } from '../../store/store.js';
import type { Context } from '../context.js';
import { assertOneFormat } from '../parse.js';
import { periodFromOptions, type TypedPeriod } from '../period-options.js';

export interface ListOptions extends TypedPeriod {
  status?: Status | undefined;
  task?: string | undefined;
  tag?: string | undefined;
  limit?: number | undefined;
  /** CSV with the JSON view's field names as columns. */
  csv?: boolean | undefined;
}

/** Sessions oldest first. The history is scanned a month at a time, so its size does not set the memory. */
export async function list(options: ListOptions, ctx: Context): Promise<number> {
  assertOneFormat(options.csv, ctx.json);
  const now = ctx.deps.now();
  const settings = await ctx.deps.store.readConfig();
  const range = await periodFromOptions(options, now, settings);
  const matches = sessionMatcher({ status: options.status, task: options.task, tag: options.tag, range }, now);
  const scope = range ? { kind: 'range' as const, ...range } : ALL;
  // JSON or CSV of every match is rendered month by month; otherwise matches are kept (the last n with --limit).
  const renderAsWeGo = (ctx.json || options.csv === true) && options.limit === undefined;
  const iso = makeLocalIso();
  const csvRow = (s: Session) => sessionCsvRow(s, now, iso);
  const fresh = () => ({ texts: [] as string[], kept: new LastN<Session>(options.limit ?? Infinity), total: 0, stored: 0 });
  let tally = fresh();
  await ctx.deps.store.scan(scope, () => {
    tally = fresh(); // a retried scan starts over
    return (batch) => {
      tally.stored += batch.length;
      const matched = batch.filter(matches);
      tally.total += matched.length;
      if (!renderAsWeGo) tally.kept.push(matched);
      else if (matched.length === 0) return;
      else if (options.csv) tally.texts.push(matched.map((s) => csvLine(csvRow(s))).join(''));
      else tally.texts.push(matched.map((s) => sessionJsonText(s, now, iso)).join(','));
    };
  });
  const { texts, kept, total, stored } = tally;
  for (const s of kept.values) {
    if (isForgotten(s, now, settings.forgotten_after_seconds)) {
      ctx.warn(forgottenWarning(s, now));
    }
  }

  if (options.csv) {
    // Printed only now, as JSON below: an unreadable month file must leave stdout empty.
    ctx.printChunks(renderAsWeGo ? [csvLine(SESSION_CSV_HEADER), ...texts] : [csvTable(SESSION_CSV_HEADER, kept.values.map(csvRow))]);
  } else if (renderAsWeGo) {
    // Printed only now: an unreadable month file must leave stdout empty.
    ctx.printChunks(['{"sessions":[', ...texts.map((text, i) => (i === 0 ? text : `,${text}`)), `],"total":${total}}\n`]);
  } else if (ctx.json) {
    ctx.printJson(sessionListJson(kept.values, total, now));
  } else if (total === 0) {
    ctx.print(stored === 0 && !range ? 'No sessions yet. Start one with: stint start <task>\n' : 'No sessions match.\n');
  } else {
    ctx.print(sessionsTable(kept.values, now, ctx.palette));
  }
  return 0;
}

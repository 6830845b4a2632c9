import { periodRange } from '../../core/period.js';
import { ReportBuilder, type ReportBy } from '../../core/report.js';
import { reportJson } from '../../render/json.js';
import { reportCsv, reportText } from '../../render/report-text.js';
import type { Context } from '../context.js';
import { assertOneFormat } from '../parse.js';
import { periodFromOptions, type TypedPeriod } from '../period-options.js';

export interface ReportOptions extends TypedPeriod {
  /** Default `task`. */
  by?: ReportBy | undefined;
  /** Round each session's time up to a multiple of this many seconds. */
  round?: number | undefined;
  csv?: boolean | undefined;
}

/** Totals for a period (today by default). Reads only the months the period overlaps, a month at a time, without a lock. */
export async function report(options: ReportOptions, ctx: Context): Promise<number> {
  assertOneFormat(options.csv, ctx.json);
  const now = ctx.deps.now();
  const settings = await ctx.deps.store.config.read();
  // No period option: today, as --day (which always selects a range).
  const range = (await periodFromOptions(options, now, settings)) ?? periodRange({ day: true }, now)!;
  const request = { by: options.by ?? 'task', range, roundSeconds: options.round ?? null };
  let builder = new ReportBuilder(request, now);
  await ctx.deps.store.scan({ kind: 'range', ...range }, () => {
    builder = new ReportBuilder(request, now); // a retried scan starts over
    return (batch) => builder.add(batch);
  });
  const result = builder.result();
  if (ctx.json) ctx.printJson(reportJson(result));
  else if (options.csv) ctx.print(reportCsv(result));
  else ctx.print(reportText(result, ctx.palette));
  return 0;
}

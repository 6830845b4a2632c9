import { dayNumber, dayStart, localDay } from '../../core/days.js';
import type { Range } from '../../core/period.js';
import { LastN, sessionMatcher } from '../../core/query.js';
import type { Session, Status } from '../../core/session.js';
import { isForgotten } from '../../core/status.js';
import { csvTable, SESSION_CSV_HEADER, sessionCsvRow, sessionCsvWriter } from '../../render/csv.js';
import { sessionListJson } from '../../render/json.js';
import { type ListWriter, sessionListJsonWriter } from '../../render/json-bytes.js';
import { makeLocalIso } from '../../render/local-iso.js';
import { forgottenWarning } from '../../render/session-text.js';
import { logLines } from '../../render/list-log.js';
import { sessionsTable } from '../../render/table.js';
import { ALL } from '../../store/store.js';
import type { Context } from '../context.js';
import { printPaged } from '../pager.js';
import { assertOneFormat } from '../parse.js';
import { periodFromOptions, type TypedPeriod } from '../period-options.js';

export interface ListOptions extends TypedPeriod {
  status?: Status | undefined;
  task?: string | undefined;
  tag?: string | undefined;
  limit?: number | undefined;
  /** CSV with the JSON view's field names as columns. */
  csv?: boolean | undefined;
  /** Redraw the table every second in the terminal. */
  watch?: boolean | undefined;
  /** The log shows each note in full. */
  notes?: boolean | undefined;
  /** `--no-pager` makes it false. */
  pager?: boolean | undefined;
}

/** On a terminal, `list` with nothing that selects sessions shows the last week: today and six days before. */
const DEFAULT_DAYS = 7;

/** What one pass over the store found. */
interface Listing {
  /** The matches kept (the last n with --limit); empty when a writer took them as they came. */
  kept: Session[];
  /** The writer's output (JSON or CSV of every match), whole; empty without a writer. */
  bytes: Uint8Array[];
  total: number;
  stored: number;
  filtered: boolean;
}

/**
 * Scans the history a month at a time, so its size does not set the memory: with `writer` (a
 * fresh one per attempt: a scan that starts over starts its output over) each match is written
 * out as bytes as it comes and nothing is kept; the output is printed only once the scan is
 * done, so an unreadable month file leaves stdout empty.
 */
async function collect(options: ListOptions, ctx: Context, now: Date, writer?: () => ListWriter): Promise<Listing> {
  const settings = await ctx.deps.store.config.read();
  const range =
    (await periodFromOptions(options, now, settings)) ?? (isLog(options, ctx) && selectsNothing(options) ? lastDays(now) : undefined);
  const query = { status: options.status, task: options.task, tag: options.tag, range };
  // Without a filter every session matches: no copy of each month to find that out.
  const matches = Object.values(query).some((v) => v !== undefined) ? sessionMatcher(query, now) : undefined;
  const scope = range ? { kind: 'range' as const, ...range } : ALL;
  const fresh = () => ({
    out: writer?.(),
    kept: new LastN<Session>(options.limit ?? Infinity),
    total: 0,
    stored: 0,
    forgotten: [] as Session[],
  });
  let tally = fresh();
  await ctx.deps.store.scan(scope, () => {
    tally = fresh(); // a retried scan starts over
    return (batch) => {
      tally.stored += batch.length;
      const matched = matches ? batch.filter(matches) : batch;
      tally.total += matched.length;
      for (const s of matched) {
        if (isForgotten(s, now, settings.forgotten_after_seconds)) tally.forgotten.push(s);
        tally.out?.add(s);
      }
      if (!tally.out) tally.kept.push(matched);
    };
  });
  const kept = tally.kept.values;
  for (const s of tally.forgotten) ctx.warn(forgottenWarning(s, now, ctx.command));
  const bytes = tally.out?.finish(tally.total) ?? [];
  return { kept, bytes, total: tally.total, stored: tally.stored, filtered: range !== undefined };
}

/** The log is for people at a terminal; piped, `list` prints the table scripts have always read. */
const isLog = (options: ListOptions, ctx: Context) => ctx.deps.isTTY && !ctx.json && options.csv !== true;

const selectsNothing = (o: ListOptions) =>
  [o.day, o.week, o.month, o.from, o.to, o.status, o.task, o.tag, o.limit].every((value) => value === undefined);

function lastDays(now: Date): Range {
  return { from: new Date(dayStart(dayNumber(now.getTime()) - DEFAULT_DAYS + 1)), to: null };
}

/** The human view: the log on a terminal, the table when piped, or why there is none. */
function tableText(listing: Listing, ctx: Context, now: Date, options: ListOptions): string {
  if (listing.total > 0 && isLog(options, ctx)) {
    const lines = logLines(listing.kept, now, ctx.palette, { notes: options.notes === true, clocks: options.watch === true });
    // Not in the live view: a hint each second would only take a row.
    const hint = selectsNothing(options) && options.watch !== true;
    return `${lines.join('\n')}\n${hint ? `${ctx.palette.dim(lastWeekHint(ctx, now))}\n` : ''}`;
  }
  if (listing.total > 0) return sessionsTable(listing.kept, now, ctx.palette);
  if (isLog(options, ctx) && selectsNothing(options))
    return `No sessions in the last ${DEFAULT_DAYS} days.\n${ctx.palette.dim(lastWeekHint(ctx, now))}\n`;
  return listing.stored === 0 && !listing.filtered
    ? `No sessions yet. Start one with: ${ctx.command} start <task>\n`
    : 'No sessions match.\n';
}

/** Sessions oldest first. */
export async function list(options: ListOptions, ctx: Context): Promise<number> {
  assertOneFormat(options.csv, ctx.json);
  if (options.watch) return watchList(options, ctx);
  const now = ctx.deps.now();
  // JSON or CSV of every match is written as the scan goes; otherwise matches are kept (the last n with --limit).
  const asWeGo = (ctx.json || options.csv === true) && options.limit === undefined;
  const iso = makeLocalIso();
  const writer = !asWeGo ? undefined : options.csv ? () => sessionCsvWriter(now, iso) : () => sessionListJsonWriter(now, iso);
  const listing = await collect(options, ctx, now, writer);
  const { kept, total } = listing;

  if (asWeGo) {
    ctx.printChunks(listing.bytes);
  } else if (options.csv) {
    ctx.printChunks([
      csvTable(
        SESSION_CSV_HEADER,
        kept.map((s) => sessionCsvRow(s, now, iso)),
      ),
    ]);
  } else if (ctx.json) {
    ctx.printJson(sessionListJson(kept, total, now));
  } else {
    printPaged(ctx, tableText(listing, ctx, now, options), options.pager !== false);
  }
  return 0;
}

/** `list --watch`: the same log each second, its clocks live, the store read afresh (no lock), with focus bars below. */
async function watchList(options: ListOptions, ctx: Context): Promise<number> {
  const [{ watch }, { focusBars }] = await Promise.all([import('../watch.js'), import('../../render/watch-text.js')]);
  return watch(ctx, {
    title: 'stint list',
    clashes: { '--csv': options.csv },
    async frame(now) {
      const warnings: string[] = [];
      const listing = await collect(options, { ...ctx, warn: (text) => void warnings.push(text) }, now);
      const focus = listing.kept.filter((s) => s.stopped_at === null && s.planned_seconds !== null);
      const lines = tableText(listing, ctx, now, options).replace(/\n$/, '').split('\n');
      if (focus.length > 0) lines.push('', ...focusBars(focus, now, ctx.palette));
      lines.push(...warnings.map((w) => ctx.palette.warning(w)));
      // The newest rows are kept when they do not all fit.
      return { lines, keepTop: 0, focus };
    },
  });
}

/** Under the default week: how to see further back. */
function lastWeekHint(ctx: Context, now: Date): string {
  const name = localDay(dayStart(dayNumber(now.getTime()) - DEFAULT_DAYS + 1) - 1);
  return `The last ${DEFAULT_DAYS} days; earlier ones: ${ctx.command} list --to ${name}, or any filter (--month, --from d, --task t …).`;
}

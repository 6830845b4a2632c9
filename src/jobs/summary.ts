import { basename, dirname, extname } from 'node:path';
import { JOB_CONFIG_KEYS, type SUMMARY_EXTENSIONS, SUMMARY_PERIODS } from '../core/job-config.js';
import type { Job } from '../core/jobs.js';
import { lastPeriod } from '../core/period.js';
import { REPORT_BY, ReportBuilder, type Report, type ReportBy } from '../core/report.js';
import { formatSpan } from '../render/format.js';
import { reportJson, stringifyJson } from '../render/json.js';
import { reportCsv, reportPeriod } from '../render/report-text.js';
import type { Files } from './files.js';
import { absolutePath, allowKeys, assertOutsideDataDir, refuse, required } from './config.js';
import type { ConfigPlaces, JobKind, RunContext } from './runner.js';

const KEYS = JOB_CONFIG_KEYS.summary;
const PERIODS = SUMMARY_PERIODS;
type Period = (typeof PERIODS)[number];

/** The format follows the file's extension, so the file opens in whatever reads that type. */
const FORMATS: Record<(typeof SUMMARY_EXTENSIONS)[number], (report: Report) => string> = {
  '.md': markdown,
  '.markdown': markdown,
  '.csv': reportCsv,
  '.json': (report) => stringifyJson(reportJson(report)),
};

function check(config: Record<string, string>, places: ConfigPlaces): Record<string, string> {
  allowKeys(config, 'summary', KEYS);
  const target = absolutePath(required(config, 'summary', 'target'), 'target', places.home);
  if (!Object.hasOwn(FORMATS, extname(target).toLowerCase())) {
    throw refuse(`'target' must end in .md, .markdown, .csv or .json (got ${basename(target)})`);
  }
  // A report named state.json in the data directory would replace the user's history.
  assertOutsideDataDir(target, 'target', places.dataDir);
  const period = config.period ?? 'week';
  if (!(PERIODS as readonly string[]).includes(period)) {
    throw refuse(`'period' must be ${PERIODS.join(', ')} (got '${period}')`);
  }
  const by = config.by ?? 'task';
  if (!(REPORT_BY as readonly string[]).includes(by)) {
    throw refuse(`'by' must be ${REPORT_BY.join(', ')} (got '${by}')`);
  }
  // Defaults are written out, so the stored job says what it does whatever later defaults are.
  return { target, period, by };
}

/** A pipe in a name would end its cell. */
const cell = (text: string) => text.replaceAll('|', '\\|');

function markdown(report: Report): string {
  const lines = [
    `# stint report ${reportPeriod(report)}`,
    '',
    '| name | time | sessions |',
    '| --- | ---: | ---: |',
    ...report.rows.map((row) => `| ${cell(row.name)} | ${formatSpan(row.seconds)} | ${row.sessions} |`),
    `| **Total** | **${formatSpan(report.totalSeconds)}** | **${report.sessionCount}** |`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Whole or nothing: a temporary file beside the target, flushed, then renamed over it, so a
 * reader never sees half a report. No directory is created: a missing one is a mistake to report.
 */
function writeWhole(files: Files, target: string, text: string): void {
  const dir = dirname(target);
  try {
    const info = files.info(dir, true);
    if (info === null) throw new Error('it does not exist');
    if (info.kind !== 'directory') throw new Error('not a directory');
  } catch (error) {
    throw new Error(`cannot write ${target}: ${dir} is not a usable directory (${(error as Error).message})`);
  }
  try {
    files.writeText(target, text);
  } catch (error) {
    throw new Error(`cannot write ${target}: ${(error as Error).message}`);
  }
}

async function run(job: Job, ctx: RunContext): Promise<string> {
  // Checked again, links resolved: one made since the job was added could lead into the store.
  const config = check(job.config, ctx);
  const target = config.target as string;
  const period = config.period as Period;
  const { week_start } = await ctx.store.config.read();
  const range = lastPeriod(period, ctx.now, week_start);
  // Built as `report` builds it: a batch at a time, starting over if the scan is retried.
  const request = { by: config.by as ReportBy, range, roundSeconds: null };
  let builder = new ReportBuilder(request, ctx.now);
  await ctx.store.scan({ kind: 'range', ...range }, () => {
    builder = new ReportBuilder(request, ctx.now);
    return (batch) => builder.add(batch);
  });
  const report = builder.result();
  const render = FORMATS[extname(target).toLowerCase() as keyof typeof FORMATS];
  if (ctx.dryRun) return `would write the ${period} report (${reportPeriod(report)}) to ${target}`;
  writeWhole(ctx.files, target, render(report));
  return `wrote the ${period} report (${reportPeriod(report)}) to ${target}`;
}

export const summary: JobKind = { type: 'summary', check, run };

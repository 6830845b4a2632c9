import { badgeStates } from '../core/badges.js';
import { dayNumber } from '../core/days.js';
import { invalidInput } from '../core/errors.js';
import { periodRange, type Range } from '../core/period.js';
import type { StatsWithLive } from '../core/progress.js';
import { LastN, sessionMatcher } from '../core/query.js';
import { REPORT_BY, ReportBuilder, type ReportBy } from '../core/report.js';
import { STATUSES, type Session, type Status } from '../core/session.js';
import { activeOverview } from '../core/status.js';
import { periodFromOptions, type TypedPeriod } from '../cli/period-options.js';
import { badgesJson, historyTally, statsSummary, type BadgeJson } from '../cli/history.js';
import { executionsOf } from '../jobs/operations.js';
import { executionJson, type ExecutionJson } from '../render/jobs.js';
import { reportJson, sessionListJson, statusJson, type ReportJson, type SessionListJson, type StatusJson } from '../render/json.js';
import { forgottenWarning } from '../render/session-text.js';
import { ACTIVE, ALL, type Store } from '../store/store.js';

// stint's own API as data: each function is what a CLI command prints with --json, made by the
// same core functions and store calls, so a route only parses its query and returns this.

/** A query string read strictly: a parameter not named, or given twice, is refused. */
export type Query = Record<string, string | undefined>;

export function strictQuery(params: URLSearchParams, allowed: readonly string[]): Query {
  const query: Query = {};
  for (const [key, value] of params) {
    if (!allowed.includes(key)) throw invalidInput('Invalid query', `Unknown parameter '${key}' (expected ${allowed.join(', ')})`);
    if (query[key] !== undefined) throw invalidInput('Invalid query', `Parameter '${key}' is given twice`);
    query[key] = value;
  }
  return query;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalidInput('Invalid query', `${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A whole number 1–10000 written in plain digits. */
function limitOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[1-9]\d{0,4}$/.test(value) ? Number(value) : 0;
  if (n < 1 || n > 10_000) throw invalidInput('Invalid query', 'limit must be a whole number from 1 to 10000');
  return n;
}

const PERIODS = ['day', 'week', 'month'] as const;

/** `period=day|week|month` or `from`/`to` (days, as the CLI's --from/--to take them), not both. */
function typedPeriod(query: Query): TypedPeriod {
  const period = oneOf('period', query.period, PERIODS);
  if (period && (query.from !== undefined || query.to !== undefined)) {
    throw invalidInput('Invalid query', 'Give period or from/to, not both');
  }
  const nonEmpty = (name: 'from' | 'to') => {
    if (query[name] === '') throw invalidInput('Invalid query', `${name} must not be empty`);
    return query[name];
  };
  return {
    day: period === 'day' ? true : undefined,
    week: period === 'week',
    month: period === 'month',
    from: nonEmpty('from'),
    to: nonEmpty('to'),
  };
}

/** `stint status --json`. */
export async function statusView(store: Store, now: Date): Promise<StatusJson> {
  const [data, settings] = await Promise.all([store.read(ACTIVE), store.config.read()]);
  const overview = activeOverview(data, now, settings.forgotten_after_seconds);
  return statusJson(
    overview,
    overview.forgotten.map((s) => forgottenWarning(s, now, 'stint')),
    now,
  );
}

export const SESSIONS_QUERY = ['from', 'to', 'period', 'task', 'tag', 'status', 'limit'] as const;

/** `stint list --json` with its filters: oldest first, the newest `limit` of them. */
export async function sessionsView(store: Store, now: Date, query: Query): Promise<SessionListJson> {
  const status = oneOf<Status>('status', query.status, STATUSES);
  const limit = limitOf(query.limit);
  const range = await periodFromOptions(typedPeriod(query), now, await store.config.read());
  const matches = sessionMatcher({ status, task: query.task, tag: query.tag, range }, now);
  let kept = new LastN<Session>(limit ?? Number.POSITIVE_INFINITY);
  let total = 0;
  await store.scan(range ? { kind: 'range', ...range } : ALL, () => {
    kept = new LastN<Session>(limit ?? Number.POSITIVE_INFINITY); // a retried scan starts over
    total = 0;
    return (batch) => {
      const matched = batch.filter(matches);
      total += matched.length;
      kept.push(matched);
    };
  });
  return sessionListJson(kept.values, total, now);
}

export const REPORT_QUERY = ['from', 'to', 'period', 'by'] as const;

/** `stint report --json`: today by default, by task by default. */
export async function reportView(store: Store, now: Date, query: Query): Promise<ReportJson> {
  const by = oneOf<ReportBy>('by', query.by, REPORT_BY) ?? 'task';
  const settings = await store.config.read();
  // No period: today, as `report` without one.
  const range = (await periodFromOptions(typedPeriod(query), now, settings)) ?? (periodRange({ day: true }, now) as Range);
  const request = { by, range, roundSeconds: null };
  let builder = new ReportBuilder(request, now);
  await store.scan({ kind: 'range', ...range }, () => {
    builder = new ReportBuilder(request, now); // a retried scan starts over
    return (batch) => builder.add(batch);
  });
  return reportJson(builder.result());
}

/** `stint stats --json`. */
export const statsView = (store: Store, now: Date): Promise<StatsWithLive> => statsSummary(store, now);

/** `stint badges --json`. */
export async function badgesView(store: Store, now: Date): Promise<{ badges: BadgeJson[] }> {
  const [tally, settings] = await Promise.all([historyTally(store), store.config.read()]);
  const goal = settings.daily_goal_seconds;
  const states = badgeStates(tally, dayNumber(now.getTime()), goal);
  return { badges: await badgesJson(store, states, tally, goal) };
}

/** `stint jobs history <id> --json`. */
export async function jobHistoryView(store: Store, id: number, query: Query): Promise<{ executions: ExecutionJson[] }> {
  return { executions: executionsOf(await store.jobs.read(), id, limitOf(query.limit) ?? 20).map(executionJson) };
}

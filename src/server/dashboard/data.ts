import { dayName, dayNumber } from '../../core/days.js';
import { StintError } from '../../core/errors.js';
import type { Stats } from '../../core/progress.js';
import type { BadgeJson } from '../../cli/history.js';
import type { ReportJson, SessionListJson, StatusJson } from '../../render/json.js';
import type { Store } from '../../store/store.js';
import { badgesView, type Query, reportView, sessionsView, statsView, statusView } from '../stint-data.js';

/** The session list's filters on the page: the API's, without `period` (the form has dates). */
export const FILTERS = ['task', 'tag', 'status', 'from', 'to'] as const;

/** How many sessions the page lists: the newest, the filters narrow them. */
export const PAGE_SESSIONS = 25;

/**
 * Without dates, the list covers the last 30 days (as Watson's `log` shows a recent span): a page
 * refreshed on every change must not read a whole history (100,000 sessions take about a second).
 */
export const RECENT_DAYS = 30;

/** Everything the dashboard shows, from stint's own API views (one source for page and API). */
export interface DashboardData {
  status: StatusJson;
  stats: Stats;
  week: ReportJson;
  year: ReportJson;
  badges: BadgeJson[];
  /** `recent`: the list is of the last RECENT_DAYS days, no date having been given. */
  sessions: (SessionListJson & { recent: boolean }) | { error: string };
  filters: Query;
}

export async function dashboardData(store: Store, now: Date, filters: Query): Promise<DashboardData> {
  const yearFrom = dayName(dayNumber(now.getTime()) - 364);
  const [status, stats, week, year, badges] = await Promise.all([
    statusView(store, now),
    statsView(store, now),
    reportView(store, now, { period: 'week', by: 'day' }),
    reportView(store, now, { from: yearFrom, by: 'day' }),
    badgesView(store, now),
  ]);
  return { status, stats, week, year, badges: badges.badges, sessions: await listed(store, now, filters), filters };
}

/** A filter the user typed wrong is said on the page, above the form, not a failed page. */
async function listed(store: Store, now: Date, filters: Query): Promise<DashboardData['sessions']> {
  const given: Query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''));
  const recent = given.from === undefined && given.to === undefined;
  if (recent) given.from = dayName(dayNumber(now.getTime()) - (RECENT_DAYS - 1));
  try {
    return { ...(await sessionsView(store, now, { ...given, limit: String(PAGE_SESSIONS) })), recent };
  } catch (error) {
    if (error instanceof StintError && error.code === 'invalid_input') return { error: `${error.title}: ${error.message}` };
    throw error;
  }
}

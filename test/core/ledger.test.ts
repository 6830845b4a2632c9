import { describe, expect, test } from 'vitest';
import { BADGES, badgeStates, earnedBy, justEarned } from '../../src/core/badges.js';
import { dayNumber, dayOfName } from '../../src/core/days.js';
import { currentRun, emptyLedger, foldTally, isSettled, settle } from '../../src/core/ledger.js';
import { historyStats, summarize } from '../../src/core/progress.js';
import type { Outcome, Session } from '../../src/core/session.js';
import { emptyTally, mergeTally, tallyOf } from '../../src/core/tally.js';
import { makeSession } from '../helpers/factories.js';

// The settled ledger plus the recent days must say exactly what the whole history says, wherever
// the history is cut. Random histories from a fixed seed: sessions of 5 minutes to 5 hours,
// some crossing midnight or a month end, all outcomes, some focus sessions, some days skipped.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const OUTCOMES: Outcome[] = ['completed', 'completed', 'completed', 'partial', 'abandoned'];

function history(seed: number): Session[] {
  const next = random(seed);
  const sessions: Session[] = [];
  let at = Date.parse('2025-10-20T06:00:00Z');
  for (let id = 1; id <= 360; id += 1) {
    at += Math.floor(next() * (next() < 0.15 ? 3 * 86_400 : 12 * 3600)) * 1000;
    const minutes = 5 + Math.floor(next() * 295);
    sessions.push(
      makeSession({
        id,
        started_at: iso(at),
        stopped_at: iso(at + minutes * 60_000),
        status: OUTCOMES[Math.floor(next() * OUTCOMES.length)] as Outcome,
        planned_seconds: next() < 0.3 ? 25 * 60 : null,
      }),
    );
    at += minutes * 60_000;
  }
  return sessions;
}

/** Every month after the first that holds a session start: the places a history can be cut. */
function monthsBetween(sessions: Session[]): string[] {
  const months = [...new Set(sessions.map((s) => s.started_at.slice(0, 7)))].sort();
  return months.slice(1);
}

/** Splits a history as the store does: months (UTC, by start) before `month` are settled. */
function split(sessions: Session[], month: string, goal: number) {
  const cut = Date.parse(`${month}-01T00:00:00Z`);
  const older = sessions.filter((s) => Date.parse(s.started_at) < cut);
  const newer = sessions.filter((s) => Date.parse(s.started_at) >= cut);
  const { ledger, carry } = settle(tallyOf(older), dayNumber(cut), goal);
  return { settled: ledger, recent: mergeTally(mergeTally(emptyTally(), carry), tallyOf(newer)) };
}

const GOAL = 3 * 3600;

describe('a settled ledger and the recent days agree with the whole history', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i, every cut, every day as today', (seed) => {
    const sessions = history(seed);
    const whole = tallyOf(sessions);
    const last = sessions.at(-1) as Session;
    const cuts = monthsBetween(sessions);
    expect(cuts.length).toBeGreaterThanOrEqual(3); // the history spans several settled months
    let checked = 0;
    for (const month of cuts) {
      const { settled, recent } = split(sessions, month, GOAL);
      for (let today = dayOfName(`${month}-01`); today <= dayNumber(Date.parse(last.stopped_at as string)) + 2; today += 3) {
        checked += 1;
        expect(historyStats(settled, recent, today)).toEqual(summarize(whole, today, GOAL));
        // The ledger's earned badges are the day-by-day evaluation's.
        const byDay = badgeStates(whole, today, GOAL).map((s) => s.earnedDay !== null);
        expect(earnedBy(foldTally(settled, recent, today + 1))).toEqual(byDay);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  test('justEarned over recent days equals the same question over the whole history', () => {
    for (const seed of [11, 12, 13]) {
      const sessions = history(seed);
      // The newest month is the recent one, as in the store.
      const newest = (sessions.at(-1) as Session).started_at.slice(0, 7);
      const recentOnes = sessions.filter((s) => s.started_at.startsWith(newest));
      expect(recentOnes.length).toBeGreaterThan(5);
      const today = dayNumber(Date.parse((sessions.at(-1) as Session).stopped_at as string));
      for (const stopped of recentOnes.slice(-6).map((s) => [s])) {
        const { settled, recent } = split(sessions, newest, GOAL);
        expect(justEarned(settled, recent, stopped, today)).toEqual(justEarned(emptyLedger(GOAL), tallyOf(sessions), stopped, today));
      }
    }
  });
});

describe('ledger', () => {
  test('a run is alive today and yesterday, not the day after', () => {
    const ledger = foldTally(
      emptyLedger(GOAL),
      tallyOf([makeSession({ started_at: '2026-01-15T09:00:00Z', stopped_at: '2026-01-15T10:00:00Z' })]),
      dayOfName('2026-01-20'),
    );
    expect([15, 16, 17].map((d) => currentRun(ledger.streak, dayOfName(`2026-01-${d}`)))).toEqual([1, 1, 0]);
  });

  test('settling keeps what crosses into later days, and survives JSON', () => {
    // 23:00 on 31 January (Paris) to 01:00 on 1 February: an hour settled, an hour carried.
    const crossing = makeSession({ started_at: '2026-01-31T22:00:00Z', stopped_at: '2026-02-01T00:00:00Z' });
    const settled = settle(tallyOf([crossing]), dayOfName('2026-02-01'), GOAL);
    expect(settled.ledger.sums[1]).toBe(3600);
    expect([settled.carry.first, settled.carry.counts]).toEqual([dayOfName('2026-02-01'), [1, 3600, 7200, 0, 0]]);
    expect(isSettled(JSON.parse(JSON.stringify(settled)))).toBe(true);
    expect(isSettled({ ledger: { sums: [] }, carry: settled.carry })).toBe(false);
  });

  test('badges by ledger: totals against the sums, runs against the longest run', () => {
    expect(BADGES.length).toBe(earnedBy(emptyLedger(GOAL)).length);
    expect(earnedBy(emptyLedger(GOAL)).some(Boolean)).toBe(false);
  });
});

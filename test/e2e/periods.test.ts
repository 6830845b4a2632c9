import { afterAll, beforeAll, expect, test } from 'vitest';
import { history, seedStore } from '../helpers/seed.js';
import { stint, tempHome } from '../helpers/spawn.js';

// Periods read only the month files that can overlap them; the answer must still be exactly what
// filtering the whole history gives, including sessions that cross a month end.
let home: string;
let cleanup: () => void;
const now = '2026-03-10T12:00:00Z';
beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  // 5 h sessions every 7 h: many cross midnight and some cross a month end.
  const sessions = history(700, '2025-10-01T00:00:00Z').map((s, i) => {
    const start = Date.parse('2025-10-01T00:00:00Z') + i * 7 * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    return { ...s, started_at: iso(start), stopped_at: iso(start + 5 * 3_600_000) };
  });
  await seedStore(home, sessions);
});
afterAll(() => cleanup());

type View = { session_id: number; started_at: string; stopped_at: string };
const list = async (...args: string[]) => {
  const result = await stint(['list', ...args, '--json'], { home, now });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).sessions as View[];
};

test.each([
  ['2025-11-30', '2025-12-01'],
  ['2025-12-31', '2026-01-01'],
  ['2026-02-01', '2026-02-28'],
  ['2025-10-15', '2026-01-15'],
])('--from %s --to %s equals filtering the whole history', async (from, to) => {
  const all = await list();
  const start = new Date(`${from}T00:00:00`).getTime();
  const end = new Date(`${to}T00:00:00`).getTime() + 86_400_000;
  const expected = all.filter((s) => Date.parse(s.started_at) < end && Date.parse(s.stopped_at) > start).map((s) => s.session_id);
  expect(expected.length).toBeGreaterThan(0);
  expect((await list('--from', from, '--to', to)).map((s) => s.session_id)).toEqual(expected);
});

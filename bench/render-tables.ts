// How long the human tables take at 100,000 rows (not part of the suite: timings are not asserted).
//   npx tsx bench/render-tables.ts [rows]
import { createHash } from 'node:crypto';
import type { Session } from '../src/core/session.js';
import { PLAIN } from '../src/render/color.js';
import { sessionsTable } from '../src/render/table.js';

const rows = Number(process.argv[2] ?? 100_000);
const start = Date.parse('2020-01-01T08:00:00Z');
const TASKS = ['coding', 'review', '写作', 'コーディング', '🍅-focus', 'meetings'];
const sessions: Session[] = Array.from({ length: rows }, (_, i) => ({
  id: i + 1,
  uid: `uid-${i}`,
  task: TASKS[i % TASKS.length] as string,
  started_at: new Date(start + i * 3_600_000).toISOString(),
  stopped_at: new Date(start + i * 3_600_000 + 1_800_000).toISOString(),
  status: 'completed',
  planned_seconds: null,
  pauses: [],
  tags: [],
  note: null,
  updated_at: new Date(start + i * 3_600_000 + 1_800_000).toISOString(),
}));
const now = new Date(start + rows * 3_600_000);

for (let run = 1; run <= 3; run += 1) {
  const t0 = performance.now();
  const text = sessionsTable(sessions, now, PLAIN);
  console.log(
    `list table, ${rows} rows, run ${run}: ${(performance.now() - t0).toFixed(0)} ms (${text.length} chars, sha1 ${createHash('sha1').update(text).digest('hex').slice(0, 12)})`,
  );
}

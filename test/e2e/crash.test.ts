import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { encodeSessionsFile } from '../../src/store/schema.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { spawnStint, stint, tempHome } from '../helpers/spawn.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
});
afterEach(() => cleanup());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('SIGKILL at random moments: the store always parses and no reported start is lost', async () => {
  const now = '2026-01-15T13:30:00Z';
  // A large history makes each read–change–write take long enough (~100 ms) for random
  // kills to land inside it, not only before the lock or after the rename.
  mkdirSync(home, { recursive: true });
  const seed = Array.from({ length: 20_000 }, (_, i) =>
    makeSession({ id: i + 1, started_at: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().replace('.000Z', 'Z'), stopped_at: null, status: 'completed' }),
  );
  for (const s of seed) s.stopped_at = new Date(Date.parse(s.started_at) + 1_800_000).toISOString().replace('.000Z', 'Z');
  writeFileSync(join(home, 'sessions.json'), encodeSessionsFile(makeData(seed)));
  const confirmed = new Map<number, string>();
  let killed = 0;
  let lockLeftByKill = 0;
  let tempLeftByKill = 0;

  for (let round = 0; round < 2; round += 1) {
    const runs = Array.from({ length: 15 }, (_, i) => {
      const task = `r${round}-t${i}`;
      const { child, done } = spawnStint(['start', task, '--json'], { home, now });
      // Kills spread from Node's boot, through the lock and the write, to after the rename.
      const delay = 30 + Math.floor(Math.random() * 500);
      // Half the processes are left alone, so some starts are confirmed and must survive.
      if (i % 2 === 0) {
        void sleep(delay).then(() => {
          if (child.exitCode === null && child.kill('SIGKILL')) killed += 1;
        });
      }
      return done.then((result) => ({ task, result }));
    });
    for (const { task, result } of await Promise.all(runs)) {
      if (result.code === 0) {
        const session = JSON.parse(result.stdout) as { session_id: number; task_name: string };
        expect(session.task_name).toBe(task);
        confirmed.set(session.session_id, task);
      } else {
        expect(result.signal).toBe('SIGKILL');
      }
    }
    // After every round the file parses and holds every confirmed start.
    if (existsSync(join(home, 'stint.lock'))) lockLeftByKill += 1;
    tempLeftByKill += readdirSync(home).filter((name) => name.endsWith('.tmp')).length;
    const stored = JSON.parse(readFileSync(join(home, 'sessions.json'), 'utf8'));
    const tasks = new Map(stored.sessions.map((s: { id: number; task: string }) => [s.id, s.task]));
    for (const [id, task] of confirmed) expect(tasks.get(id)).toBe(task);
  }
  expect(killed).toBeGreaterThan(0);
  expect(confirmed.size).toBeGreaterThan(0);
  console.info(`crash test: ${killed} killed, ${confirmed.size} confirmed, ${lockLeftByKill} rounds left a stale lock, ${tempLeftByKill} torn temp files left`);

  // The next command takes over any lock a killed process left, and the store reads cleanly.
  const after = await stint(['start', 'after-crash', '--json'], { home, now });
  expect(after.code).toBe(0);
  const list = await stint(['list', '--json'], { home, now });
  expect(list.code).toBe(0);
  const ids = (JSON.parse(list.stdout).sessions as { session_id: number }[]).map((s) => s.session_id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of confirmed.keys()) expect(ids).toContain(id);
  // And it cleaned up what the killed writers left behind.
  expect(readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
}, 90_000);

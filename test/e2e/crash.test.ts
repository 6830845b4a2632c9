import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL } from '../../src/store/store.js';
import { makeSession } from '../helpers/factories.js';
import { history, seedStore } from '../helpers/seed.js';
import { seeded } from '../helpers/seeded.js';
import { spawnStint, stint, useTempHome, type SpawnOptions } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A killed writer's lock is taken over after 3 s instead of 5 (the holder refreshes it every
 * 1.5 s, so a live one is not taken over on a loaded machine), and a writer queued behind the
 * others waits up to 60 s instead of 15: on two busy cores, sixteen writes of a 20,000-session
 * month file take longer than a person's wait, and that is not what these tests prove.
 */
const LOCKS = { STINT_LOCK_STALE_MS: '3000', STINT_LOCK_WAIT_MS: '60000' };
const options = (home: string, now: string): SpawnOptions => ({ home, now, env: LOCKS });

test('SIGKILL at random moments: the store always parses and no reported start is lost', async ({ onTestFailed }) => {
  const random = seeded(onTestFailed);
  const now = '2026-01-15T13:30:00Z';
  await seedStore(home, history(2_000));
  const confirmed = new Map<number, string>();
  let killed = 0;
  let lockLeftByKill = 0;
  let tempLeftByKill = 0;

  for (let round = 0; round < 2; round += 1) {
    const runs = Array.from({ length: 15 }, (_, i) => {
      const task = `r${round}-t${i}`;
      const { child, done } = spawnStint(['start', task, '--json'], options(home, now));
      // Kills spread from Node's boot, through the lock and the write, to after the rename.
      const delay = random.int(30, 530);
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
        expect({ signal: result.signal, stderr: result.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
      }
    }
    // After every round the file parses and holds every confirmed start.
    if (existsSync(join(home, 'stint.lock'))) lockLeftByKill += 1;
    tempLeftByKill += readdirSync(home).filter((name) => name.endsWith('.tmp')).length;
    const stored = await createFileStore(home).read(ALL);
    const tasks = new Map(stored.sessions.map((s) => [s.id, s.task]));
    for (const [id, task] of confirmed) expect(tasks.get(id)).toBe(task);
  }
  expect(killed).toBeGreaterThan(0);
  expect(confirmed.size).toBeGreaterThan(0);
  console.info(
    `crash test (seed ${random.seed}): ${killed} killed, ${confirmed.size} confirmed, ${lockLeftByKill} rounds left a stale lock, ${tempLeftByKill} torn temp files left`,
  );

  // The next command takes over any lock a killed process left, and the store reads cleanly.
  const after = await stint(['start', 'after-crash', '--json'], options(home, now));
  expect(after.code).toBe(0);
  const list = await stint(['list', '--json'], options(home, now));
  expect(list.code).toBe(0);
  const ids = (JSON.parse(list.stdout).sessions as { session_id: number }[]).map((s) => s.session_id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of confirmed.keys()) expect(ids).toContain(id);
  // And it cleaned up what the killed writers left behind.
  expect(readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
}, 90_000);

const MONTH = 5_000;

test('SIGKILL during stops (root and month file change together): never half done', async ({ onTestFailed }) => {
  const random = seeded(onTestFailed);
  const now = '2026-01-20T12:00:00Z';
  // A big month file makes each stop's two-file write long enough to be hit by a kill. 5,000
  // sessions (was 20,000, ~14 CPU s a run): the sixteen stops, queued on the lock, still write
  // through most of the 40-940 ms the kills are spread over, after Node's boot.
  const finished = history(MONTH, '2026-01-01T00:00:00Z').map((s, i) => ({
    ...s,
    started_at: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString().replace('.000Z', 'Z'),
    stopped_at: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000 + 30_000).toISOString().replace('.000Z', 'Z'),
  }));
  const running = 16;
  const ids = Array.from({ length: running }, (_, i) => MONTH + 1 + i);
  // The running sessions are seeded too: starting them is not what this test proves.
  const started = ids.map((id, i) =>
    makeSession({ id, uid: `run-${i}`, task: `run-${i}`, started_at: '2026-01-20T08:00:00Z', stopped_at: null, status: 'running' }),
  );
  await seedStore(home, [...finished, ...started]);
  const confirmed = new Set<number>();
  let killed = 0;
  const runs = ids.map((id, i) => {
    const { child, done } = spawnStint(['stop', String(id), '--json'], options(home, now));
    if (i % 2 === 0) {
      void sleep(random.int(40, 940)).then(() => {
        if (child.exitCode === null && child.kill('SIGKILL')) killed += 1;
      });
    }
    return done.then((result) => ({ id, result }));
  });
  for (const { id, result } of await Promise.all(runs)) {
    if (result.code === 0) {
      expect(JSON.parse(result.stdout)).toMatchObject({ session_id: id, status: 'completed' });
      confirmed.add(id);
    } else {
      expect({ signal: result.signal, stderr: result.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
    }
  }
  const orphans = readdirSync(join(home, 'sessions')).length;
  console.info(
    `stop crash test (seed ${random.seed}): ${killed} killed, ${confirmed.size} confirmed, lock left: ${existsSync(join(home, 'stint.lock'))}, month files on disk: ${orphans}`,
  );
  expect(confirmed.size).toBeGreaterThan(0);

  // Every session exists exactly once: either still running (its stop was killed) or completed.
  const check = async () => {
    const data = await createFileStore(home).read(ALL);
    const seen = data.sessions.map((s) => s.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(MONTH + running);
    for (const id of ids) {
      const session = data.sessions.find((s) => s.id === id);
      expect(session?.status).toMatch(/^(running|completed)$/);
      if (confirmed.has(id)) expect(session?.status).toBe('completed');
    }
    return data;
  };
  await check();
  // The rest stop cleanly afterwards, taking over any lock a killed stop left.
  const all = await stint(['stop', '--all', '--json'], options(home, now));
  expect([0, 4]).toContain(all.code);
  const data = await check();
  expect(data.sessions.filter((s) => s.status === 'running')).toEqual([]);
}, 90_000);

test('a lock left by a holder killed on this machine is taken at once: the next start does not wait', async () => {
  const { spawn } = await import('node:child_process');
  const { mkdirSync, readFileSync, readlinkSync, writeFileSync } = await import('node:fs');
  const { hostname } = await import('node:os');
  const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
  await new Promise((resolve) => holder.once('spawn', resolve));
  const pid = holder.pid as number;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  mkdirSync(join(home, 'stint.lock'), { recursive: true });
  const machine = `${readlinkSync('/proc/self/ns/pid')} ${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}`;
  writeFileSync(join(home, 'stint.lock', 'owner'), `${hostname()} ${pid} ${start} ${machine}\n`);
  const noWait = { home, now: '2026-01-15T13:30:00Z', env: { STINT_LOCK_WAIT_MS: '0' } };
  // Held by a live process: refused at once (no waiting allowed).
  expect((await stint(['start', 'coding'], noWait)).stderr).toMatch(/^stint: Store locked: /);
  holder.kill('SIGKILL');
  await new Promise((resolve) => holder.once('exit', resolve));
  // Its holder killed, the fresh lock (well inside the 5 s stale limit) is taken over.
  const began = Date.now();
  const result = await stint(['start', 'coding'], noWait);
  expect([result.code, result.stderr]).toEqual([0, '']);
  expect(Date.now() - began).toBeLessThan(5_000);
  expect(existsSync(join(home, 'stint.lock'))).toBe(false);
});

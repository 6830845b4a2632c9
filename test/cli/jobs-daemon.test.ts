import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Deps } from '../../src/cli/deps.js';
import { createFileStore } from '../../src/store/file-store.js';
import { withStoreLock } from '../../src/store/lock.js';
import type { Store } from '../../src/store/store.js';
import { harness, harnessOn } from '../helpers/in-process.js';
import { snapshotDir } from '../helpers/spawn.js';

// `jobs daemon` in-process: a clock that starts at STINT_NOW and runs, a stop that is a call.

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'stint-daemon-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Where the daemon's stop handler lands, and how to call it. */
function stopper() {
  let handler = () => undefined as void;
  const onStop: Deps['onStop'] = (stop) => {
    handler = stop;
    return () => undefined;
  };
  return { onStop, stop: () => handler() };
}

/** Waits until `done` says so (10 s at most), then stops the daemon. */
async function until(done: () => Promise<boolean>, stop: () => void): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  stop();
}

const everyMinute = (target: string) => ['jobs', 'add', 'soon', '--type', 'summary', '--cron', '* * * * *', '--config', `target=${target}`];
const ended = (store: Store) => async () => (await store.jobs.read()).executions.some((e) => e.status !== 'running');

test('with STINT_NOW set, a run completes on the daemon’s running clock, not before it started', async () => {
  const { onStop, stop } = stopper();
  // One second before a minute: the job created at 12:00:00 is due at 12:01:00, a second into the run.
  const h = harness({ now: '2026-01-10T12:00:59Z', realFiles: true, onStop });
  expect((await h.run(...everyMinute(join(work, 'day.md')))).code).toBe(0);
  const daemon = h.run('jobs', 'daemon', '--json');
  await until(ended(h.store), stop);
  expect((await daemon).code).toBe(0);
  const [execution] = (await h.store.jobs.read()).executions;
  expect(execution).toMatchObject({ status: 'completed', started_at: '2026-01-10T12:01:00Z' });
  expect(Date.parse(execution?.completed_at ?? '')).toBeGreaterThanOrEqual(Date.parse('2026-01-10T12:01:00Z'));
}, 20_000);

/**
 * A daemon on a file store in `work` that waits 50 ms for a lock, with its job added at 12:00:00;
 * the store lock held (as another stint would) until the daemon first writes to stderr.
 */
async function lockedOnDisk(now: string) {
  const home = join(work, 'data');
  const store = createFileStore(home, { lock: { staleMs: 5_000, waitMs: 50 } });
  const { onStop, stop } = stopper();
  let release = () => undefined as void;
  const h = harnessOn(store, { now: '2026-01-10T12:00:00Z', realFiles: true, onStop, onStderr: () => release() });
  expect((await h.run(...everyMinute(join(work, 'day.md')))).code).toBe(0);
  h.setNow(now);
  const holding = withStoreLock(home, () => new Promise<void>((resolve) => (release = resolve)));
  return { home, store, h, stop, holding };
}

test('the store locked past the wait is one line on stderr; the daemon carries on and runs the job once the store is free', async () => {
  // Due since 12:01:00: the slot stays due (nextRun, overdue), so the next round, a second after
  // the failed one, runs it: at 12:02:00 or so, the clock having moved on from 12:01:59.
  const { store, h, stop, holding } = await lockedOnDisk('2026-01-10T12:01:59Z');
  const daemon = h.run('jobs', 'daemon');
  await holding;
  await until(ended(store), stop);
  const result = await daemon;
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(
    /^stint: Store locked: .*stint\.lock is held by another stint process; try again \(jobs daemon: trying again next round\)\n$/,
  );
  expect(result.stdout).toMatch(
    /^stint jobs daemon started at 13:01; Ctrl-C stops it\.\n13:0[12] job #1 soon: wrote the week report .*\nstint jobs daemon stopped\.\n$/,
  );
  const executions = (await store.jobs.read()).executions;
  expect(executions).toMatchObject([{ status: 'completed' }]);
  const started = Date.parse(executions[0]?.started_at ?? '');
  expect(started).toBeGreaterThanOrEqual(Date.parse('2026-01-10T12:01:59Z'));
  expect(started).toBeLessThanOrEqual(Date.parse('2026-01-10T12:02:05Z'));
}, 20_000);

test('--json: the failure is one JSON line on stderr', async () => {
  const { store, h, stop, holding } = await lockedOnDisk('2026-01-10T12:01:59Z');
  const daemon = h.run('jobs', 'daemon', '--json');
  await holding;
  await until(ended(store), stop);
  const { code, stderr } = await daemon;
  expect(code).toBe(0);
  expect(
    stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).error),
  ).toEqual(['Store locked']);
}, 20_000);

test('an unreadable jobs.json ends the daemon: exit 1 naming the file, nothing written', async () => {
  const home = join(work, 'data');
  const h = harnessOn(createFileStore(home), { now: '2026-01-10T12:00:00Z', realFiles: true });
  expect((await h.run(...everyMinute(join(work, 'day.md')))).code).toBe(0);
  writeFileSync(join(home, 'jobs.json'), '{"version": 1, "jobs": [');
  const before = snapshotDir(home);
  const result = await h.run('jobs', 'daemon');
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^stint: Store unreadable: .*jobs\.json: not valid JSON .*; the file was left untouched\n$/);
  expect(snapshotDir(home)).toEqual(before);
});

test('a store that stays locked is retried after 1 s, then 2 s, 4 s…: a few lines, not one every few milliseconds', async () => {
  const home = join(work, 'data');
  const store = createFileStore(home, { lock: { staleMs: 5_000, waitMs: 50 } });
  const { onStop, stop } = stopper();
  const lines: string[] = [];
  const h = harnessOn(store, { now: '2026-01-10T12:00:00Z', realFiles: true, onStop, onStderr: (text) => lines.push(text) });
  expect((await h.run(...everyMinute(join(work, 'day.md')))).code).toBe(0);
  h.setNow('2026-01-10T12:01:59Z');
  // The lock held for 1.5 s of real time: rounds fail at 0 and ~1 s, then at ~3 s the job runs.
  const holding = withStoreLock(home, () => new Promise<void>((resolve) => setTimeout(resolve, 1_500)));
  const daemon = h.run('jobs', 'daemon');
  await holding;
  const failures = lines.length;
  await until(ended(store), stop);
  expect((await daemon).code).toBe(0);
  expect(failures).toBeGreaterThanOrEqual(1);
  expect(failures).toBeLessThanOrEqual(3);
  expect((await store.jobs.read()).executions).toMatchObject([{ status: 'completed' }]);
}, 20_000);

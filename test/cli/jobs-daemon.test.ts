import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Deps } from '../../src/cli/deps.js';
import type { Store } from '../../src/store/store.js';
import { harness } from '../helpers/in-process.js';

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

import { mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { lockTimingFromEnv } from '../../src/cli/deps.js';
import { startSession } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { LOCK_TIMING, withStoreLock } from '../../src/store/lock.js';
import { ACTIVE, ALL } from '../../src/store/store.js';
import { at } from '../helpers/factories.js';
import { useTempHome } from '../helpers/spawn.js';

// The lock's limits come through the store's options, so a test need not wait them out.

let home = '';
useTempHome((dir) => (home = dir));

const start = (task: string) =>
  createFileStore(home).update(ACTIVE, (data) => startSession(data, { task, uid: task }, at('2026-01-15T13:30:00Z')));

/** A lock directory as a killed process leaves it, last refreshed `ageMs` ago. */
function leftLock(ageMs: number): void {
  mkdirSync(join(home, 'stint.lock'), { recursive: true });
  const then = new Date(Date.now() - ageMs);
  utimesSync(join(home, 'stint.lock'), then, then);
}

test('a lock older than the stale limit the store was given is taken over at once', async () => {
  await start('first');
  leftLock(3_000);
  const store = createFileStore(home, { lock: { staleMs: 2_000, waitMs: 0 } });
  await store.update(ACTIVE, (data) => startSession(data, { task: 'second', uid: 'second' }, at('2026-01-15T13:31:00Z')));
  expect((await store.read(ALL)).sessions.map((s) => s.task)).toEqual(['first', 'second']);
});

test('with the default limit the same lock is still live: no wait allowed, Store locked, nothing written', async () => {
  await start('first');
  leftLock(3_000);
  const store = createFileStore(home, { lock: { ...LOCK_TIMING, waitMs: 0 } });
  await expect(store.jobs.update(() => undefined)).rejects.toMatchObject({ code: 'conflict', title: 'Store locked' });
  await expect(store.update(ACTIVE, () => undefined)).rejects.toMatchObject({ code: 'conflict', title: 'Store locked' });
  expect((await store.read(ALL)).sessions.map((s) => s.task)).toEqual(['first']);
});

test('a writer waits for a live holder only as long as it was told', async () => {
  await start('first');
  let release = () => undefined as void;
  const held = withStoreLock(home, () => new Promise<void>((resolve) => (release = resolve)));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const began = Date.now();
  const store = createFileStore(home, { lock: { staleMs: LOCK_TIMING.staleMs, waitMs: 300 } });
  await expect(store.update(ACTIVE, () => undefined)).rejects.toMatchObject({ title: 'Store locked' });
  // Gave up after its 300 ms, not the default 15 s (a generous bound for a loaded machine).
  expect(Date.now() - began).toBeLessThan(LOCK_TIMING.waitMs / 3);
  release();
  await held;
});

test.each([
  [{}, LOCK_TIMING],
  [{ STINT_LOCK_STALE_MS: '', STINT_LOCK_WAIT_MS: '' }, LOCK_TIMING],
  [{ STINT_LOCK_STALE_MS: '2000' }, { staleMs: 2_000, waitMs: LOCK_TIMING.waitMs }],
  [{ STINT_LOCK_WAIT_MS: '60000' }, { staleMs: LOCK_TIMING.staleMs, waitMs: 60_000 }],
  [{ STINT_LOCK_WAIT_MS: '0' }, { staleMs: LOCK_TIMING.staleMs, waitMs: 0 }],
])('lockTimingFromEnv(%j) is %j', (env, timing) => {
  expect(lockTimingFromEnv(env)).toEqual(timing);
});

test.each([
  [{ STINT_LOCK_STALE_MS: '1999' }, 'Invalid STINT_LOCK_STALE_MS'],
  [{ STINT_LOCK_STALE_MS: '5s' }, 'Invalid STINT_LOCK_STALE_MS'],
  [{ STINT_LOCK_WAIT_MS: '-1' }, 'Invalid STINT_LOCK_WAIT_MS'],
  [{ STINT_LOCK_WAIT_MS: '1.5' }, 'Invalid STINT_LOCK_WAIT_MS'],
])('lockTimingFromEnv(%j) is refused: %s', (env, title) => {
  expect(() => lockTimingFromEnv(env)).toThrow(expect.objectContaining({ code: 'invalid_input', title }));
});

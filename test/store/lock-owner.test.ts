import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { startSession } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { OWNER_FILE } from '../../src/store/lock-fs.js';
import { withStoreLock } from '../../src/store/lock.js';
import { ACTIVE, ALL } from '../../src/store/store.js';
import { at } from '../helpers/factories.js';
import { useTempHome } from '../helpers/spawn.js';

// A lock is taken over when it has gone unrefreshed past the stale limit, and its holder
// refreshes it from the event loop: on a starved machine a live holder could lose it mid-write.
// The lock directory names its holder, and a holder still running here keeps it.

let home = '';
useTempHome((dir) => (home = dir));
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

const lockDir = () => join(home, 'stint.lock');
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};

/** A lock last refreshed a minute ago (well past any stale limit), naming `owner` as its holder. */
function oldLock(owner: string | null): void {
  mkdirSync(lockDir(), { recursive: true });
  if (owner !== null) writeFileSync(join(lockDir(), OWNER_FILE), `${owner}\n`);
  const then = new Date(Date.now() - 60_000);
  utimesSync(lockDir(), then, then);
}

async function liveProcess(): Promise<number> {
  child = spawn('sleep', ['30'], { stdio: 'ignore' });
  await new Promise((resolve) => child?.once('spawn', resolve));
  return child.pid as number;
}

const store = () => createFileStore(home, { lock: { staleMs: 2_000, waitMs: 0 } });
const startSecond = () =>
  store().update(ACTIVE, (data) => startSession(data, { task: 'second', uid: 'second' }, at('2026-01-15T13:31:00Z')));

test('a stale-looking lock whose holder is still running here is not taken over: Store locked, nothing written', async () => {
  await createFileStore(home).update(ACTIVE, (data) => startSession(data, { task: 'first', uid: 'first' }, at('2026-01-15T13:30:00Z')));
  const pid = await liveProcess();
  oldLock(`${hostname()} ${pid} ${startOf(pid)}`);
  await expect(startSecond()).rejects.toMatchObject({ code: 'conflict', title: 'Store locked' });
  expect((await store().read(ALL)).sessions.map((s) => s.task)).toEqual(['first']);
  expect(existsSync(join(lockDir(), OWNER_FILE))).toBe(true);
});

test.each([
  ['whose holder has exited', async () => `${hostname()} ${await exitedPid()} -`],
  ['whose pid now belongs to a process started after it (a reused pid)', async () => `${hostname()} ${await liveProcess()} 1`],
  ['held on another host (judged by its time alone)', async () => `elsewhere.example ${await liveProcess()} -`],
  ['that names no holder (killed before naming itself)', async () => null],
  ['whose owner file is not understood', async () => 'garbage'],
])('a stale lock %s is taken over', async (_name, owner) => {
  oldLock(await owner());
  await startSecond();
  expect((await store().read(ALL)).sessions.map((s) => s.task)).toEqual(['second']);
  expect(existsSync(lockDir())).toBe(false);
});

test('the lock names this process while held, and goes whole when released', async () => {
  mkdirSync(home, { recursive: true });
  await withStoreLock(home, async () => {
    expect(readFileSync(join(lockDir(), OWNER_FILE), 'utf8')).toBe(`${hostname()} ${process.pid} ${startOf(process.pid)}\n`);
  });
  expect(existsSync(lockDir())).toBe(false);
});

async function exitedPid(): Promise<number> {
  const gone = spawn('true', { stdio: 'ignore' });
  await new Promise((resolve) => gone.once('exit', resolve));
  return gone.pid as number;
}

test('a lock another running process holds is never removed, as stale or on release: it stays, and removing it is ELOCKED', async () => {
  const { lockFs } = await import('../../src/store/lock-fs.js');
  const pid = await liveProcess();
  oldLock(`${hostname()} ${pid} ${startOf(pid)}`);
  const removed = await new Promise<NodeJS.ErrnoException | null>((resolve) => lockFs.rmdir(lockDir(), resolve));
  expect(removed?.code).toBe('ELOCKED');
  expect(() => lockFs.rmdirSync(lockDir())).toThrow(expect.objectContaining({ code: 'ELOCKED' }));
  expect(readFileSync(join(lockDir(), OWNER_FILE), 'utf8')).toContain(` ${pid} `);
  // Its holder gone, the same lock is removed whole.
  child?.kill('SIGKILL');
  await new Promise((resolve) => child?.once('exit', resolve));
  child = undefined;
  lockFs.rmdirSync(lockDir());
  expect(existsSync(lockDir())).toBe(false);
});

// The file calls the lock makes answer later, as fs's callbacks do, but on the microtask queue
// the run's promises use already, not Node's tick queue (set up for it alone: ~0.7M instructions
// of each start and stop on Node 20).
test('a lock is taken and released without process.nextTick', async () => {
  mkdirSync(home, { recursive: true });
  const ticks = vi.spyOn(process, 'nextTick');
  try {
    const order: string[] = [];
    await withStoreLock(home, async () => {
      order.push('held');
      expect(existsSync(join(lockDir(), OWNER_FILE))).toBe(true);
    });
    expect(order).toEqual(['held']);
    expect(ticks).not.toHaveBeenCalled();
  } finally {
    ticks.mockRestore();
  }
  expect(existsSync(lockDir())).toBe(false);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readlinkSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { startSession } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { OWNER_FILE, removeAbandoned } from '../../src/store/lock-holder.js';
import { withStoreLock } from '../../src/store/lock.js';
import { ACTIVE, ALL } from '../../src/store/store.js';
import { at } from '../helpers/factories.js';
import { useTempHome } from '../helpers/spawn.js';

// The lock directory names its holder. A holder still running here keeps it, however long since
// it was refreshed (on a starved machine a live holder could otherwise lose it mid-write); one
// gone from this machine (boot id) and pid namespace loses it at once; one that cannot be seen
// (another host, machine or namespace, no name) loses it once it has gone unrefreshed past the
// stale limit.

let home = '';
useTempHome((dir) => (home = dir));
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

const lockDir = () => join(home, 'stint.lock');
/** This machine as an owner line names it: pid namespace and boot id. */
const machine = `${readlinkSync('/proc/self/ns/pid')} ${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}`;
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};

/** A lock last refreshed a minute ago (well past any stale limit), naming `owner` as its holder. */
function oldLock(owner: string | null): void {
  freshLock(owner);
  const then = new Date(Date.now() - 60_000);
  utimesSync(lockDir(), then, then);
}

/** A lock made just now, naming `owner` as its holder. */
function freshLock(owner: string | null): void {
  mkdirSync(lockDir(), { recursive: true });
  if (owner !== null) writeFileSync(join(lockDir(), OWNER_FILE), `${owner}\n`);
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
    expect(readFileSync(join(lockDir(), OWNER_FILE), 'utf8')).toBe(`${hostname()} ${process.pid} ${startOf(process.pid)} ${machine}\n`);
  });
  expect(existsSync(lockDir())).toBe(false);
});

/**
 * A process that has exited and that its parent never reaps: `sleep 0.1` started in the
 * background by a shell that then becomes `sleep 30`. Returns its pid and start, once it is a zombie.
 */
async function zombie(): Promise<string> {
  child = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const pid = Number(await new Promise<string>((resolve) => child?.stdout?.once('data', (data: Buffer) => resolve(data.toString()))));
  const start = startOf(pid);
  for (let tries = 0; tries < 100 && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(readFileSync(`/proc/${pid}/stat`, 'utf8')).toContain(') Z ');
  return `${pid} ${start}`;
}

async function exitedPid(): Promise<number> {
  const gone = spawn('true', { stdio: 'ignore' });
  await new Promise((resolve) => gone.once('exit', resolve));
  return gone.pid as number;
}

test('a lock another running process holds is never removed as abandoned, however old; once its holder is gone, it is', async () => {
  const pid = await liveProcess();
  oldLock(`${hostname()} ${pid} ${startOf(pid)} ${machine}`);
  expect(removeAbandoned(lockDir(), 2_000, Date.now())).toBe(false);
  expect(readFileSync(join(lockDir(), OWNER_FILE), 'utf8')).toContain(` ${pid} `);
  child?.kill('SIGKILL');
  await new Promise((resolve) => child?.once('exit', resolve));
  child = undefined;
  expect(removeAbandoned(lockDir(), 2_000, Date.now())).toBe(true);
  expect(existsSync(lockDir())).toBe(false);
});

// Killed (a signal, SIGKILL included), a writer leaves its lock behind; the next one need not
// wait out the stale limit when it can see the holder is gone.
test.each([
  ['whose holder has exited', async () => `${hostname()} ${await exitedPid()} - ${machine}`],
  ['whose pid now belongs to a process started after it (a reused pid)', async () => `${hostname()} ${await liveProcess()} 1 ${machine}`],
  ['whose holder has exited and is not yet reaped (a zombie)', async () => `${hostname()} ${await zombie()} ${machine}`],
])('a fresh lock %s is taken over at once', async (_name, owner) => {
  freshLock(await owner());
  await startSecond();
  expect((await store().read(ALL)).sessions.map((s) => s.task)).toEqual(['second']);
  expect(existsSync(lockDir())).toBe(false);
});

test.each([
  ['in another pid namespace', async () => `${hostname()} ${await exitedPid()} - pid:[1] ${machine.split(' ')[1]}`],
  [
    'on another machine of the same name (another boot id)',
    async () => `${hostname()} ${await exitedPid()} - ${machine.split(' ')[0]} 0-other-boot`,
  ],
  ['named by an older stint (host, pid and start only)', async () => `${hostname()} ${await exitedPid()} -`],
  ['on another host', async () => `elsewhere.example ${await exitedPid()} - ${machine}`],
  ['naming no holder', async () => null],
])('a fresh lock whose holder cannot be seen (%s) is waited for: Store locked, nothing written', async (_name, owner) => {
  await createFileStore(home).update(ACTIVE, (data) => startSession(data, { task: 'first', uid: 'first' }, at('2026-01-15T13:30:00Z')));
  freshLock(await owner());
  await expect(startSecond()).rejects.toMatchObject({ code: 'conflict', title: 'Store locked' });
  expect((await store().read(ALL)).sessions.map((s) => s.task)).toEqual(['first']);
  expect(existsSync(lockDir())).toBe(true);
});

test('a lock taken over while a change is being made commits nothing: Lock lost, and the new holder keeps its lock', async () => {
  await createFileStore(home).update(ACTIVE, (data) => startSession(data, { task: 'first', uid: 'first' }, at('2026-01-15T13:30:00Z')));
  const pid = await liveProcess();
  const other = `${hostname()} ${pid} ${startOf(pid)} ${machine}\n`;
  const change = store().update(ACTIVE, (data) => {
    writeFileSync(join(lockDir(), OWNER_FILE), other);
    return startSession(data, { task: 'second', uid: 'second' }, at('2026-01-15T13:31:00Z'));
  });
  await expect(change).rejects.toMatchObject({ code: 'store', title: 'Lock lost' });
  expect(readFileSync(join(lockDir(), OWNER_FILE), 'utf8')).toBe(other);
  expect((await store().read(ALL)).sessions.map((s) => s.task)).toEqual(['first']);
});

// The lock's file calls are synchronous and its waits are timers: nothing of it goes through
// Node's tick queue, which would be set up for it alone (~0.7M instructions of each start and
// stop on Node 20).
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

describe('the holder refreshes its lock', () => {
  const timing = { staleMs: 100, waitMs: 0 };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const aMinuteAgo = () => new Date(Date.now() - 60_000);

  test('while a hold lasts past the event loop’s turn, its lock keeps looking fresh', async () => {
    mkdirSync(home, { recursive: true });
    await withStoreLock(
      home,
      async () => {
        utimesSync(lockDir(), aMinuteAgo(), aMinuteAgo());
        await pause(300);
        expect(statSync(lockDir()).mtimeMs).toBeGreaterThan(Date.now() - 10_000);
      },
      timing,
    );
  });

  test('a takeover the refresh sees is a lost lock, even if the owner file names us again by the commit', async () => {
    mkdirSync(home, { recursive: true });
    const held = withStoreLock(
      home,
      async (guard) => {
        const mine = readFileSync(join(lockDir(), OWNER_FILE), 'utf8');
        writeFileSync(join(lockDir(), OWNER_FILE), 'elsewhere.example 1 - -\n');
        await pause(300);
        writeFileSync(join(lockDir(), OWNER_FILE), mine);
        guard.assertHeld();
      },
      timing,
    );
    await expect(held).rejects.toMatchObject({ code: 'store', title: 'Lock lost' });
  });

  test('a hold that ends within its turn (start, stop) sets no timer', async () => {
    mkdirSync(home, { recursive: true });
    const intervals = vi.spyOn(globalThis, 'setInterval');
    try {
      await withStoreLock(home, async () => undefined, timing);
      await pause(20);
      expect(intervals).not.toHaveBeenCalled();
    } finally {
      intervals.mockRestore();
    }
  });
});

describe('a lock whose holder could not name itself (a full disk)', () => {
  test("is this holder's while its directory is there with no owner file, and its release removes it", async () => {
    const { namesHolder, removeOwnLock } = await import('../../src/store/lock-holder.js');
    mkdirSync(lockDir(), { recursive: true });
    expect(namesHolder(lockDir(), null)).toBe(true);
    removeOwnLock(lockDir(), null);
    expect(existsSync(lockDir())).toBe(false);
  });

  test('is no longer its own once another holder has named itself there: release leaves that lock', async () => {
    const { namesHolder, removeOwnLock } = await import('../../src/store/lock-holder.js');
    freshLock('elsewhere.example 1 - - -');
    expect(namesHolder(lockDir(), null)).toBe(false);
    removeOwnLock(lockDir(), null);
    expect(readFileSync(join(lockDir(), OWNER_FILE), 'utf8')).toBe('elsewhere.example 1 - - -\n');
  });
});

test('a link left where the lock goes is waited for like a lock, up to the wait, not spun on', async () => {
  const { symlinkSync } = await import('node:fs');
  mkdirSync(home, { recursive: true });
  symlinkSync(join(home, 'nowhere'), lockDir());
  const began = Date.now();
  await expect(withStoreLock(home, async () => undefined, { staleMs: 60_000, waitMs: 300 })).rejects.toMatchObject({
    title: 'Store locked',
  });
  expect(Date.now() - began).toBeLessThan(5_000);
});

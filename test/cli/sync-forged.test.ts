import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { makeSession } from '../helpers/factories.js';
import { harnessOn } from '../helpers/in-process.js';
import { seedStore } from '../helpers/seed.js';
import { useWorkDir } from '../helpers/spawn.js';
import { snapshotButSyncJson } from '../helpers/sync.js';

// A log segment that reads as JSON but holds a session no command could have written (forged, or
// damaged in a way JSON survives) stops the sync with exit 1 naming it, before anything is
// written: before, the merge wrote it into the store, and every command then stopped at the store.

let work = '';
useWorkDir('stint-sync-forged-', (dir) => (work = dir));

const NOW = '2026-03-02T12:00:00Z';
const SEGMENT = '001772454600000.000009.desk.json';

const session = (set: Record<string, unknown>) => ({
  task: 'email',
  started_at: '2026-03-02T10:00:00Z',
  state: { status: 'completed', stopped_at: '2026-03-02T10:30:00Z', pauses: [] },
  planned_seconds: null,
  tags: [],
  note: null,
  updated_at: '2026-03-02T10:30:00Z',
  ...set,
});
const create = (set: Record<string, unknown>) => ({ uid: 'u-forged', at: SEGMENT.slice(0, -5), create: true, set: session(set) });

test.each([
  [
    'a running session with a stop',
    create({ state: { status: 'running', stopped_at: '2026-03-02T10:30:00Z', pauses: [] } }),
    'change 1: bad state ("status" running with a "stopped_at")',
  ],
  ['a completed session without a stop', create({ state: { status: 'completed', stopped_at: null, pauses: [] } }), 'change 1: bad state'],
  [
    'a pause ending before it starts',
    create({
      state: {
        status: 'completed',
        stopped_at: '2026-03-02T10:30:00Z',
        pauses: [{ started_at: '2026-03-02T10:20:00Z', ended_at: '2026-03-02T10:10:00Z' }],
      },
    }),
    'change 1: bad state (invalid "pauses")',
  ],
  ['a task name of one character', create({ task: 'x' }), 'change 1: bad task (not a task name'],
  [
    // Each value reads on its own; with the start this device holds, the session is impossible.
    "a stop for this device's session, with a pause running past it",
    {
      uid: 'a-1',
      at: SEGMENT.slice(0, -5),
      set: {
        state: {
          status: 'completed',
          stopped_at: '2026-03-02T11:00:00Z',
          pauses: [{ started_at: '2026-03-02T10:50:00Z', ended_at: '2026-03-02T11:10:00Z' }],
        },
        updated_at: '2026-03-02T11:10:00Z',
      },
    },
    'session a-1 would be one stint cannot store (bad times (pause 1 at 2026-03-02T10:50:00Z is outside the session))',
  ],
])('a segment holding %s stops the sync (exit 1), naming it; the store is left byte for byte', async (_what, change, why) => {
  const shared = join(work, 'shared');
  const home = join(work, 'a');
  const a = harnessOn(createFileStore(home), { now: NOW, realFiles: true, uidPrefix: 'a' });
  await a.run('start', 'coding', '--at', '10:00');
  expect((await a.run('sync', '--folder', shared, '--device', 'a')).code).toBe(0);
  const log = join(shared, 'devices', 'desk', 'log');
  mkdirSync(log, { recursive: true });
  writeFileSync(join(log, SEGMENT), `${JSON.stringify({ version: 1, device: 'desk', changes: [change] })}\n`);
  const before = snapshotButSyncJson(home);
  const refused = await a.run('sync');
  expect(refused).toMatchObject({ code: 1, stdout: '' });
  expect(refused.stderr.startsWith(`stint: Bad sync log: ${join(log, SEGMENT)}: ${why}`)).toBe(true);
  expect(refused.stderr.split('\n')).toHaveLength(2);
  expect(snapshotButSyncJson(home)).toEqual(before);
  // Every command still reads the store, and sync status says what stopped the sync.
  expect((await a.run('status')).code).toBe(0);
  expect(JSON.parse((await a.run('list', '--json')).stdout).total).toBe(1);
  expect(JSON.parse((await a.run('sync', 'status', '--json')).stdout).last_error.message).toContain(SEGMENT);
  // Once the file is gone, the sync goes on.
  rmSync(join(log, SEGMENT));
  expect(await a.run('sync')).toMatchObject({ code: 0, stderr: '' });
});

test('a session here that the store reads but no command writes (a hand-edited task) is named, not sent (exit 1)', async () => {
  const shared = join(work, 'shared');
  const home = join(work, 'a');
  await seedStore(home, [makeSession({ id: 1, uid: 'u-1', task: 'coding' }), makeSession({ id: 2, uid: 'u-2', task: 'x' })]);
  const a = harnessOn(createFileStore(home), { now: NOW, realFiles: true, uidPrefix: 'a' });
  expect((await a.run('list', '--json')).code).toBe(0);
  const before = snapshotButSyncJson(home);
  const refused = await a.run('sync', '--folder', shared, '--device', 'a');
  expect(refused).toMatchObject({ code: 1, stdout: '' });
  expect(refused.stderr).toMatch(/^stint: Bad session: session #2 \(x\) is one stint would not store elsewhere \(bad task/);
  expect(snapshotButSyncJson(home)).toEqual(before);
  expect(readdirSync(join(shared, 'devices', 'a', 'log'))).toEqual([]);
  // Corrected, it goes.
  expect((await a.run('edit', '2', '--task', 'xyz')).code).toBe(0);
  expect(await a.run('sync')).toMatchObject({ code: 0, stderr: '' });
});

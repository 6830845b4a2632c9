import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { harnessOn } from '../helpers/in-process.js';
import { useWorkDir } from '../helpers/spawn.js';

// A uid is text from outside (an import keeps a file's own, another device's log brings any), and
// so is a device name: the names every object inherits are keys like any other, through import,
// sync and the merged state kept on disk, never an internal error.

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

let work = '';
useWorkDir('stint-sync-uids-', (dir) => (work = dir));

const NOW = '2026-03-02T10:00:00Z';
const on = (name: string) => harnessOn(createFileStore(join(work, name)), { now: NOW, realFiles: true, uidPrefix: name });

/** A stint JSON export holding one finished session with this uid. */
function exported(uid: string): string {
  const file = join(work, `${uid}.json`);
  const session = {
    session_id: 1,
    task_name: 'imported',
    started_at: '2026-03-01T09:00:00Z',
    stopped_at: '2026-03-01T10:00:00Z',
    duration_seconds: 3600,
    status: 'completed',
    planned_seconds: null,
    paused_seconds: 0,
    tags: [],
    note: null,
    uid,
    pauses: [],
    updated_at: '2026-03-01T10:00:00Z',
  };
  writeFileSync(file, `${JSON.stringify({ version: 1, sessions: [session] })}\n`);
  return file;
}

type Exported = { session_id: number; uid: string; task_name: string };
const exportOf = async (h: ReturnType<typeof on>) => (JSON.parse((await h.run('export')).stdout) as { sessions: Exported[] }).sessions;
/** Every session's uid and task, by uid. */
const listed = async (h: ReturnType<typeof on>) =>
  (await exportOf(h)).map((s) => [s.uid, s.task_name]).sort(([x], [y]) => ((x as string) < (y as string) ? -1 : 1));
const idOf = async (h: ReturnType<typeof on>, uid: string) => String((await exportOf(h)).find((s) => s.uid === uid)?.session_id);

test.each(PROTOTYPE_NAMES)('a session imported with the uid %j syncs, is edited and removed on every device', async (uid) => {
  const shared = join(work, 'shared');
  const [a, b] = [on('a'), on('b')];
  await a.run('start', 'coding');
  expect((await a.run('import', exported(uid))).code).toBe(0);
  expect(await a.run('sync', '--folder', shared, '--device', 'a')).toMatchObject({ code: 0, stderr: '' });
  expect(await b.run('sync', '--folder', shared, '--device', 'b')).toMatchObject({ code: 0, stderr: '' });
  expect(await listed(b)).toEqual(
    [
      [uid, 'imported'],
      ['a-1', 'coding'],
    ].sort(([x], [y]) => ((x as string) < (y as string) ? -1 : 1)),
  );
  // An edit travels back, and the merged state kept on disk (sync-state/) reads again.
  expect((await b.run('edit', await idOf(b, uid), '--task', 'renamed')).code).toBe(0);
  expect(await b.run('sync')).toMatchObject({ code: 0, stderr: '' });
  expect((await a.run('sync', '--json')).stdout).toMatch(/"updated":1/);
  expect(await listed(a)).toContainEqual([uid, 'renamed']);
  // A deletion too, and it stays deleted.
  expect((await a.run('rm', await idOf(a, uid))).code).toBe(0);
  expect(await a.run('sync')).toMatchObject({ code: 0, stderr: '' });
  expect((await b.run('sync', '--json')).stdout).toMatch(/"removed":1/);
  for (const h of [a, b]) {
    expect(await h.run('sync')).toMatchObject({ code: 0, stderr: '' });
    expect(await listed(h)).toEqual([[expect.stringMatching(/^a-/), 'coding']]);
  }
});

test.each(PROTOTYPE_NAMES)("another device's log holding the uid %j is merged like any other", async (uid) => {
  const shared = join(work, 'shared');
  const a = on('a');
  expect((await a.run('sync', '--folder', shared, '--device', 'a')).code).toBe(0);
  const log = join(shared, 'devices', 'desk', 'log');
  mkdirSync(log, { recursive: true });
  const at = '001772359200000.000000.desk';
  const set = {
    task: 'meeting',
    started_at: '2026-03-01T09:00:00Z',
    state: { status: 'completed', stopped_at: '2026-03-01T10:00:00Z', pauses: [] },
    planned_seconds: null,
    tags: [],
    note: null,
    updated_at: '2026-03-01T10:00:00Z',
  };
  // Written as JSON text, so `__proto__` is a key of the file, as another stint would write it.
  writeFileSync(join(log, `${at}.json`), `{"version":1,"device":"desk","changes":[${JSON.stringify({ uid, at, create: true, set })}]}\n`);
  expect(await a.run('sync')).toMatchObject({ code: 0, stderr: '' });
  expect(await listed(a)).toEqual([[uid, 'meeting']]);
  expect(JSON.parse((await a.run('sync', '--json')).stdout)).toMatchObject({ received: 0, added: 0 });
});

test.each(PROTOTYPE_NAMES.filter((name) => name !== '__proto__'))('a device named %j syncs both ways', async (name) => {
  const shared = join(work, 'shared');
  const [a, b] = [on('a'), on('b')];
  await a.run('start', 'coding');
  expect(await a.run('sync', '--folder', shared, '--device', name)).toMatchObject({ code: 0, stderr: '' });
  await b.run('start', 'writing');
  expect(await b.run('sync', '--folder', shared, '--device', 'b')).toMatchObject({ code: 0, stderr: '' });
  expect(await a.run('sync')).toMatchObject({ code: 0, stderr: '' });
  for (const h of [a, b]) {
    expect((await listed(h)).map(([, task]) => task).sort()).toEqual(['coding', 'writing']);
    const status = JSON.parse((await h.run('sync', 'status', '--json')).stdout) as { devices: { name: string }[] };
    expect(status.devices.map((d) => d.name).sort()).toEqual(['b', name].sort());
  }
});

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startSession } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { at } from '../helpers/factories.js';
import { tempHome } from '../helpers/spawn.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
});
afterEach(() => cleanup());

const file = () => join(home, 'sessions.json');
const addOne = (task = 'coding') => (data: Parameters<typeof startSession>[0]) =>
  startSession(data, { task, uid: `uid-${task}` }, at('2026-01-15T13:30:00Z'));

describe('file store', () => {
  test('reading a missing store gives an empty one and creates nothing', async () => {
    const data = await createFileStore(home).read();
    expect(data).toEqual({ next_id: 1, sessions: [] });
    expect(existsSync(home)).toBe(false);
  });

  test('the first write creates the directory 0700 and the file 0600', async () => {
    await createFileStore(home).update(addOne());
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ version: 1, next_id: 2 });
  });

  test('each write keeps the previous version as sessions.json.bak and leaves no temp files', async () => {
    const store = createFileStore(home);
    await store.update(addOne('first'));
    const afterFirst = readFileSync(file(), 'utf8');
    await store.update(addOne('second'));
    expect(readFileSync(`${file()}.bak`, 'utf8')).toBe(afterFirst);
    expect(statSync(`${file()}.bak`).mode & 0o777).toBe(0o600);
    expect(readdirSync(home).sort()).toEqual(['sessions.json', 'sessions.json.bak']);
  });

  test('a change that throws writes nothing', async () => {
    const store = createFileStore(home);
    await store.update(addOne());
    const before = readFileSync(file());
    await expect(
      store.update((data) => {
        data.sessions = [];
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(readFileSync(file())).toEqual(before);
  });

  test('an unreadable store is reported and left byte-identical by reads and writes', async () => {
    mkdirSync(home, { recursive: true });
    const torn = '{"version":1,"next_id":3,"sessions":[{"id":1,"uid":"a"';
    writeFileSync(file(), torn);
    const store = createFileStore(home);
    await expect(store.read()).rejects.toMatchObject({ code: 'store', message: expect.stringContaining(file()) });
    await expect(store.update(addOne())).rejects.toMatchObject({ code: 'store' });
    expect(readFileSync(file(), 'utf8')).toBe(torn);
    expect(existsSync(`${file()}.bak`)).toBe(false);
  });

  test('a write that fails midway keeps the old store, removes its temp file and says so', async () => {
    const store = createFileStore(home);
    await store.update(addOne());
    const before = readFileSync(file());
    // A directory where the backup is staged makes the write fail after the temp file is written.
    mkdirSync(`${file()}.bak.tmp/x`, { recursive: true });
    await expect(store.update(addOne('second'))).rejects.toMatchObject({
      code: 'store',
      title: 'Write failed',
      message: expect.stringMatching(/previous version was kept/),
    });
    expect(readFileSync(file())).toEqual(before);
    expect(readdirSync(home).filter((n) => n.startsWith('.sessions.json.'))).toEqual([]);
  });

  test('temp files left by a killed writer are removed by the next write', async () => {
    const store = createFileStore(home);
    await store.update(addOne());
    writeFileSync(join(home, '.sessions.json.12345.deadbeef.tmp'), '{"half":');
    await store.update(addOne('second'));
    expect(readdirSync(home).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('a lock left by a killed process is taken over once stale', async () => {
    const store = createFileStore(home);
    await store.update(addOne());
    const lock = join(home, 'stint.lock');
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    await store.update(addOne('second'));
    expect((await store.read()).sessions).toHaveLength(2);
    expect(existsSync(lock)).toBe(false);
  });
});

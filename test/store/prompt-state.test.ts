import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findSession, pauseSession, resumeSession, startSession, stopSession, type TrackerData } from '../../src/core/session.js';
import { encodePromptState } from '../../src/store/prompt-state.js';
import { ACTIVE, ALL, type Store } from '../../src/store/store.js';
import { at, makeSession } from '../helpers/factories.js';
import { useTempStore } from '../helpers/seed.js';

let home: string;
let store: Store;
useTempStore((dir, made) => {
  home = dir;
  store = made;
});

const stateFile = () => join(home, 'prompt.state');
/** The file's lines, without the final newline. */
const lines = () => readFileSync(stateFile(), 'utf8').replace(/\n$/, '').split('\n');
const epoch = (iso: string) => String(Date.parse(iso) / 1000);

const start =
  (task: string, when: string, plannedSeconds: number | null = null) =>
  (data: TrackerData) =>
    startSession(data, { task, uid: `uid-${task}`, plannedSeconds }, at(when));
const act = (fn: typeof pauseSession, id: number, when: string) => (data: TrackerData) => fn(findSession(data, id), at(when));
const stop = (id: number, when: string) => (data: TrackerData) => stopSession(findSession(data, id), at(when));

describe('prompt.state follows every change of the active sessions', () => {
  test('start, pause, resume, stop and undo each rewrite it', async () => {
    await store.update(ACTIVE, start('deep', '2026-01-15T09:00:00Z', 1500), () => 'change');
    expect(lines()).toEqual(['1', '1', 'deep', epoch('2026-01-15T09:00:00Z'), '0', '0', '1500']);
    expect(statSync(stateFile()).mode & 0o777).toBe(0o600);

    await store.update(ACTIVE, act(pauseSession, 1, '2026-01-15T09:05:00Z'), () => 'change');
    expect(lines()).toEqual(['1', '1', 'deep', epoch('2026-01-15T09:00:00Z'), '0', epoch('2026-01-15T09:05:00Z'), '1500']);

    await store.update(ACTIVE, act(resumeSession, 1, '2026-01-15T09:07:30Z'), () => 'change');
    expect(lines()).toEqual(['1', '1', 'deep', epoch('2026-01-15T09:00:00Z'), '150', '0', '1500']);

    // A newer session is the one shown; the count says how many are active.
    await store.update(ACTIVE, start('email', '2026-01-15T09:10:00Z'), () => 'change');
    expect(lines()).toEqual(['1', '2', 'email', epoch('2026-01-15T09:10:00Z'), '0', '0', '0']);

    await store.update({ kind: 'ids', ids: [2] }, stop(2, '2026-01-15T09:20:00Z'), () => 'change');
    expect(lines()).toEqual(['1', '1', 'deep', epoch('2026-01-15T09:00:00Z'), '150', '0', '1500']);

    await store.update({ kind: 'ids', ids: [1] }, stop(1, '2026-01-15T09:30:00Z'), () => 'change');
    expect(lines()).toEqual(['1', '0']);

    expect(await store.undo()).not.toBeNull();
    expect(lines()).toEqual(['1', '1', 'deep', epoch('2026-01-15T09:00:00Z'), '150', '0', '1500']);
    expect(await store.undo()).not.toBeNull();
    expect(lines()[2]).toBe('email');
  });

  test('a change of finished sessions alone leaves the same content', async () => {
    await store.update(ACTIVE, start('coding', '2026-01-15T09:00:00Z'));
    const before = readFileSync(stateFile(), 'utf8');
    await store.update(ALL, (data) => {
      data.sessions.push(makeSession({ id: data.next_id, started_at: '2026-01-10T10:00:00Z', stopped_at: '2026-01-10T11:00:00Z' }));
      data.next_id += 1;
    });
    expect(readFileSync(stateFile(), 'utf8')).toBe(before);
  });

  test('readers never create it', async () => {
    await store.update(ACTIVE, start('coding', '2026-01-15T09:00:00Z'));
    rmSync(stateFile());
    await store.read(ACTIVE);
    await store.read(ALL);
    expect(existsSync(stateFile())).toBe(false);
  });

  test('a write that fails is ignored: the change itself commits', async () => {
    mkdirSync(join(stateFile(), 'in-the-way'), { recursive: true });
    await store.update(ACTIVE, start('coding', '2026-01-15T09:00:00Z'));
    expect((await store.read(ACTIVE)).sessions.map((s) => s.task)).toEqual(['coding']);
    expect(readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('a temporary file left by a killed writer is swept by the next commit', async () => {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(join(home, '.prompt.state.99999.abc.tmp'), 'half');
    await store.update(ACTIVE, start('coding', '2026-01-15T09:00:00Z'));
    expect(readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('encodePromptState', () => {
  test('idle: the version and a zero count only', () => {
    expect(encodePromptState([])).toBe('1\n0\n');
  });

  test('the newest by start, whatever the order given; closed pauses summed, the open one by its start', () => {
    const older = makeSession({ id: 1, task: 'older', started_at: '2026-01-15T08:00:00Z', stopped_at: null, status: 'running' });
    const newer = makeSession({
      id: 2,
      task: 'newer',
      started_at: '2026-01-15T09:00:00Z',
      stopped_at: null,
      status: 'paused',
      planned_seconds: 2700,
      pauses: [
        { started_at: '2026-01-15T09:10:00Z', ended_at: '2026-01-15T09:12:00Z' },
        { started_at: '2026-01-15T09:20:00Z', ended_at: '2026-01-15T09:20:45Z' },
        { started_at: '2026-01-15T09:30:00Z', ended_at: null },
      ],
    });
    expect(encodePromptState([newer, older])).toBe(
      ['1', '2', 'newer', epoch('2026-01-15T09:00:00Z'), '165', epoch('2026-01-15T09:30:00Z'), '2700', ''].join('\n'),
    );
  });
});

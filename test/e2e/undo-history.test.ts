import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { makeSession } from '../helpers/factories.js';
import { seedStore } from '../helpers/seed.js';
import { seedWith } from '../helpers/in-home.js';
import { snapshotDir, stint, useTempHome } from '../helpers/spawn.js';

// A hand-edited undo history is checked like every stored file: each command that reads the
// root refuses it (exit 1, naming state.json) and leaves it as it is.

const NOW = '2026-01-15T12:00:00Z';
let home = '';
useTempHome((dir) => (home = dir));
const run = (...args: string[]) => stint(args, { home, now: NOW });
const statePath = () => join(home, 'state.json');

beforeEach(async () => {
  await seedStore(home, [makeSession({ id: 1, uid: 'one', started_at: '2026-01-05T08:00:00Z', stopped_at: '2026-01-05T09:00:00Z' })]);
});

function spoilUndo(entry: unknown): void {
  const root = JSON.parse(readFileSync(statePath(), 'utf8'));
  root.undo = [entry];
  writeFileSync(statePath(), `${JSON.stringify(root, null, 1)}\n`);
}

const valid = { label: 'start #2 x', at: '2026-01-15T10:00:00.000Z', before: { next_id: 2, active: [], months: {} } };

describe.each([
  ['wrong types', { ...valid, before: { ...valid.before, next_id: 'two' } }],
  [
    'a month file name stint never writes',
    {
      ...valid,
      before: { ...valid.before, months: { '2026-01': { file: '../config.json', count: 1, min_id: 1, max_id: 1, max_seconds: 60 } } },
    },
  ],
  ['an invalid active session', { ...valid, before: { ...valid.before, active: [{ id: 1, task: 'x' }] } }],
])('an undo entry with %s', (_name, entry) => {
  test('every command reading the root: exit 1 naming state.json, the file untouched', async () => {
    spoilUndo(entry);
    const before = snapshotDir(home);
    const commands = [['status'], ['list'], ['start', 'writing'], ['stop'], ['undo'], ['export']];
    const results = await Promise.all(commands.map((args) => run(...args)));
    for (const [index, result] of results.entries()) {
      expect({ command: commands[index], code: result.code }).toEqual({ command: commands[index], code: 1 });
      expect(result.stderr).toMatch(
        new RegExp(`^stint: Store unreadable: ${statePath()}: undo entry at index 0: .*; the file was left untouched\\n$`),
      );
    }
    expect(snapshotDir(home)).toEqual(before);
  });
});

/** Sets the root's revision, so the next commit is the one that collects (every 16th). */
function atRevision(revision: number): void {
  const root = JSON.parse(readFileSync(statePath(), 'utf8'));
  root.revision = revision;
  writeFileSync(statePath(), `${JSON.stringify(root, null, 1)}\n`);
}

test('the CLI removes month files no root names on every 16th commit, not before', async () => {
  const orphan = join(home, 'sessions', '2020-01.r1-orphan.json');
  writeFileSync(orphan, '{"torn');
  expect(await run('start', 'writing')).toMatchObject({ code: 0 });
  expect(existsSync(orphan)).toBe(true);
  atRevision(15);
  expect(await run('stop')).toMatchObject({ code: 0 });
  expect(existsSync(orphan)).toBe(false);
  expect(JSON.parse(readFileSync(statePath(), 'utf8')).revision).toBe(16);
});

test('a failure after the commit point (garbage collection): exit 0, and the change stored once', async () => {
  mkdirSync(join(home, 'sessions', '2020-01.r1-zzz.json'));
  // Revision 16 collects (the CLI collects every 16th commit), and fails on the folder in its way.
  atRevision(15);
  const started = await run('start', 'writing');
  expect(started).toMatchObject({ code: 0, stderr: '' });
  const tasks = async () =>
    JSON.parse((await seedWith(['list', '--json'], { home, now: NOW })).stdout).sessions.map((s: { task_name: string }) => s.task_name);
  expect(await tasks()).toEqual(['coding', 'writing']);
  expect(await run('undo')).toMatchObject({ code: 0, stdout: 'Undid start #2 writing.\n' });
  expect(await tasks()).toEqual(['coding']);
});

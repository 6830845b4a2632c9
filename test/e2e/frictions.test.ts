import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { stint, useTempHome } from '../helpers/spawn.js';

// Issue 15's small frictions, through the built bin: exit codes and which stream says what.
let home = '';
useTempHome((dir) => (home = dir));
const now = '2026-03-01T12:00:00Z';

test.each([
  [['help', 'nonexist'], "stint: Invalid usage: unknown command 'nonexist'\n"],
  [['-v'], "stint: Invalid usage: unknown option '-v' (Did you mean --version?)\n"],
  [['status', '--jsn'], "stint: Invalid usage: unknown option '--jsn' (Did you mean --json?)\n"],
])('%j: one error line, exit 2', async (args, stderr) => {
  expect(await stint(args, { home, now })).toMatchObject({ code: 2, stdout: '', stderr });
});

test('a Timewarrior data folder imports its month files in one change; an overlapping add warns on stderr', async () => {
  const data = resolve('test/fixtures/timewarrior/data');
  const imported = await stint(['import', data, '--task-tags', 'writing'], { home, now });
  expect([imported.code, imported.stderr]).toEqual([0, '']);
  expect(imported.stdout).toContain(`Skipped ${data}/undo.data: not a Timewarrior month file (YYYY-MM.data).\n`);
  expect(imported.stdout).toContain('  blog writing → writing (2 intervals)\n');
  const added = await stint(['add', 'writing', '--from', '2026-01-05T09:30:00Z', '--to', '2026-01-05T09:45:00Z'], { home, now });
  expect(added.code).toBe(0);
  expect(added.stderr).toMatch(/^stint: warning: #7 writing overlaps #1 \(.*\) by 15m; reports count that time twice\n$/);
  expect((await stint(['undo'], { home, now })).code).toBe(0);
  expect((await stint(['undo'], { home, now })).code).toBe(0);
  expect(JSON.parse((await stint(['list', '--json'], { home, now })).stdout).total).toBe(0);
});

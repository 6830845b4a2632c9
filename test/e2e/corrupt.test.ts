import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { stint, tempHome } from '../helpers/spawn.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
});
afterEach(() => cleanup());

const commands = [
  ['list'],
  ['status'],
  ['status', '--short'],
  ['show', '1'],
  ['start', 'coding'],
  ['stop'],
  ['stop', '1'],
  ['rm', '1'],
];

describe.each([
  ['truncated', '{\n "version": 1,\n "next_id": 2,\n "sessions": [\n  {\n   "id": 1,\n   "uid": "a'],
  ['from a newer stint', '{"version": 99, "next_id": 1, "sessions": []}\n'],
])('a %s store', (_kind, content) => {
  test.each(commands)('`stint %s` → exit 1 naming the file, file byte-identical', async (...args) => {
    mkdirSync(home, { recursive: true });
    const file = join(home, 'sessions.json');
    writeFileSync(file, content);
    const result = await stint(args, { home, now: '2026-01-15T13:30:00Z' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^stint: Store unreadable: .*sessions\.json: .*; the file was left untouched\n$/);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });
});

test('--json reports the unreadable store as JSON on stderr', async () => {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'sessions.json'), '{"version":');
  const result = await stint(['list', '--json'], { home });
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(JSON.parse(result.stderr)).toMatchObject({ error: 'Store unreadable', message: expect.stringContaining('not valid JSON') });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { history, seedStore } from '../helpers/seed.js';
import { seedWith } from '../helpers/in-home.js';
import { BIN, stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

const now = '2026-01-20T12:00:00Z';

test('reading commands take no lock: they answer while a live writer holds it', async () => {
  await seedStore(home, history(50, '2026-01-01T00:00:00Z'));
  await seedWith(['start', 'coding'], { home, now });
  // A lock kept fresh, as a live writer keeps it: a command that waited for it would give up with exit 4.
  const lock = join(home, 'stint.lock');
  mkdirSync(lock);
  const touch = setInterval(() => utimesSync(lock, new Date(), new Date()), 200);
  try {
    for (const args of [
      ['status'],
      ['list', '--json'],
      ['show', '3'],
      ['status', '--short'],
      ['report', '--month'],
      ['stats'],
      ['badges', '--json'],
    ]) {
      const result = await stint(args, { home, now });
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: '' });
    }
  } finally {
    clearInterval(touch);
  }
}, 60_000);

test('a reader that closes the pipe early (stint list | head -1) is not an error', async () => {
  await seedStore(home, history(3000, '2025-10-01T00:00:00Z'));
  for (const args of ['list', 'list --json']) {
    const run = spawnSync(
      'bash',
      ['--norc', '--noprofile', '-c', `"${process.execPath}" "${BIN}" ${args} | head -c 20 >/dev/null; echo "\${PIPESTATUS[0]}"`],
      {
        env: { PATH: process.env.PATH ?? '', HOME: home, STINT_HOME: home, STINT_NOW: now, TZ: 'Europe/Paris' },
        encoding: 'utf8',
      },
    );
    expect({ args, status: run.stdout.trim(), stderr: run.stderr }).toEqual({ args, status: '0', stderr: '' });
  }
});

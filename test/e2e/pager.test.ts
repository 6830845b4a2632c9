import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, expect, test } from 'vitest';
import { skipWithout, which } from '../helpers/programs.js';
import { history, seedStore } from '../helpers/seed.js';
import { BIN, useTempHome } from '../helpers/spawn.js';

// The pager needs stdout to be a terminal: util-linux's `script` runs stint on a pseudo-terminal
// (24 rows when it cannot copy a size), and a fake pager script records the bytes it is given.
const SCRIPT = which('script');

let home = '';
useTempHome((h) => {
  home = h;
});

beforeEach(async () => {
  // 40 half-hour sessions, one an hour, in the last two days: taller than the terminal.
  await seedStore(home, history(40, '2026-11-29T00:00:00Z'));
});

function onTerminal(pager: string, paged: string): { status: number | null; screen: string } {
  const env = {
    PATH: process.env.PATH ?? '',
    TZ: 'Europe/Paris',
    STINT_HOME: home,
    STINT_NOW: '2026-11-30T18:00:00',
    STINT_PAGER: pager,
    PAGED_TO: paged,
  };
  const command = `'${process.execPath}' '${BIN}' list; echo "exit=$?"`;
  const run = spawnSync(SCRIPT as string, ['-qec', command, '/dev/null'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: run.status, screen: run.stdout.replaceAll('\r\n', '\n') };
}

test.skipIf(skipWithout(SCRIPT !== undefined))('on a terminal, a long list goes to the pager whole, and stint still exits 0', () => {
  const pager = join(dirname(home), 'pager.sh');
  const paged = join(dirname(home), 'paged.txt');
  writeFileSync(pager, '#!/bin/sh\ncat > "$PAGED_TO"\necho "pager done"\n');
  chmodSync(pager, 0o755);
  const { status, screen } = onTerminal(pager, paged);
  expect(status).toBe(0);
  expect(screen).toBe('pager done\nexit=0\n');
  const text = readFileSync(paged, 'utf8');
  expect(text).toMatch(/^\u001b\[1mYesterday, Sun 29 Nov\u001b\[22m/);
  expect(text).toContain('#40');
  expect(text.endsWith('\n')).toBe(true);
});

test.skipIf(skipWithout(SCRIPT !== undefined))('a pager that cannot start: the list is printed instead', () => {
  const paged = join(dirname(home), 'paged.txt');
  const { status, screen } = onTerminal(join(dirname(home), 'no-such-pager'), paged);
  expect(status).toBe(0);
  expect(existsSync(paged)).toBe(false);
  expect(screen).toContain('#40');
  expect(screen).toMatch(/exit=0\n$/);
});

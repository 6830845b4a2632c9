import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { skipWithout, useTmpfs } from '../helpers/programs.js';
import { snapshotDir, stint } from '../helpers/spawn.js';

// A real full disk: a tiny tmpfs. Needs mount rights (root on the CI machine); skipped elsewhere,
// never in CI.
const { mountPoint, mounted } = useTmpfs('stint-full-');

test.skipIf(skipWithout(mounted))('a full disk fails the write with exit 1 and keeps the store as it was', async () => {
  const home = join(mountPoint, 'data');
  const now = '2026-01-15T13:30:00Z';
  for (const task of ['coding', 'reading', 'writing']) {
    expect((await stint(['start', task], { home, now })).code).toBe(0);
  }
  const before = snapshotDir(home);
  // Fill what is left of the disk.
  mkdirSync(join(mountPoint, 'filler'));
  for (let i = 0; ; i += 1) {
    try {
      writeFileSync(join(mountPoint, 'filler', String(i)), Buffer.alloc(4096, 1));
    } catch {
      break;
    }
  }
  const result = await stint(['start', 'one-more'], { home, now });
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  // The file that could not be written, the cause in words and its errno, then the reassurance.
  expect(result.stderr).toMatch(
    /^stint: Write failed: cannot (open|write|flush|create directory) \/.+: no space left on device \(ENOSPC\); .+\/state\.json not replaced; the previous version was kept\n$/,
  );
  expect(snapshotDir(home)).toEqual(before);
  expect(readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  // Reading still works, and once space is freed, writing does too.
  expect(JSON.parse((await stint(['list', '--json'], { home, now })).stdout).total).toBe(3);
  rmSync(join(mountPoint, 'filler'), { recursive: true });
  expect((await stint(['start', 'one-more'], { home, now })).code).toBe(0);
});

test('a write the disk cuts short is an error, not a torn state.json', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN, tempHome } = await import('../helpers/spawn.js');
  const { seedStore } = await import('../helpers/seed.js');
  const { makeSession } = await import('../helpers/factories.js');
  const { home, cleanup } = tempHome();
  try {
    // 120 months in the root's index: state.json (one line, ~110 bytes a month) is larger than
    // the 8 KiB limit below.
    const months = Array.from({ length: 120 }, (_, i) => {
      const start = Date.UTC(2010, i, 10, 9);
      const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
      return makeSession({ id: i + 1, uid: `m${i}`, started_at: iso(start), stopped_at: iso(start + 3_600_000) });
    });
    await seedStore(home, months);
    const before = snapshotDir(home);
    expect(statSync(join(home, 'state.json')).size).toBeGreaterThan(8 * 1024);
    // The file-size limit makes the write stop part way, as a disk filling up may, without an
    // error on that write: only the next one fails, if there is one.
    const env = { PATH: process.env.PATH ?? '', TZ: 'Europe/Paris', STINT_HOME: home, STINT_NOW: '2026-01-15T13:30:00Z', HOME: home };
    const run = spawnSync('bash', ['-c', `ulimit -f 8; trap "" XFSZ; exec "${process.execPath}" "${BIN}" start coding`], {
      env,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^stint: Write failed: /);
    expect(snapshotDir(home)).toEqual(before);
    expect((await stint(['list', '--json'], { home, now: '2026-01-15T13:30:00Z' })).code).toBe(0);
  } finally {
    cleanup();
  }
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { snapshotDir, stint } from '../helpers/spawn.js';

// A real full disk: a tiny tmpfs. Needs mount rights (root on the CI machine); skipped elsewhere.
const mountPoint = mkdtempSync(join(tmpdir(), 'stint-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'ignore' });
  mounted = true;
} catch {
  mounted = false;
}
afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

test.skipIf(!mounted)('a full disk fails the write with exit 1 and keeps the store as it was', async () => {
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
  expect(result.stderr).toMatch(/^stint: Write failed: .*state\.json: .*ENOSPC.*; the previous version was kept\n$/);
  expect(snapshotDir(home)).toEqual(before);
  expect(readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  // Reading still works, and once space is freed, writing does too.
  expect(JSON.parse((await stint(['list', '--json'], { home, now })).stdout).total).toBe(3);
  rmSync(join(mountPoint, 'filler'), { recursive: true });
  expect((await stint(['start', 'one-more'], { home, now })).code).toBe(0);
});

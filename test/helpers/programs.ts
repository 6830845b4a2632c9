import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Tests that need a real program (a shell, tmux, mount rights) skip on a developer's machine
// that lacks it, but never in CI: there `.ci/run` installs them, and a test that silently skips
// proves nothing. With CI=true, a missing program makes its tests run, and fail.

const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Where a program is on PATH, as a shell finds it, or undefined. */
export function which(program: string): string | undefined {
  return spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

/** For `skipIf`: whether tests that need `available` should skip. In CI: never. */
export function skipWithout(available: boolean): boolean {
  return !available && !IN_CI;
}

/**
 * A tiny tmpfs of the test file's own (a real full or read-only disk), unmounted after the file.
 * Needs mount rights: root, as in CI. `mounted` is false elsewhere (pass it to skipWithout).
 */
export function useTmpfs(prefix: string, size = '256k'): { mountPoint: string; mounted: boolean } {
  const mountPoint = mkdtempSync(join(tmpdir(), prefix));
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
  afterAll(() => {
    if (mounted) execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  return { mountPoint, mounted };
}

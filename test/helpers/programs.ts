import { spawnSync } from 'node:child_process';

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

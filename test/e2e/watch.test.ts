import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { skipWithout, which } from '../helpers/programs.js';
import { BIN, stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

// Wherever tmux is installed (Homebrew, nix…): found on PATH as a shell would.
const TMUX = which('tmux');
const STARTED = '2026-01-15T13:00:00Z'; // 14:00 in Paris
const WATCH_FROM = '2026-01-15T13:12:30Z'; // half of the plan

/** A tmux server of its own, its socket in the test's temp folder, so a user's tmux is never touched. */
let socket = '';
const tmux = (...args: string[]) => execFileSync(TMUX as string, ['-S', socket, ...args], { encoding: 'utf8' });
const pane = () => tmux('capture-pane', '-p', '-t', 'watch');
const paneFormat = (format: string) => tmux('display-message', '-p', '-t', 'watch', format).trim();

afterEach(() => {
  if (socket) spawnSync(TMUX as string, ['-S', socket, 'kill-server']);
  socket = '';
});

/** Polls the pane until `ready` holds for its text (tmux draws asynchronously). */
async function waitForPane(ready: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const text = pane();
    if (ready(text)) return text;
    if (Date.now() > deadline) throw new Error(`pane never showed ${what}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `stint <args>` in a 100×20 pseudo-terminal, from a shell that prints a line before it and,
 * after it, its exit code and whether the terminal is back in cooked mode, then stays open so the
 * screen left behind can be read.
 */
function startInTmux(args: string): void {
  socket = join(dirname(home), 'tmux.sock');
  const conf = join(dirname(home), 'tmux.conf');
  writeFileSync(conf, 'set -g remain-on-exit on\n');
  const env = `env HOME=${join(dirname(home), 'home')} STINT_HOME=${home} STINT_NOW=${WATCH_FROM} TZ=Europe/Paris`;
  const script = [
    'echo before the watch',
    `${env} "${process.execPath}" "${BIN}" ${args}`,
    'echo "stint exited $?"',
    "stty -a | grep -q -- ' icanon' && echo cooked || echo raw",
    'exec sleep 60',
  ].join('; ');
  execFileSync(TMUX as string, ['-S', socket, '-f', conf, 'new-session', '-d', '-s', 'watch', '-x', '100', '-y', '20', script]);
}

const clockOf = (text: string) => /writing {2}(\d+:\d\d:\d\d)/.exec(text)?.[1];

describe.skipIf(skipWithout(TMUX !== undefined))('--watch in a real terminal (tmux)', () => {
  test('status --watch redraws with the clock moving; q leaves the screen as it was', async () => {
    expect((await stint(['start', 'writing', '--for', '25m'], { home, now: STARTED })).code).toBe(0);
    startInTmux('status --watch');

    const first = await waitForPane((text) => text.includes('[') && clockOf(text) !== undefined, 'the first frame');
    expect(first).toMatch(/^stint status {2}14:12:3\d {2}q or Ctrl-C to quit$/m);
    expect(first).toMatch(/^ {3}\[█{10}░{10}\] 12:3\d \/ 25:00$/m);
    expect(first).not.toContain('before the watch'); // drawn on the alternate screen
    expect(paneFormat('#{alternate_on} #{cursor_flag}')).toBe('1 0');

    // A frame two seconds of the clock later, whenever a loaded machine gets to draw it: no fixed
    // sleep, which a starved redraw loses (it failed so under a load of 20).
    const seconds = (clock: string | undefined) => Number(clock?.split(':')[2]) + 60 * Number(clock?.split(':')[1]);
    const second = await waitForPane(
      (text) => clockOf(text) !== undefined && seconds(clockOf(text)) - seconds(clockOf(first)) >= 2,
      'a frame two seconds later',
    );
    expect(seconds(clockOf(second)) - seconds(clockOf(first))).toBeGreaterThanOrEqual(2);
    expect(second.split('\n').filter((line) => line.startsWith('stint status'))).toHaveLength(1); // in place, not scrolled

    tmux('send-keys', '-t', 'watch', 'q');
    const after = await waitForPane((text) => text.includes('cooked') || text.includes('raw'), 'the shell after stint');
    expect(after.trim().split('\n')).toEqual(['before the watch', 'stint exited 0', 'cooked']);
    expect(paneFormat('#{alternate_on} #{cursor_flag}')).toBe('0 1');
  }, 15_000);

  test('list --watch ends on Ctrl-C with exit 0 and the terminal restored', async () => {
    expect((await stint(['start', 'writing', '--for', '25m'], { home, now: STARTED })).code).toBe(0);
    startInTmux('list --watch --day');
    const first = await waitForPane((text) => text.includes('#1 writing'), 'the log');
    expect(first).toMatch(/^Today, Thu 15 Jan +0:\d\d:\d\d$/m);
    expect(first).toMatch(/^#1 writing {2}\[/m);

    tmux('send-keys', '-t', 'watch', 'C-c');
    const after = await waitForPane((text) => text.includes('cooked') || text.includes('raw'), 'the shell after stint');
    expect(after.trim().split('\n')).toEqual(['before the watch', 'stint exited 0', 'cooked']);
    expect(paneFormat('#{alternate_on} #{cursor_flag}')).toBe('0 1');
  }, 15_000);

  test('SIGTERM ends it with exit 0 and the terminal restored', async () => {
    startInTmux('status --watch');
    await waitForPane((text) => text.includes('Nothing running'), 'the idle frame');
    const shell = paneFormat('#{pane_pid}');
    const child = execFileSync('ps', ['-o', 'pid=', '--ppid', shell], { encoding: 'utf8' }).trim();
    process.kill(Number(child), 'SIGTERM');
    const after = await waitForPane((text) => text.includes('cooked') || text.includes('raw'), 'the shell after stint');
    expect(after.trim().split('\n')).toEqual(['before the watch', 'stint exited 0', 'cooked']);
    expect(paneFormat('#{alternate_on} #{cursor_flag}')).toBe('0 1');
  }, 15_000);
});

test('--watch with pipes for stdin and stdout is exit 2, and says why', async () => {
  for (const command of ['status', 'list']) {
    const result = await stint([command, '--watch'], { home, now: WATCH_FROM });
    expect(result).toEqual({
      code: 2,
      signal: null,
      stdout: '',
      stderr: `stint: Not a terminal: --watch needs a terminal; use stint ${command} without --watch in scripts\n`,
    });
  }
});

import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';

export const BIN = resolve(import.meta.dirname, '../../bin/stint.js');

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A fresh temporary data directory for every test of the file, removed after it. */
export function useTempHome(receive: (home: string) => void): void {
  let cleanup = () => undefined as void;
  beforeEach(() => {
    const made = tempHome();
    cleanup = made.cleanup;
    receive(made.home);
  });
  afterEach(() => cleanup());
}

/** A fresh, created temporary folder for every test of the file (fixtures, outputs), removed after it. */
export function useWorkDir(prefix: string, receive: (dir: string) => void): void {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    receive(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
}

/** A temporary data directory (not created yet: stint creates it) inside a temp folder. */
export function tempHome(): { home: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'stint-test-'));
  return { home: join(root, 'data'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface SpawnOptions {
  home: string;
  now?: string;
  env?: Record<string, string>;
}

/** The environment a test's stint runs in: a temp STINT_HOME, a HOME it must not write to, STINT_NOW. */
export function stintEnv(options: SpawnOptions): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: join(options.home, 'no-home-writes-here'),
    TZ: 'Europe/Paris',
    STINT_HOME: options.home,
    ...(options.now ? { STINT_NOW: options.now } : {}),
    ...options.env,
  };
}

/**
 * STINT_TEST_SPAWN_LOG=<file>: one line per start of the bin (test file, command), to see which
 * files pay for Node start-ups (`sort | uniq -c`); each costs ~0.2 CPU s. Tests that start the
 * bin some other way (spawnSync, through a shell) call it too, so the count is the whole run's.
 */
export function noteSpawn(args: readonly string[]): void {
  const log = process.env.STINT_TEST_SPAWN_LOG;
  if (log) appendFileSync(log, `${expect.getState().testPath ?? '?'} ${args[0] ?? ''}\n`);
}

/** Starts the built bin as a user's shell would, with a temp STINT_HOME and STINT_NOW. */
export function spawnStint(args: string[], options: SpawnOptions): { child: ChildProcess; done: Promise<Result> } {
  const env = stintEnv(options);
  noteSpawn(args);
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<Result>((resolveDone, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function stint(args: string[], options: SpawnOptions): Promise<Result> {
  return spawnStint(args, options).done;
}

/** Every file under the data directory with its bytes (the lock and V8's code cache aside), to prove nothing changed. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'stint.lock') walk(rel);
      } else if (!/^cache\/v8-.*\.bin$/.test(rel)) {
        // V8's code cache (src/boot.ts) is written by any command, reading ones included: not data.
        out[rel] = readFileSync(join(dir, rel)).toString('base64');
      }
    }
  };
  walk('');
  return out;
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useWorkDir } from '../helpers/spawn.js';

const ROOT = resolve(import.meta.dirname, '../..');

let work = '';
useWorkDir('stint-pack-', (dir) => {
  work = dir;
});

/**
 * npm's environment: none of the caller's npm_* settings (an outer `npm test` sets some), a
 * home, a cache and a prefix inside the test's folder, so neither the user's home nor their npm
 * cache is read or written; the Node under test first on PATH, so the installed bin runs on it
 * (and npm itself, whose bin also starts with `#!/usr/bin/env node`).
 */
function npmEnv(): NodeJS.ProcessEnv {
  // Colour settings too: the run's output is compared as plain text.
  const kept = Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'FORCE_COLOR' && key !== 'NO_COLOR');
  return {
    ...Object.fromEntries(kept),
    HOME: join(work, 'home'),
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_userconfig: join(work, 'home', '.npmrc'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
  };
}

function npm(args: string[], cwd: string): string {
  const run = spawnSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

describe('the published package', () => {
  // The bundle is fresh: the tests' global setup built it, so pack skips the prepare script.
  test('packs with no dependencies, installs offline from an empty cache, and runs', () => {
    mkdirSync(join(work, 'home'));
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    expect(packed!.files.map((f) => f.path).sort()).toEqual([
      'LICENSE',
      'README.md',
      'bin/package.json',
      'bin/stint.js',
      'dist/THIRD-PARTY-LICENSES.txt',
      'dist/boot.cjs',
      'dist/hot.cjs',
      'dist/stint.cjs',
      'package.json',
    ]);

    const prefix = join(work, 'prefix');
    npm(['install', '--global', '--offline', '--prefix', prefix, join(work, packed!.filename)], work);
    const installed = join(prefix, 'lib', 'node_modules', 'stint');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies'])
      expect(manifest[field]).toBeUndefined();
    expect(manifest).toMatchObject({ license: 'MIT', repository: { url: expect.any(String) }, bugs: { url: expect.any(String) } });
    // stint alone was installed: nothing was downloaded, nothing is nested under it.
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['stint']);
    expect(readdirSync(installed)).not.toContain('node_modules');
    expect(readFileSync(join(installed, 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8')).toMatch(/\ncommander \d+\.\d+\.\d+ \(MIT\)\n/);
    // The dashboard's assets ship inside the bundle (embedded at build time): no file to forget, no CDN.
    const bundle = readFileSync(join(installed, 'dist/stint.cjs'), 'utf8');
    for (const marker of ['prefers-color-scheme: dark', 'new EventSource(', '<title>stint</title><circle'])
      expect(bundle).toContain(marker);

    const env = { ...npmEnv(), STINT_HOME: join(work, 'data'), STINT_NOW: '2026-03-02T09:00:00Z', TZ: 'UTC' };
    const stint = (...args: string[]) => spawnSync(join(prefix, 'bin', 'stint'), args, { env, encoding: 'utf8' });
    expect(stint('start', 'coding')).toMatchObject({ status: 0, stdout: 'Started coding (#1) at 09:00.\n', stderr: '' });
    env.STINT_NOW = '2026-03-02T10:30:00Z';
    expect(stint('stop')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Stopped coding \(#1\) after 1h 30m, completed\.\n/) });
    const report = stint('report', '--day', '--json');
    expect(report.status).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ total_seconds: 5400 });
  }, 180_000);
});

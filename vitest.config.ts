import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { SlowFirst } from './test/helpers/sequencer.js';

/**
 * Every temporary store, work folder and install goes under TMPDIR (os.tmpdir()). On Linux it
 * is put in /dev/shm, a tmpfs: there an fsync costs ~0.3 ms against ~7 ms on this machine's
 * disk, and each write command makes several. What the tests prove (renames, locks, files
 * byte for byte, killed writers) is the same on tmpfs; only a power cut could tell, and no test
 * makes one. A TMPDIR set by the caller wins, and a /dev/shm with less than 1 GiB free is not used.
 */
function fastTmp(): string | undefined {
  if (process.env.TMPDIR) return undefined;
  try {
    if (!statSync('/dev/shm').isDirectory()) return undefined;
    accessSync('/dev/shm', constants.W_OK);
    // A container's default /dev/shm is 64 MB: too small for the big stores some tests make.
    const free = statfsSync('/dev/shm');
    return free.bavail * free.bsize >= 2 ** 30 ? '/dev/shm' : undefined;
  } catch {
    return undefined;
  }
}
const TMPDIR = fastTmp();

/**
 * Files that replace modules with vi.mock run in workers of their own: in a shared worker a mock
 * would reach the files after them, and a module another file loaded first would escape it
 * (hot-args' recorders then missed the hot path's handlers, depending on the order of files).
 * lock-lost replaces proper-lockfile; hot-args the status, start and stop handlers.
 */
const ISOLATED = ['test/store/lock-lost.test.ts', 'test/cli/hot-args.test.ts'];

export default defineConfig({
  test: {
    // A fixed zone with DST so local offsets and day boundaries are tested, not assumed.
    env: { TZ: 'Europe/Paris', NO_COLOR: '', FORCE_COLOR: '', ...(TMPDIR ? { TMPDIR } : {}) },
    // The dashboard's stylesheet is imported as text (`?raw`); Vitest empties CSS it does not process.
    css: { include: [/dashboard\.css/] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default on two cores is one worker: the files would run one after another while
    // most of them wait on the processes they spawn.
    maxWorkers: 3,
    sequence: { sequencer: SlowFirst },
    projects: [
      {
        extends: true,
        // Files share their workers' loaded modules (no fresh process and imports per file): the
        // suite's modules keep no state between files, and each test makes its own store.
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ISOLATED,
          isolate: false,
          // The end-to-end tests spawn the built bin: build it once, fresh, before any test runs
          // (declared here only: a root or shared declaration would run once per project).
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A fixed zone with DST so local offsets and day boundaries are tested, not assumed.
    env: { TZ: 'Europe/Paris', NO_COLOR: '', FORCE_COLOR: '' },
    // The dashboard's stylesheet is imported as text (`?raw`); Vitest empties CSS it does not process.
    css: { include: [/dashboard\.css/] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default on two cores is one worker: the files would run one after another while
    // most of them wait on the processes they spawn.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        // Files share their workers' loaded modules (no fresh process and imports per file): the
        // suite's modules keep no state between files, and each test makes its own store.
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ['test/store/lock-lost.test.ts'],
          isolate: false,
          // The end-to-end tests spawn the built bin: build it once, fresh, before any test runs
          // (declared here only: a root or shared declaration would run once per project).
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      // It replaces proper-lockfile with vi.mock, which must not reach the other files.
      { extends: true, test: { name: 'isolated', include: ['test/store/lock-lost.test.ts'] } },
    ],
  },
});

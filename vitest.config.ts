import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end tests spawn the built bin: build it once, fresh, before any test runs.
    globalSetup: ['test/helpers/global-setup.ts'],
    // A fixed zone with DST so local offsets and day boundaries are tested, not assumed.
    env: { TZ: 'Europe/Paris', NO_COLOR: '', FORCE_COLOR: '' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

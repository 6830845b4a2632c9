import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job, JobType } from '../../src/core/jobs.js';
import type { RunContext } from '../../src/jobs/runner.js';
import type { Store } from '../../src/store/store.js';
import { realFiles } from '../../src/cli/deps.js';
import type { Files } from '../../src/jobs/files.js';

/** A job as the store would hold it; the config is used as given (runs check it again). */
export function makeJob(type: JobType, config: Record<string, string>, id = 3): Job {
  return {
    id,
    name: `${type}-job`,
    description: null,
    type,
    schedule: '@daily',
    config,
    enabled: true,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    last_run: null,
    runs: { completed: 0, failed: 0 },
  };
}

/** A fake home (created) holding a data directory (not created), inside a fresh temp folder. */
export function tempPlaces(): { root: string; home: string; dataDir: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'stint-jobs-'));
  const home = join(root, 'home');
  mkdirSync(home);
  return { root, home, dataDir: join(home, '.stint'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function runContext(
  store: Store,
  places: { home: string; dataDir: string },
  now: Date,
  dryRun = false,
  files: Files = realFiles,
): RunContext {
  return { store, now, files, home: places.home, dataDir: places.dataDir, dryRun };
}

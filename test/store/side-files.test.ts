import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createFileStore } from '../../src/store/file-store.js';
import { tempHome } from '../helpers/spawn.js';

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  mkdirSync(home, { recursive: true });
});
afterEach(() => cleanup());

test('a change that changes nothing writes nothing, even when the file does not exist yet', async () => {
  const store = createFileStore(home);
  expect(await store.jobs.update((data) => data.jobs.length)).toBe(0);
  await store.config.update(() => undefined);
  expect(existsSync(join(home, 'jobs.json'))).toBe(false);
  expect(existsSync(join(home, 'config.json'))).toBe(false);
});

test('temporary files a killed writer left beside jobs.json are swept by the next change', async () => {
  writeFileSync(join(home, '.jobs.json.4242.abc.tmp'), '{"half');
  await createFileStore(home).jobs.update((data) => {
    data.next_job_id = 2;
  });
  expect(readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { encodeLegacyFile } from '../../src/store/schema.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((dir) => (home = dir));

test('a version-1 store is upgraded by the first write, the original kept, nothing lost', async () => {
  const v1 = makeData(
    [
      makeSession({ id: 1, task: 'coding', started_at: '2025-11-03T09:00:00Z', stopped_at: '2025-11-03T10:30:00Z' }),
      makeSession({ id: 2, task: 'review', started_at: '2025-12-31T22:00:00Z', stopped_at: '2026-01-01T01:00:00Z', tags: ['x'], note: 'late, "very"' }),
      makeSession({ id: 5, task: 'writing', started_at: '2026-01-15T08:00:00Z', stopped_at: null, status: 'running' }),
    ],
    6,
  );
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'sessions.json'), encodeLegacyFile(v1));
  const original = readFileSync(join(home, 'sessions.json'));
  const now = '2026-01-15T10:00:00Z';
  const before = JSON.parse((await stint(['list', '--json'], { home, now })).stdout);

  // Reading does not migrate.
  expect(existsSync(join(home, 'state.json'))).toBe(false);
  const stopped = await stint(['stop', '--json'], { home, now });
  expect(JSON.parse(stopped.stdout)).toMatchObject({ session_id: 5, status: 'completed', duration_seconds: 7200 });

  expect(existsSync(join(home, 'sessions.json'))).toBe(false);
  expect(readFileSync(join(home, 'sessions.v1.json.bak'))).toEqual(original);
  expect(JSON.parse(readFileSync(join(home, 'state.json'), 'utf8'))).toMatchObject({ version: 2, next_id: 6, active: [] });
  const after = JSON.parse((await stint(['list', '--json'], { home, now })).stdout);
  expect(after.sessions).toEqual(
    before.sessions.map((s: { session_id: number }) =>
      s.session_id === 5 ? expect.objectContaining({ session_id: 5, status: 'completed' }) : s,
    ),
  );
  // The counter carried over: IDs continue after the highest ever given.
  expect(JSON.parse((await stint(['start', 'next', '--json'], { home, now })).stdout).session_id).toBe(6);
});

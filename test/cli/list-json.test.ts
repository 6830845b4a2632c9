import { expect, test } from 'vitest';
import { storeError } from '../../src/core/errors.js';
import type { Session } from '../../src/core/session.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { harnessOn } from '../helpers/in-process.js';
import { makeData } from '../helpers/factories.js';
import { history } from '../helpers/seed.js';

// `list --json` and `--csv` of every match are written out as bytes while the store is scanned
// (src/render/json-bytes.ts), and printed once the scan is done.

const sessions = history(1500); // three months, and more than one 64 KiB chunk of JSON
const now = '2026-01-15T13:30:00Z';

/** A store scanned in batches of 500, which goes wrong at batch `at`: it starts over once, or fails. */
function interrupted(at: number, how: 'start over' | 'fail'): Store {
  const store = createMemoryStore(makeData(sessions));
  return {
    ...store,
    async scan(scope, begin) {
      const all: Session[] = [];
      const result = await store.scan(scope, () => (batch) => void all.push(...batch));
      let visit = begin();
      let again = how === 'start over';
      for (let i = 0; i * 500 < all.length; i += 1) {
        if (i === at && how === 'fail') throw storeError('Store unreadable', 'a month file: not valid JSON');
        if (i === at && again) {
          // What a vanished month file makes the file store do: a fresh visitor, from the start.
          again = false;
          visit = begin();
          i = -1;
          continue;
        }
        visit(all.slice(i * 500, (i + 1) * 500));
      }
      return result;
    },
  };
}

test.each([['--json'], ['--csv']])('list %s: a scan that starts over part way prints each session once', async (flag) => {
  const plain = await harnessOn(createMemoryStore(makeData(sessions)), { now }).run('list', flag);
  const retried = await harnessOn(interrupted(1, 'start over'), { now }).run('list', flag);
  expect(retried).toEqual(plain);
  expect(plain.stdout.length).toBeGreaterThan(65_536);
  if (flag === '--json') expect(JSON.parse(plain.stdout).total).toBe(1500);
});

test.each([['--json'], ['--csv']])('list %s: a month unreadable part way leaves stdout empty, one error line, exit 1', async (flag) => {
  const result = await harnessOn(interrupted(2, 'fail'), { now }).run('list', flag);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain('Store unreadable');
});

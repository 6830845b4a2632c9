import { expect, test } from 'vitest';
import type { TestSpecification, Vitest } from 'vitest/node';
import { SlowFirst } from '../helpers/sequencer.js';

// The suite's file order (vitest.config.ts): end-to-end files first, whether or not Vitest has
// durations from an earlier run (a fresh clone has none, and then orders by size).

const ROOT = '/repo';
const spec = (path: string): TestSpecification =>
  ({
    moduleId: `${ROOT}/${path}`,
    project: { name: 'shared', config: { sequence: { groupOrder: 0 }, isolate: false } },
  }) as unknown as TestSpecification;

function sequencer(durations: Record<string, number> | null, sizes: Record<string, number>): SlowFirst {
  const key = (k: string) => k.replace(/^shared:/, '');
  const cache = {
    getFileTestResults: (k: string) => (durations ? { duration: durations[key(k)] ?? 0, failed: false } : undefined),
    getFileStats: (k: string) => ({ size: sizes[key(k)] ?? 0 }),
  };
  return new SlowFirst({ cache, config: { root: ROOT } } as unknown as Vitest);
}

const FILES = ['test/core/big.test.ts', 'test/e2e/small.test.ts', 'test/cli/mid.test.ts', 'test/e2e/tiny.test.ts'];
const SIZES = {
  'test/core/big.test.ts': 9000,
  'test/cli/mid.test.ts': 5000,
  'test/e2e/small.test.ts': 2000,
  'test/e2e/tiny.test.ts': 1000,
};

test.each([
  ['no durations (a fresh clone): e2e first, each part by size', null, ['small', 'tiny', 'big', 'mid']],
  [
    'durations: e2e first, each part slowest first',
    { 'test/core/big.test.ts': 1, 'test/cli/mid.test.ts': 3, 'test/e2e/small.test.ts': 2, 'test/e2e/tiny.test.ts': 40 },
    ['tiny', 'small', 'mid', 'big'],
  ],
])('%s', async (_name, durations, expected) => {
  const sorted = await sequencer(durations, SIZES).sort(FILES.map(spec));
  expect(sorted.map((s) => s.moduleId.replace(/.*\/(\w+)\.test\.ts$/, '$1'))).toEqual(expected);
});

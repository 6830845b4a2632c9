import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cycles, importGraph, sourceFiles } from './import-graph.js';

const SRC = join(import.meta.dirname, '../../src');

describe('the import graph of src/', () => {
  test('has no cycle', () => {
    expect(cycles(importGraph(SRC)).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  test('the check finds a cycle, type-only imports and import() included', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(
      cycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });
});

/**
 * Side effects come through the seam (Deps), so an in-process test can fix every one: only the
 * edge that builds the real Deps, and the store's own file layer, may touch the environment, the
 * system clock or the file system.
 */
const EDGE = ['cli/deps.ts', 'entry.ts', 'boot.ts'];
const SIDE_EFFECTS: [string, RegExp][] = [
  ['process.env', /process\.env\b/],
  ['new Date()', /new Date\(\)/],
  ['node:fs', /'node:fs(\/promises)?'/],
];

describe('side effects outside the seam', () => {
  const files = sourceFiles(SRC).filter((file) => !EDGE.includes(file) && !file.startsWith('store/'));

  test.each(SIDE_EFFECTS)('no %s outside the edge and src/store', (_name, pattern) => {
    const offenders = files.filter((file) => pattern.test(readFileSync(join(SRC, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

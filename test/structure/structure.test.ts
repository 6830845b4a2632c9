import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cycles, importGraph } from './import-graph.js';

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
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });
});

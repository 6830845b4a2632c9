import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cycles, importGraph, loadedWith, offenders, SIDE_EFFECTS, sourceFiles } from './import-graph.js';

const SRC = join(import.meta.dirname, '../../src');

/**
 * A small src/ on disk that breaks every rule once, next to files that keep them: the checks
 * below run on it exactly as on the real src/, so a check that finds nothing proves something.
 */
const FIXTURE: Record<string, string> = {
  // a → b (type-only) → c → a (dynamic import): one cycle through every kind of import.
  'core/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
  'core/b.ts': "import type { C } from '../cli/c.js';\nexport const b: C = 1;\n",
  'cli/c.ts': "export type C = number;\nexport const load = () => import('../core/a.js');\n",
  // Imports into the cycle, re-exports out of it: no second cycle.
  'render/d.ts': "export { a } from '../core/a.js';\nimport './e.js';\n",
  'render/e.ts': "export const e = 'imports nothing';\n",
  // Forbidden outside the edge and store/, each in its own file.
  'cli/env.ts': 'export const home = process.env.HOME;\n',
  'core/clock.ts': 'export const now = () => new Date();\n',
  'jobs/disk.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'jobs/disk-promises.ts': "export { readFile } from 'node:fs/promises';\n",
  // Allowed: the edge and the store; a Date made from a value; an env that is not process's.
  'cli/deps.ts': "import { readFileSync } from 'node:fs';\nexport const env = process.env;\nexport const now = () => new Date();\n",
  'entry.ts': 'export const env = process.env;\n',
  'store/file.ts': "import { writeFileSync } from 'node:fs';\nexport const home = process.env.STINT_HOME;\n",
  'core/pure.ts': 'export const at = (ms: number) => new Date(ms);\nexport const get = (deps: { env: object }) => deps.env;\n',
};

const fixture = mkdtempSync(join(tmpdir(), 'stint-structure-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));
for (const [file, text] of Object.entries(FIXTURE)) {
  mkdirSync(dirname(join(fixture, file)), { recursive: true });
  writeFileSync(join(fixture, file), text);
}

describe('the import graph of src/', () => {
  test('has no cycle', () => {
    expect(cycles(importGraph(SRC)).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  test('the check finds the cycle in files on disk, type-only imports and import() included', () => {
    const graph = importGraph(fixture);
    expect(graph.get('core/b.ts')).toEqual(['cli/c.ts']);
    expect(graph.get('cli/c.ts')).toEqual(['core/a.ts']);
    expect(graph.get('render/d.ts')).toEqual(['core/a.ts', 'render/e.ts']);
    expect(cycles(graph).map((cycle) => cycle.join(' → '))).toEqual(['cli/c.ts → core/a.ts → core/b.ts → cli/c.ts']);
  });

  test('and none once the cycle is broken', () => {
    const graph = importGraph(fixture);
    graph.set('cli/c.ts', []);
    expect(cycles(graph)).toEqual([]);
  });
});

describe('side effects outside the seam', () => {
  test.each(SIDE_EFFECTS)('no %s outside the edge and src/store', (_name, pattern) => {
    expect(offenders(SRC, pattern)).toEqual([]);
  });

  test.each([
    ['process.env', ['cli/env.ts']],
    ['new Date()', ['core/clock.ts']],
    ['node:fs', ['jobs/disk-promises.ts', 'jobs/disk.ts']],
  ])('the check finds %s in files on disk, and only outside the edge and store/', (name, expected) => {
    const pattern = SIDE_EFFECTS.find(([effect]) => effect === name)?.[1] as RegExp;
    expect(offenders(fixture, pattern)).toEqual(expected);
  });
});

/**
 * V8 parses a regular expression literal when it is evaluated, and a Unicode property class
 * (\p{L}…) costs ~9M instructions to parse: at a module's top level that is paid by every run
 * that loads the module, whether it tests anything or not (issue 13's startup budgets).
 */
const TOP_LEVEL_PROPERTY_CLASS = /^(?:export )?const \w+ = \/.*\\p\{/m;

describe('startup', () => {
  test('no module makes a regular expression with a Unicode property class at its top level', () => {
    const files = sourceFiles(SRC).filter((file) => TOP_LEVEL_PROPERTY_CLASS.test(readFileSync(join(SRC, file), 'utf8')));
    expect(files).toEqual([]);
  });

  test.each([
    ['const TAG = /^[\\p{L}]+$/u;', true],
    ['export const NAME = /[\\p{Cc}]/u;', true],
    ['const TAG = (): RegExp => (tag ??= /^[\\p{L}]+$/u);', false],
    ['  const local = /[\\p{L}]/u;', false],
  ])('the check flags %s: %s', (line, flagged) => {
    expect(TOP_LEVEL_PROPERTY_CLASS.test(`// a module\n${line}\n`)).toBe(flagged);
  });
});

/**
 * Loading node:crypto costs a run tens of millions of instructions (its OpenSSL start): a month
 * report loaded it for the two file names backup.ts took from server-files.ts (+55M, 2.01× its
 * budget). What a startup-budget command loads before it runs must not import it.
 */
const CRYPTO_IMPORT = /from\s*'node:crypto'/;
describe('what the startup-budget commands load', () => {
  // The edge that makes the real store (and so loads the store's modules), the program, the hot
  // path's bundle, and each budget command's handler.
  const starts = [
    'cli/deps.ts',
    'cli/main.ts',
    'hot.ts',
    ...['status', 'start', 'stop', 'list', 'report'].map((name) => `cli/commands/${name}.ts`),
  ];
  test.each(starts)('%s and what it loads import no node:crypto', (start) => {
    const loaded = loadedWith(SRC, start);
    expect(loaded.filter((file) => CRYPTO_IMPORT.test(readFileSync(join(SRC, file), 'utf8')))).toEqual([]);
  });

  // cron-parser (and luxon under it) is for the jobs commands: jobs.json's reader, which checks
  // schedules with it, is loaded by the file store on first use.
  test.each(starts)('%s and what it loads import no cron-parser', (start) => {
    const loaded = loadedWith(SRC, start);
    expect(loaded.filter((file) => /from\s*'cron-parser'/.test(readFileSync(join(SRC, file), 'utf8')))).toEqual([]);
  });

  test('the edge loads the file store and its backup, where the import was', () => {
    expect(loadedWith(SRC, 'cli/deps.ts')).toEqual(expect.arrayContaining(['store/file-store.ts', 'store/backup.ts']));
  });

  test('the check follows static imports, not type-only ones (erased) nor import() (run when reached)', () => {
    expect(loadedWith(fixture, 'render/d.ts')).toEqual(['core/a.ts', 'core/b.ts', 'render/d.ts', 'render/e.ts']);
    expect(loadedWith(fixture, 'cli/c.ts')).toEqual(['cli/c.ts']);
  });
});

test('a test file that replaces modules with vi.mock runs isolated (vitest.config.ts ISOLATED)', () => {
  const root = join(import.meta.dirname, '..', '..');
  const config = readFileSync(join(root, 'vitest.config.ts'), 'utf8');
  const listed = config.match(/const ISOLATED = \[([^\]]*)\]/)?.[1] ?? '';
  const mocking = readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .filter((file) => /\bvi\.mock\(/.test(readFileSync(join(root, 'test', file), 'utf8')))
    .map((file) => `test/${file}`);
  expect(mocking.length).toBeGreaterThan(0);
  for (const file of mocking) expect(listed).toContain(`'${file}'`);
});

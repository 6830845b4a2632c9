import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every .ts file under `root`, as paths relative to it. */
export function sourceFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, path);
    return entry.name.endsWith('.ts') ? [relative(root, path)] : [];
  });
}

// Static imports and re-exports, type-only ones included (a type in the wrong file is a cycle
// too), imports for their side effects only (import './x.js'), and dynamic import() of a
// relative path.
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'(\.[^']+)'|(?:^|\n)\s*import\s*'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;

/** The relative imports of each file under `root`: file → the files it imports. */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => {
      const spec = (m[1] ?? m[2] ?? m[3]) as string;
      return relative(root, resolve(root, dirname(file), spec.replace(/\.js$/, '.ts')));
    });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The cycles in the graph, each as the files around it (first one repeated at the end). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

/**
 * Side effects come through the seam (Deps), so an in-process test can fix every one: only the
 * edge that builds the real Deps, and the store's own file layer, may touch the environment, the
 * system clock or the file system.
 */
export const EDGE = ['cli/deps.ts', 'entry.ts', 'boot.ts'];
export const SIDE_EFFECTS: [string, RegExp][] = [
  ['process.env', /process\.env\b/],
  ['new Date()', /new Date\(\)/],
  ['node:fs', /'node:fs(\/promises)?'/],
];

/** The files under `root`, outside the edge and store/, whose text matches `pattern`. */
export function offenders(root: string, pattern: RegExp): string[] {
  return sourceFiles(root)
    .filter((file) => !EDGE.includes(file) && !file.startsWith('store/'))
    .filter((file) => pattern.test(readFileSync(join(root, file), 'utf8')))
    .sort();
}

// Static imports that stay in the build: not a dynamic import() (it runs when reached, not when
// its module loads), not a type-only one (erased), not an asset (`?raw`, text in the bundle).
const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\b(?!\s+type\b)[^'"]*?from\s*'(\.[^'?]+)'|(?:^|\n)\s*import\s*'(\.[^'?]+)'/g;

/** `start` and every file it loads with it: its static imports, and theirs, under `root`. */
export function loadedWith(root: string, start: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) {
      visit(relative(root, resolve(root, dirname(file), ((m[1] ?? m[2]) as string).replace(/\.js$/, '.ts'))));
    }
  };
  visit(start);
  return [...seen].sort();
}

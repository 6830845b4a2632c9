import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { bundledPackages, packageFolder, thirdPartyLicences } from '../../scripts/licences.mjs';
import { useWorkDir } from '../helpers/spawn.js';

/** A metafile whose one output holds these inputs with these byte counts. */
function metafile(inputs: Record<string, number>): Metafile {
  const entries = Object.entries(inputs).map(([path, bytesInOutput]) => [path, { bytesInOutput }]);
  return {
    inputs: {},
    outputs: { 'dist/out.cjs': { bytes: 1, inputs: Object.fromEntries(entries), imports: [], exports: [] } },
  } as Metafile;
}

function writePackage(root: string, folder: string, manifest: object, files: Record<string, string>): void {
  mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, folder, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, folder, name), text);
}

describe('packageFolder', () => {
  test.each([
    ['node_modules/chalk/source/index.js', 'node_modules/chalk'],
    ['node_modules/@colors/colors/lib/index.js', 'node_modules/@colors/colors'],
    ['node_modules/a/node_modules/b/index.js', 'node_modules/a/node_modules/b'],
    ['src/cli/main.ts', undefined],
    ['stint-defer:deferred-child-process', undefined],
  ])('%s is in %s', (input, folder) => {
    expect(packageFolder(input)).toBe(folder);
  });
});

describe('bundledPackages', () => {
  test('lists each package that put bytes into the output once; tree-shaken ones are left out', () => {
    const meta = metafile({
      'src/entry.ts': 100,
      'node_modules/b/index.js': 10,
      'node_modules/b/lib/more.js': 5,
      'node_modules/a/index.js': 7,
      'node_modules/shaken/index.js': 0,
    });
    expect(bundledPackages(meta, 'dist/out.cjs')).toEqual(['node_modules/a', 'node_modules/b']);
  });

  test('an output the build did not make is an error, not an empty list', () => {
    expect(() => bundledPackages(metafile({}), 'dist/other.cjs')).toThrow('dist/other.cjs');
  });
});

describe('thirdPartyLicences', () => {
  let root = '';
  useWorkDir('stint-licences-', (dir) => {
    root = dir;
  });

  test("copies each bundled package's own licence text under its name, version and licence", () => {
    writePackage(root, 'node_modules/zeta', { name: 'zeta', version: '1.2.3', license: 'MIT' }, { LICENSE: 'Zeta licence text\n' });
    writePackage(
      root,
      'node_modules/@s/alpha',
      { name: '@s/alpha', version: '0.1.0', license: 'ISC' },
      { 'LICENSE.txt': 'Alpha ISC text' },
    );
    writePackage(
      root,
      'node_modules/zeta/node_modules/inner',
      { name: 'inner', version: '2.0.0', license: 'MIT' },
      { licence: 'Inner text' },
    );
    writePackage(root, 'node_modules/unused', { name: 'unused', version: '9.9.9', license: 'MIT' }, { LICENSE: 'never shipped' });
    const text = thirdPartyLicences(
      metafile({
        'node_modules/zeta/index.js': 3,
        'node_modules/@s/alpha/index.js': 3,
        'node_modules/zeta/node_modules/inner/x.js': 3,
        'node_modules/unused/index.js': 0,
      }),
      'dist/out.cjs',
      root,
    );
    expect(text).toContain('bundled into dist/out.cjs: 3 packages');
    const order = ['@s/alpha 0.1.0 (ISC)', 'Alpha ISC text', 'inner 2.0.0 (MIT)', 'Inner text', 'zeta 1.2.3 (MIT)', 'Zeta licence text'];
    const positions = order.map((line) => text.indexOf(line));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(text).not.toContain('unused');
  });

  test('a bundled package without a licence file stops the build', () => {
    writePackage(root, 'node_modules/bare', { name: 'bare', version: '1.0.0', license: 'MIT' }, { 'README.md': 'no licence here' });
    expect(() => thirdPartyLicences(metafile({ 'node_modules/bare/index.js': 1 }), 'dist/out.cjs', root)).toThrow(/bare: no licence file/);
  });
});

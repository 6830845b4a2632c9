import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readInput as readText, removeFile } from '../../src/store/atomic-file.js';
import { BIN, useWorkDir } from '../helpers/spawn.js';

// What `import` reads: strictly UTF-8, never without end.
let dir = '';
useWorkDir('stint-files-', (made) => (dir = made));

describe('readText', () => {
  test('an endless input stops at the limit with one clear error', () => {
    expect(() => readText('/dev/zero', 4096)).toThrow(expect.objectContaining({ code: 'invalid_input', title: 'Input too large' }));
  });

  test('exactly the limit is still read', () => {
    writeFileSync(join(dir, 'full'), 'x'.repeat(4096));
    expect(readText(join(dir, 'full'), 4096)).toHaveLength(4096);
  });

  test('bytes that are not UTF-8 are refused, not replaced', () => {
    writeFileSync(join(dir, 'latin1'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    expect(() => readText(join(dir, 'latin1'))).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('is not UTF-8 text') }),
    );
  });

  test('a byte-order mark is dropped; any script stays', () => {
    writeFileSync(join(dir, 'bom'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('écriture,日本語\n')]));
    expect(readText(join(dir, 'bom'))).toBe('écriture,日本語\n');
  });

  test('standard input, through the built bin', () => {
    const frames = JSON.stringify([[1768467600, 1768471200, 'coding', 'f1', [], 1768471200]]);
    const run = spawnSync(process.execPath, [BIN, 'import', '-', '--json'], {
      input: frames,
      env: { ...process.env, STINT_HOME: join(dir, 'home'), STINT_NOW: '2026-01-20T12:00:00Z' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ imported: 1, formats: ['watson'] });
  });
});

describe('removeFile', () => {
  test('removes a file, and a file already gone is not an error', () => {
    const file = join(dir, 'gone');
    writeFileSync(file, 'x');
    removeFile(file);
    expect(existsSync(file)).toBe(false);
    expect(() => removeFile(file)).not.toThrow();
  });

  test('anything else (a directory) is an error naming the path, and nothing is removed', () => {
    mkdirSync(join(dir, 'folder'));
    expect(() => removeFile(join(dir, 'folder'))).toThrow(expect.objectContaining({ path: join(dir, 'folder') }));
    expect(existsSync(join(dir, 'folder'))).toBe(true);
  });
});

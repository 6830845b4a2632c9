import { dirname } from 'node:path';
import { notFound } from '../../src/core/errors.js';
import type { Files } from '../../src/jobs/files.js';

const enoent = (path: string) => Object.assign(new Error(`ENOENT: no such file, ${path}`), { code: 'ENOENT' });

/**
 * Files held in a map (path → text, and `mtimes` path → modification time), directories implied
 * by the paths in it and any made: what a command or job sees through Deps, with no disk.
 */
export function memoryFiles(files = new Map<string, string>(), mtimes = new Map<string, number>()): Files {
  const dirs = new Set<string>();
  const isDir = (path: string) => dirs.has(path) || [...files.keys()].some((file) => file.startsWith(`${path}/`));
  return {
    read(path) {
      const text = files.get(path);
      if (text === undefined) throw notFound('File not found', `No file ${path}`);
      return text;
    },
    write(path, chunks) {
      files.set(path, [...chunks].join(''));
    },
    info(path) {
      const text = files.get(path);
      if (text !== undefined) return { kind: 'file', size: text.length, modifiedMs: mtimes.get(path) ?? 0 };
      return isDir(path) ? { kind: 'directory', size: 0, modifiedMs: 0 } : null;
    },
    list(dir) {
      if (!isDir(dir)) throw enoent(dir);
      const names = [...files.keys(), ...dirs].filter((p) => dirname(p) === dir).map((p) => p.slice(dir.length + 1));
      return [...new Set(names)];
    },
    readText(path) {
      const text = files.get(path);
      if (text === undefined) throw enoent(path);
      return text;
    },
    writeText(path, text) {
      files.set(path, text);
    },
    makeDir(path) {
      for (let p = path; p !== dirname(p); p = dirname(p)) dirs.add(p);
    },
    removeFile(path) {
      if (!files.delete(path)) throw enoent(path);
    },
    removeTree(path) {
      for (const file of files.keys()) if (file === path || file.startsWith(`${path}/`)) files.delete(file);
      for (const dir of dirs) if (dir === path || dir.startsWith(`${path}/`)) dirs.delete(dir);
    },
  };
}

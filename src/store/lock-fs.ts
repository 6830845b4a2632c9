import { mkdirSync, realpathSync, rmdirSync, statSync, utimesSync } from 'node:fs';

type Callback<T> = (error: NodeJS.ErrnoException | null, value?: T) => void;

function settle<T>(callback: Callback<T>, call: () => T): void {
  let value: T | undefined;
  let failure: NodeJS.ErrnoException | null = null;
  try {
    value = call();
  } catch (error) {
    failure = error as NodeJS.ErrnoException;
  }
  process.nextTick(() => callback(failure, value));
}

/**
 * The file calls proper-lockfile makes, answered by synchronous calls. Each takes microseconds
 * on a local disk, and the callback versions start libuv's thread pool, which alone was a
 * measurable share of a `stint start`.
 */
export const lockFs = {
  mkdir: (path: string, callback: Callback<void>) => settle(callback, () => void mkdirSync(path)),
  rmdir: (path: string, callback: Callback<void>) => settle(callback, () => rmdirSync(path)),
  rmdirSync: (path: string) => rmdirSync(path),
  stat: (path: string, callback: Callback<ReturnType<typeof statSync>>) => settle(callback, () => statSync(path)),
  utimes: (path: string, atime: Date, mtime: Date, callback: Callback<void>) => settle(callback, () => utimesSync(path, atime, mtime)),
  realpath: (path: string, callback: Callback<string>) => settle(callback, () => realpathSync(path)),
};

import { join } from 'node:path';
import { expect, test } from 'vitest';
import { execProgram, realFiles } from '../../src/cli/deps.js';
import { failureText } from '../../src/cli/errors.js';
import type { Files } from '../../src/jobs/files.js';
import { createFileStore } from '../../src/store/file-store.js';
import { runSync } from '../../src/sync/run.js';
import { harnessOn } from '../helpers/in-process.js';
import { useWorkDir } from '../helpers/spawn.js';

// A sync that fails says why, in `sync status` too, whatever failed (not only stint's own store
// errors); the changes it could not send go with the next sync, and are counted there.

let work = '';
useWorkDir('stint-sync-failures-', (dir) => (work = dir));

const NOW = '2026-03-02T10:00:00Z';

/** The files, but writing into this device's log is not permitted (as `chattr +i` on it does). */
const lockedLog = (device: string): Files => ({
  ...realFiles,
  writeText(path, text) {
    if (path.includes(join('devices', device, 'log'))) {
      throw Object.assign(new Error(`EPERM: operation not permitted, open '${path}'`), { code: 'EPERM', syscall: 'open', path });
    }
    realFiles.writeText(path, text);
  },
});

function device(name: string) {
  const home = join(work, name);
  const store = createFileStore(home);
  const h = harnessOn(store, { now: NOW, realFiles: true, uidPrefix: name });
  const sync = (files: Files = realFiles) =>
    runSync({
      store,
      files,
      exec: execProgram,
      env: {},
      dataDir: home,
      now: () => new Date(NOW),
      newUid: () => `${name}-n`,
      describe: failureText,
    });
  return { h, store, sync };
}

test('a sync failing on a system error (EPERM) records it as the last error; the retry counts what it sends', async () => {
  const shared = join(work, 'shared');
  const [a, b] = [device('a'), device('b')];
  expect((await a.h.run('sync', '--folder', shared, '--device', 'a')).code).toBe(0);
  expect((await b.h.run('sync', '--folder', shared, '--device', 'b')).code).toBe(0);
  await a.h.run('add', 'meeting', '--from', '2026-03-01T09:00:00Z', '--to', '2026-03-01T10:00:00Z');
  await expect(a.sync(lockedLog('a'))).rejects.toMatchObject({ code: 'EPERM' });
  const status = JSON.parse((await a.h.run('sync', 'status', '--json')).stdout);
  expect(status.last_error).toEqual({
    at: NOW,
    message: expect.stringMatching(/^Operation not permitted: cannot open .*devices\/a\/log\/.*\.json \(EPERM\)$/),
    hint: 'check that the folder is there and writable, then run stint sync again',
  });
  expect(status.unsent).toBe(1);
  expect((await a.h.run('sync', 'status')).stdout).toMatch(/^Last error {2}.*Operation not permitted: cannot open /m);
  // The retry sends the change the failed sync could not: it says so, and b receives it.
  expect(await a.sync()).toMatchObject({ sent: 1, received: 0 });
  expect(JSON.parse((await a.h.run('sync', 'status', '--json')).stdout)).toMatchObject({ unsent: 0, last_error: null });
  expect(await b.sync()).toMatchObject({ sent: 0, received: 1, added: 1 });
});

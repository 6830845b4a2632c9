import { hostname, userInfo } from 'node:os';
import { expect, test } from 'vitest';
import { hostName, nodeOs } from '../../src/store/node-os.js';

// The lock names its holder's host with hostName() (src/store/lock-fs.ts); a stint that names it
// with os.hostname() (an older one, or another platform) must read the same name, or a live
// holder would be taken for one on another machine.
test('hostName is the name os.hostname() gives', () => {
  expect(hostName()).toBe(hostname());
  expect(hostName()).not.toMatch(/\n/);
});

test('nodeOs is node:os', () => {
  expect(nodeOs().userInfo().homedir).toBe(userInfo().homedir);
});

import { expect, test } from 'vitest';
import { reasonOf } from '../../src/sync/transport.js';

// An unreachable remote is reported with git's own reason (SPEC): the line that says why must survive.
test.each([
  [
    'ssh: Could not resolve hostname nohost.invalid: Name or service not known\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n',
    'ssh: Could not resolve hostname nohost.invalid: Name or service not known; fatal: Could not read from remote repository.; Please make sure you have the correct access rights; and the repository exists.',
  ],
  ["fatal: repository '/x.git' does not exist\n", "fatal: repository '/x.git' does not exist"],
  ['  \n\n', 'exit 128'],
])('git stderr %j reads as %j', (stderr, reason) => {
  expect(reasonOf({ code: 128, stdout: '', stderr })).toBe(reason);
});

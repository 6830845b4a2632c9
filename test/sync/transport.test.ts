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

test("a rebase's conflict is named (git prints it on stdout), its hints to go on by hand are not", () => {
  const rebase = {
    code: 1,
    stdout: 'Auto-merging devices/b/log/x.json\nCONFLICT (add/add): Merge conflict in devices/b/log/x.json\n',
    stderr:
      'error: could not apply 44af3f9... stint: b\nhint: Resolve all conflicts manually, mark them as resolved with\nhint: "git add/rm <conflicted_files>", then run "git rebase --continue".\nhint: You can instead skip this commit: run "git rebase --skip".\nhint: To abort and get back to the state before "git rebase", run "git rebase --abort".\nCould not apply 44af3f9... stint: b\n',
  };
  expect(reasonOf(rebase)).toBe(
    'CONFLICT (add/add): Merge conflict in devices/b/log/x.json; error: could not apply 44af3f9... stint: b; Could not apply 44af3f9... stint: b',
  );
});

import type { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { harness } from '../helpers/in-process.js';

/** Every visible command, as the words a user types: ['jobs', 'add'], ['status'] … */
function commandPaths(): string[][] {
  const program = buildProgram('0.0.0', async () => undefined, { writeOut: () => undefined, writeErr: () => undefined });
  const paths: string[][] = [];
  const walk = (command: Command, path: string[]) => {
    for (const sub of command.commands) {
      if ((sub as Command & { _hidden?: boolean })._hidden) continue;
      const next = [...path, sub.name()];
      paths.push(next);
      walk(sub, next);
    }
  };
  walk(program, []);
  return paths;
}

describe('help', () => {
  const paths = commandPaths();

  test('covers every command, nested ones included', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['start', 'jobs add', 'config set', 'completion', 'prompt']));
  });

  test.each(paths.map((p) => [p.join(' '), p]))('%s --help has a usage example', async (_name, path) => {
    const { code, stdout } = await harness().run(...(path as string[]), '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nExamples?:\n {2}stint /);
  });

  test.each([
    [['stauts'], "stint: Invalid usage: unknown command 'stauts' (Did you mean one of stats, status?)\n"],
    [['list', '--limt', '3'], "stint: Invalid usage: unknown option '--limt' (Did you mean --limit?)\n"],
    [['jobs', 'ad'], "stint: Invalid usage: unknown command 'ad' (Did you mean add?)\n"],
    [['status', '--jsn'], "stint: Invalid usage: unknown option '--jsn' (Did you mean --json?)\n"],
    [['report', '--week', '--byy', 'day'], "stint: Invalid usage: unknown option '--byy' (Did you mean --by?)\n"],
    // commander suggests for long options only: a short one gets the options of its letter.
    [['-v'], "stint: Invalid usage: unknown option '-v' (Did you mean --version?)\n"],
    [['status', '-s'], "stint: Invalid usage: unknown option '-s' (Did you mean --short?)\n"],
    [['status', '-H'], "stint: Invalid usage: unknown option '-H' (Did you mean --help?)\n"],
    [['list', '-t', 'x'], "stint: Invalid usage: unknown option '-t' (Did you mean one of --tag, --task, --to?)\n"],
    [['status', '-v'], "stint: Invalid usage: unknown option '-v'\n"],
    // A mistyped required option is reported as mistyped, not as the required one missing.
    [['add', 'coding', '--form', '09:00', '--to', '10:00'], "stint: Invalid usage: unknown option '--form' (Did you mean --from?)\n"],
    [
      ['add', 'coding', '--to', '10:00', '--json', '--frm', '9:00'],
      '{"error":"Invalid usage","message":"unknown option \'--frm\' (Did you mean --from?)"}\n',
    ],
    [['jobs', 'add', 'x', '--type', 'backup', '--crn', '@daily'], "stint: Invalid usage: unknown option '--crn' (Did you mean --cron?)\n"],
    [
      ['add', 'coding', '--json', '--to', '10:00'],
      '{"error":"Invalid usage","message":"required option \'--from <time>\' not specified"}\n',
    ],
  ])('a mistyped %j suggests the closest, exit 2', async (argv, stderr) => {
    expect(await harness().run(...argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  test('--version prints the version', async () => {
    const { code, stdout } = await harness().run('--version');
    expect([code, stdout]).toEqual([0, expect.stringMatching(/^\d+\.\d+\.\d+\n$/)]);
  });
});

describe('stint alone', () => {
  test('shows the status, then the commands that make sense now', async () => {
    const h = harness({ now: '2026-01-15T13:30:00Z' });
    expect((await h.run()).stdout).toBe(
      'Nothing running. Start a timer with: stint start <task>\n\nNext: stint start <task> · stint start <task> --for 25m · stint report --week · stint stats · stint --help\n',
    );
    await h.run('start', 'coding');
    expect((await h.run()).stdout).toMatch(
      /^▶ #1 coding {2}0:00:00 {2}since 14:30\n\nNext: stint stop · stint pause · stint status --watch · stint report · stint --help\n$/,
    );
    await h.run('pause');
    expect((await h.run()).stdout).toMatch(/\nNext: stint resume · stint stop/);
    // `stint status` itself stays as it was, for scripts.
    expect((await h.run('status')).stdout).not.toMatch(/Next:/);
  });
});

describe('groups and bare flags', () => {
  // Invalid usage is exit 2 (SPEC, Errors); these asserted 1, commander's own code for it.
  test('a group without its subcommand shows its help on stderr and exits 2 (invalid usage), not 0', async () => {
    const result = await harness().run('jobs');
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^Usage: stint jobs/);
  });

  test.each([['jobs'], ['config']])('%s --json without its subcommand: exit 2, one JSON error line, no help', async (group) => {
    const result = await harness().run(group, '--json');
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr.endsWith('\n') && !result.stderr.slice(0, -1).includes('\n')).toBe(true);
    expect(JSON.parse(result.stderr)).toEqual({
      error: 'Invalid usage',
      message: expect.stringMatching(new RegExp(`^missing command: stint ${group} (list|add)`)),
    });
  });

  test.each([['--version'], ['-V']])('%s --json prints the version as JSON', async (flag) => {
    const result = await harness().run(flag, '--json');
    expect([result.code, result.stderr, JSON.parse(result.stdout)]).toEqual([0, '', { version: expect.stringMatching(/^\d+\.\d+\.\d+/) }]);
    expect((await harness().run(flag)).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test('stint --json alone is the status as JSON', async () => {
    const { code, stdout } = await harness().run('--json');
    expect([code, JSON.parse(stdout)]).toEqual([0, { sessions: [], total: 0, warnings: [], focus: null }]);
  });
});

describe('asking for help', () => {
  test('the top-level help ends with examples and the environment variables', async () => {
    const { code, stdout } = await harness().run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nExamples:\n {2}stint start coding /);
    expect(stdout).toMatch(/\n {2}npx stint status /);
    for (const variable of ['STINT_HOME', 'STINT_NOW', 'NO_COLOR', 'FORCE_COLOR'])
      expect(stdout).toMatch(new RegExp(`\\n {2}${variable} +\\S`));
    // The examples are the top level's own, not repeated under every command.
    expect((await harness().run('start', '--help')).stdout).not.toMatch(/Environment:/);
  });

  test.each([
    [
      ['help', 'jobs', 'add'],
      ['jobs', 'add', '--help'],
    ],
    [
      ['help', 'start'],
      ['start', '--help'],
    ],
    [['help'], ['--help']],
  ])('%j shows what %j shows, exit 0', async (asked, same) => {
    const result = await harness().run(...asked);
    expect(result).toEqual({ ...(await harness().run(...same)), code: 0 });
    expect(result.stdout).toMatch(/^Usage: stint/);
  });

  test("help for a subcommand is that subcommand's, not its group's", async () => {
    expect((await harness().run('help', 'jobs', 'add')).stdout).toMatch(/^Usage: stint jobs add \[options\] <name>\n/);
  });

  test.each([
    [['foo', '--help'], "unknown command 'foo'"],
    [['foo', '-h'], "unknown command 'foo'"],
    [['help', 'foo'], "unknown command 'foo'"],
    [['help', 'jobs', 'foo'], "unknown command 'foo'"],
    [['jobs', 'help', 'foo'], "unknown command 'foo'"],
    [['help', 'stauts'], "unknown command 'stauts' (Did you mean one of stats, status?)"],
    [['stauts', '--help'], "unknown command 'stauts' (Did you mean one of stats, status?)"],
    [['jobs', 'ad', '--help'], "unknown command 'ad' (Did you mean add?)"],
  ])('%j is an unknown command, exit 2, not the top-level help', async (argv, message) => {
    expect(await harness().run(...argv)).toEqual({ code: 2, stdout: '', stderr: `stint: Invalid usage: ${message}\n` });
  });

  test.each([[['help', 'foo', '--json']], [['--json', 'help', 'foo']], [['--json', 'jobs', 'help', 'foo']]])(
    '%j is one JSON error line on stderr, exit 2',
    async (argv) => {
      expect(await harness().run(...argv)).toEqual({
        code: 2,
        stdout: '',
        stderr: '{"error":"Invalid usage","message":"unknown command \'foo\'"}\n',
      });
    },
  );

  test("--help after a command's argument is still that command's help", async () => {
    expect((await harness().run('start', 'foo', '--help')).stdout).toMatch(/^Usage: stint start /);
  });
});

import type { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { invokedCommand } from '../../src/cli/main.js';
import { buildProgram } from '../../src/cli/program.js';
import { harness } from '../helpers/in-process.js';

// A run that names its command builds that command alone (startup: see program-one.ts). These
// tests hold the one-command program to the whole tree: the same command, the same options,
// the same help, and the whole tree wherever a run needs more than one command.

const quiet = { writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined };
const build = (only?: string) => buildProgram('0.0.0', async () => undefined, quiet, only);

/** A command and everything under it, as help prints it: names, arguments, options, defaults. */
function described(command: Command): string[] {
  return [command.helpInformation(), ...command.commands.flatMap((sub) => described(sub))];
}

describe('invokedCommand', () => {
  test.each<[string[], string | undefined]>([
    [['status'], 'status'],
    [['start', 'coding', '--for', '25m'], 'start'],
    [['--json', 'list', '--week'], 'list'],
    [['jobs', 'add', 'x'], 'jobs'],
    [['ls'], 'ls'],
    [['start', 'help'], 'start'],
    [['--version'], undefined],
    [['--json'], undefined],
    [['help', 'start'], undefined],
    [['start', '--help'], undefined],
    [['jobs', 'add', '-h'], undefined],
    [['completion', 'bash'], undefined],
  ])('%j builds %s', (args, expected) => {
    expect(invokedCommand(args)).toBe(expected);
  });
});

describe('the one-command program', () => {
  const whole = build();
  const names = whole.commands.map((c) => c.name());

  test('the whole tree has every command', () => {
    expect(names).toEqual(expect.arrayContaining(['start', 'stop', 'status', 'list', 'report', 'config', 'jobs', 'completion']));
  });

  test.each(names)('%s: the same command, options and help as in the whole tree', (name) => {
    const one = build(name);
    expect(one.commands.map((c) => c.name())).toEqual([name]);
    const full = whole.commands.find((c) => c.name() === name) as Command;
    expect(described(one.commands[0] as Command)).toEqual(described(full));
    expect(one.options.map((o) => o.flags)).toEqual(whole.options.map((o) => o.flags));
  });

  test('an unknown name declares nothing (main.ts then builds the whole tree)', () => {
    expect(build('nope').commands).toEqual([]);
  });
});

describe('runs that need the whole tree', () => {
  test.each([
    [['ls'], 'No sessions yet'],
    [['--help'], 'completion'],
    [['help'], 'badges'],
  ])('%j', async (argv, expected) => {
    const { code, stdout } = await harness().run(...argv);
    expect(code).toBe(0);
    expect(stdout).toContain(expected);
  });

  test('an unknown command still gets its suggestion', async () => {
    expect(await harness().run('stauts')).toEqual({
      code: 2,
      stdout: '',
      stderr: "stint: Invalid usage: unknown command 'stauts' (Did you mean one of stats, status?)\n",
    });
  });
});

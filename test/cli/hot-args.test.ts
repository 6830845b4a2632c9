import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { hotArgs } from '../../src/cli/hot-args.js';
import { harness } from '../helpers/in-process.js';

// The hot path (dist/hot.cjs) reads argv without commander. These tests hold the two parsers
// together: for every argv hot-args accepts, the handler gets exactly what commander's program
// hands it (options, defaults, --json), and a failure is the same line and exit code. The
// handlers are replaced by recorders, so only the parsing is compared (test/cli/hot.test.ts runs
// the real ones).

interface Call {
  command: string;
  options: unknown;
  json: boolean;
}
const { calls, recorder } = vi.hoisted(() => {
  const made: Call[] = [];
  return {
    calls: made,
    recorder: (command: string) => async (options: unknown, ctx: { json: boolean }) => {
      made.push({ command, options, json: ctx.json });
      return 0;
    },
  };
});
vi.mock('../../src/cli/commands/status.js', () => ({ status: recorder('status') }));
vi.mock('../../src/cli/commands/start.js', () => ({ start: recorder('start') }));
vi.mock('../../src/cli/commands/stop.js', () => ({ stop: recorder('stop') }));

/** What a run hands its handler, and what it prints and returns, through `run` or through the hot path. */
async function handed(hot: boolean, argv: string[]) {
  calls.length = 0;
  const h = harness();
  const result = hot ? await h.runHot(...argv) : await h.run(...argv);
  return { ...result, calls: [...calls] };
}

async function expectAgreement(argv: string[]) {
  const viaCommander = await handed(false, argv);
  expect(await handed(true, argv)).toStrictEqual(viaCommander);
  return viaCommander;
}

const ACCEPTED: string[][] = [
  [],
  ['--json'],
  ['status'],
  ['status', '--json'],
  ['--json', 'status'],
  ['status', '--short'],
  ['status', '--short', '--json'],
  ['status', '--next'],
  ['start', 'coding'],
  ['start', 'coding', '--json'],
  ['--json', 'start', 'coding'],
  ['start', '--json', 'coding'],
  ['start', 'coding', '--switch'],
  ['start', 'coding', '--tag', 'work'],
  ['start', 'coding', '--tag', 'work', '--tag', 'urgent', '--tag', 'work'],
  ['start', '--tag', 'work', 'coding', '--note', 'a note with spaces'],
  ['start', 'coding', '--at', '14:30', '--switch', '--json'],
  ['start', 'coding', '--note', ''],
  ['start', 'help'],
  ['start', 'bad name!'],
  ['stop'],
  ['stop', '--json'],
  ['stop', '3'],
  ['stop', '3', '--as', 'partial'],
  ['stop', '--as', 'abandoned', '--at', '15m ago'],
  ['stop', '--all'],
  ['stop', '--all', '--json', '--as', 'completed'],
  // Parsed alike, refused alike: the ID's parser throws in both.
  ['stop', 'abc'],
  ['stop', '0', '--json'],
];

describe('the hot path reads argv as commander does', () => {
  test.each(ACCEPTED.map((argv) => [argv.join(' ') || '(no arguments)', argv]))('%s', async (_name, argv) => {
    expect(hotArgs(argv)).toBeDefined();
    const result = await expectAgreement(argv);
    // Each reached its handler, or failed as a session ID's parser does.
    expect(result.calls.length + (result.code === 2 ? 1 : 0)).toBe(1);
  });

  test('defaults included: stop hands the handler as completed and no ID', async () => {
    expect((await handed(true, ['stop'])).calls).toStrictEqual([
      { command: 'stop', options: { as: 'completed', id: undefined }, json: false },
    ]);
  });

  test.each([
    ['a help flag', ['status', '-h']],
    ['--help', ['start', 'coding', '--help']],
    ['help', ['help', 'status']],
    ['--version', ['--version']],
    ['the live view', ['status', '--watch']],
    ['an option the hot path leaves to commander', ['start', 'coding', '--for', '25m']],
    ['an unknown option', ['stop', '--everything']],
    ['--option=value', ['start', 'coding', '--tag=work']],
    ['a value that looks like an option', ['start', 'coding', '--note', '-x']],
    ['a missing value', ['stop', '--at']],
    ['a value outside the choices', ['stop', '--as', 'done']],
    ['an option given twice', ['stop', '--at', '10:00', '--at', '11:00']],
    ['a flag given twice', ['status', '--short', '--short']],
    ['--json twice', ['--json', '--json']],
    ['--', ['start', '--', 'coding']],
    ['a lone dash', ['start', '-']],
    ['no task', ['start']],
    ['two tasks', ['start', 'coding', 'review']],
    ['two IDs', ['stop', '1', '2']],
    ['a word after status', ['status', 'now']],
    ['an option before the command', ['--short', 'status']],
    ['another command', ['list']],
    ['an alias', ['ls']],
    ['an option of the root other than --json', ['-V']],
  ])('declines %s: the full program runs it', (_name, argv) => {
    expect(hotArgs(argv)).toBeUndefined();
  });

  test('for any argv, the hot path declines or agrees with commander', async () => {
    const word = fc.oneof(
      fc.constantFrom(
        ...['status', 'start', 'stop', 'list', 'help', '--json', '--short', '--next', '--watch', '--switch', '--all'],
        ...['--at', '--as', '--tag', '--note', '--for', '--id', '-h', '--help', '-V', '--', '-', '--tag=a', ''],
        ...['completed', 'partial', 'abandoned', 'done', '3', '0', '-1', '12abc', 'coding', 'x y', '14:30', 'tomorrow'],
      ),
      fc.string({ maxLength: 6 }),
    );
    const argv = fc
      .tuple(fc.constantFrom('status', 'start', 'stop', '--json'), fc.array(word, { maxLength: 6 }))
      .map(([first, rest]) => [first, ...rest]);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        if (hotArgs(args) === undefined) return;
        accepted += 1;
        await expectAgreement(args);
      }),
      { numRuns: 400 },
    );
    // Most random argv are declined; enough are accepted for the comparison to mean something.
    expect(accepted).toBeGreaterThan(40);
  });
});

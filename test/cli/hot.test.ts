import { describe, expect, test } from 'vitest';
import type { TrackerData } from '../../src/core/session.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

// The hot path (dist/hot.cjs) runs the real handlers without commander: for every form it takes
// and every state of the store, the output, the exit code and the store afterwards are the full
// program's, byte for byte (hints, warnings, errors and the "npx stint" wording included).

const NOW = '2026-01-15T13:30:00Z';
const running = (id: number, task: string, startedAt: string) =>
  makeSession({ id, task, started_at: startedAt, stopped_at: null, status: 'running', updated_at: startedAt });

const STATES: [string, () => TrackerData][] = [
  ['an empty store', () => makeData()],
  ['one finished session', () => makeData([makeSession({ id: 1, tags: ['work'] })])],
  ['one running', () => makeData([makeSession({ id: 1 }), running(2, 'review', '2026-01-15T13:00:00Z')])],
  [
    'one paused',
    () =>
      makeData([
        makeSession({
          ...running(1, 'writing', '2026-01-15T12:00:00Z'),
          status: 'paused',
          pauses: [{ started_at: '2026-01-15T13:00:00Z', ended_at: null }],
        }),
      ]),
  ],
  ['two running', () => makeData([running(1, 'coding', '2026-01-15T12:00:00Z'), running(2, 'review', '2026-01-15T13:00:00Z')])],
  ['one forgotten', () => makeData([running(1, 'coding', '2026-01-14T08:00:00Z')])],
];

const FORMS: string[][] = [
  [],
  ['--json'],
  ['status'],
  ['status', '--json'],
  ['status', '--short'],
  ['status', '--short', '--json'],
  ['start', 'coding'],
  ['start', 'coding', '--json'],
  ['start', 'coding', '--switch', '--tag', 'work', '--note', 'the report'],
  ['start', 'coding', '--at', '13:00'],
  ['start', 'coding', '--at', 'tomorrow', '--json'],
  ['start', 'no'],
  ['start', 'no', '--json'],
  ['stop'],
  ['stop', '--json'],
  ['stop', '2', '--as', 'partial'],
  ['stop', '9', '--json'],
  ['stop', 'abc'],
  ['stop', '--all'],
  ['stop', '--all', '--json'],
  ['stop', '--at', '13:15'],
];

const cases = STATES.flatMap(([state, data]) =>
  FORMS.map((argv) => [`${argv.join(' ') || '(no arguments)'}, ${state}`, argv, data] as const),
);

describe('the hot path prints, returns and stores what the full program does', () => {
  test.each(cases)('%s', async (_name, argv, data) => {
    const initial = data();
    const viaCommander = harness({ now: NOW, data: structuredClone(initial) });
    const viaHot = harness({ now: NOW, data: structuredClone(initial) });
    const expected = await viaCommander.run(...argv);
    expect(await viaHot.runHot(...argv)).toStrictEqual(expected);
    expect(viaHot.store.text).toBe(viaCommander.store.text);
  });

  test.each([
    [['status'], true],
    [[], true],
    [['stop'], false],
    [['start', 'coding'], false],
  ])('under npx, its hints name npx stint: %j', async (argv, hinted) => {
    const env = { npm_command: 'exec', npm_lifecycle_event: 'npx' };
    const data = makeData([running(1, 'coding', '2026-01-14T08:00:00Z')]);
    const expected = await harness({ now: NOW, env, data: structuredClone(data) }).run(...argv);
    expect(await harness({ now: NOW, env, data: structuredClone(data) }).runHot(...argv)).toStrictEqual(expected);
    if (hinted) expect(expected.stdout + expected.stderr).toContain('npx stint ');
  });
});

import { describe, expect, test } from 'vitest';
import type { Invoke } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';

// The argv → handler-options layer (STYLE.md, point 10): for each command line, which handler
// commander reaches and the options object it hands it, without running anything.

interface Call {
  handler: string;
  options: unknown;
}

/** What each handler reached would be called with, in order; throws what commander or a parser throws. */
async function calls(argv: string[], seen: Call[] = []): Promise<Call[]> {
  const invoke: Invoke = async (_command, load, options) => {
    seen.push({ handler: (await load()).name, options });
  };
  const quiet = { writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined };
  await buildProgram('0.0.0', invoke, quiet).parseAsync(argv, { from: 'user' });
  return seen;
}

async function parse(...argv: string[]): Promise<Call> {
  const seen = await calls(argv);
  expect(seen).toHaveLength(1);
  return seen[0] as Call;
}

describe('session commands', () => {
  test.each<[string[], string, object]>([
    [['start', 'coding'], 'start', { task: 'coding' }],
    [
      ['start', 'writing', '--for', '25m', '--tag', 'work', '--tag', 'deep', '--note', 'draft', '--at', '14:30', '--switch'],
      'start',
      { task: 'writing', for: 1500, tag: ['work', 'deep'], note: 'draft', at: '14:30', switch: true },
    ],
    [['start', 'coding', '--for', '1.5h'], 'start', { task: 'coding', for: 5400 }],
    [['stop'], 'stop', { as: 'completed', id: undefined }],
    [['stop', '3', '--as', 'partial', '--at', '15m ago'], 'stop', { as: 'partial', at: '15m ago', id: 3 }],
    [['stop', '--all'], 'stop', { as: 'completed', all: true, id: undefined }],
    [['abandon'], 'stop', { as: 'abandoned', id: undefined }],
    [['abandon', '7', '--at', '10:00'], 'stop', { as: 'abandoned', at: '10:00', id: 7 }],
    [['pause'], 'pause', { id: undefined }],
    [['pause', '3', '--at', '10m ago'], 'pause', { at: '10m ago', id: 3 }],
    [['resume', '2'], 'resume', { id: 2 }],
    [
      ['add', 'meeting', '--from', 'yesterday 14:00', '--to', 'yesterday 15:30', '--tag', 'work'],
      'add',
      { task: 'meeting', from: 'yesterday 14:00', to: 'yesterday 15:30', tag: ['work'] },
    ],
    [
      ['edit', '3', '--task', 'review', '--start', '09:15', '--stop', '10:00', '--note', '', '--tag', 'a', '--tag', 'b'],
      'edit',
      { id: 3, task: 'review', start: '09:15', stop: '10:00', note: '', tag: ['a', 'b'] },
    ],
    [['edit', '3', '--clear-tags'], 'edit', { id: 3, clearTags: true }],
    [['continue'], 'resumeTask', { id: undefined }],
    [['continue', '12', '--at', '9am'], 'resumeTask', { at: '9am', id: 12 }],
    [['undo'], 'undo', {}],
    [['rm', '3', '4'], 'rm', { ids: [3, 4] }],
    [['show', '5'], 'show', { id: 5 }],
  ])('%j → %s', async (argv, handler, options) => {
    expect(await parse(...argv)).toStrictEqual({ handler, options });
  });
});

describe('reading commands', () => {
  test.each<[string[], string, object]>([
    [['list'], 'list', { pager: true }],
    [
      ['ls', '--status', 'running', '--task', 'coding', '--tag', 'work', '--limit', '5'],
      'list',
      { status: 'running', task: 'coding', tag: 'work', limit: 5, pager: true },
    ],
    [['list', '--week', '--csv'], 'list', { week: true, csv: true, pager: true }],
    [['list', '--day'], 'list', { day: true, pager: true }],
    [['list', '--day', 'yesterday', '--watch'], 'list', { day: 'yesterday', watch: true, pager: true }],
    [['list', '--from', '2026-01-01', '--to', '2026-01-31'], 'list', { from: '2026-01-01', to: '2026-01-31', pager: true }],
    [['report'], 'report', { by: 'task' }],
    [['report', '--month', '--by', 'tag', '--round', '15m'], 'report', { month: true, by: 'tag', round: 900 }],
    [['report', '--week', '--by', 'day', '--csv'], 'report', { week: true, by: 'day', csv: true }],
    [['status'], 'status', {}],
    [['status', '--short'], 'status', { short: true }],
    [['status', '--watch'], 'status', { watch: true }],
    [['status', '--next'], 'status', { next: true }],
    [['stats'], 'stats', {}],
    [['badges'], 'badges', {}],
    // --no-pager is commander's negatable option: `pager` is true unless it is given.
    [['list', '--no-pager', '--notes'], 'list', { pager: false, notes: true }],
    // --json is the program's option: handlers read it from the context, not from their options.
    [['--json', 'stats'], 'stats', {}],
    [['list', '--json'], 'list', { pager: true }],
  ])('%j → %s', async (argv, handler, options) => {
    expect(await parse(...argv)).toStrictEqual({ handler, options });
  });
});

describe('settings, files and shells', () => {
  test.each<[string[], string, object]>([
    [['config', 'list'], 'config', { action: 'list' }],
    [['config', 'get', 'daily_goal'], 'config', { action: 'get', key: 'daily_goal' }],
    [['config', 'set', 'forgotten_after', '10h'], 'config', { action: 'set', key: 'forgotten_after', value: '10h' }],
    [['export'], 'exportSessions', { format: 'json' }],
    [
      ['export', '--format', 'csv', '--output', 'q1.csv', '--from', '2026-01-01'],
      'exportSessions',
      { format: 'csv', output: 'q1.csv', from: '2026-01-01' },
    ],
    [['import', 'a.json', '-'], 'importSessions', { files: ['a.json', '-'] }],
    [
      ['import', 'frames', '--format', 'watson', '--dry-run', '--skip-invalid'],
      'importSessions',
      { files: ['frames'], format: 'watson', dryRun: true, skipInvalid: true },
    ],
    // The command tree the script describes rides along: the handler needs no way back to program.ts.
    [['completion', 'zsh'], 'completion', { shell: 'zsh', program: expect.objectContaining({ _name: 'stint' }) }],
    [['prompt', 'fish'], 'prompt', { shell: 'fish' }],
    [['__complete', 'tasks', 'start', 'co'], 'complete', { what: 'tasks', words: ['start', 'co'] }],
  ])('%j → %s', async (argv, handler, options) => {
    expect(await parse(...argv)).toStrictEqual({ handler, options });
  });
});

describe('jobs', () => {
  test.each<[string[], string, object]>([
    [
      [
        'jobs',
        'add',
        'nightly',
        '--type',
        'backup',
        '--cron',
        '0 3 * * *',
        '--config',
        'target=~/b',
        '--config',
        'keep=14',
        '--description',
        'd',
        '--disabled',
      ],
      'jobAdd',
      { name: 'nightly', type: 'backup', cron: '0 3 * * *', config: ['target=~/b', 'keep=14'], description: 'd', disabled: true },
    ],
    [['jobs', 'list'], 'jobList', {}],
    [
      ['jobs', 'list', '--type', 'backup', '--enabled', 'false', '--page', '2', '--page-size', '5'],
      'jobList',
      { type: 'backup', enabled: 'false', page: 2, pageSize: 5 },
    ],
    [
      ['jobs', 'edit', '1', '--name', 'n', '--type', 'cleanup', '--cron', '@daily', '--description', '', '--config', 'by='],
      'jobEdit',
      { id: 1, name: 'n', type: 'cleanup', cron: '@daily', description: '', config: ['by='] },
    ],
    [['jobs', 'show', '2'], 'jobShow', { id: 2 }],
    [['jobs', 'rm', '2'], 'jobRemove', { id: 2 }],
    [['jobs', 'enable', '3'], 'jobEnable', { id: 3, enabled: true }],
    [['jobs', 'disable', '3'], 'jobEnable', { id: 3, enabled: false }],
    [['jobs', 'run', '4', '--dry-run'], 'jobRun', { id: 4, dryRun: true }],
    [['jobs', 'history', '1', '--limit', '5'], 'jobHistory', { id: 1, limit: 5 }],
    [['jobs', 'stats'], 'jobStats', {}],
    [['jobs', 'tick'], 'jobTick', {}],
    [['jobs', 'daemon'], 'jobDaemon', {}],
  ])('%j → %s', async (argv, handler, options) => {
    expect(await parse(...argv)).toStrictEqual({ handler, options });
  });
});

// Values that cannot be right never reach a handler: commander and the value parsers refuse them.
test.each([
  [['stop', 'abc']],
  [['stop', '--as', 'finished']],
  [['start', 'coding', '--for', '25']],
  [['report', '--by', 'week']],
  [['report', '--round', '10s']],
  [['list', '--limit', '0']],
  [['completion', 'powershell']],
  [['jobs', 'add', 'x', '--cron', '@daily']],
  [['jobs', 'list', '--enabled', 'yes']],
])('%j reaches no handler', async (argv) => {
  const seen: Call[] = [];
  await expect(calls(argv, seen)).rejects.toThrow();
  expect(seen).toEqual([]);
});

// An option that takes one value, given twice with two values: which one was meant? Refused
// (the last one used to win silently); the repeatable ones collect, and the same value twice is one.
describe('an option given twice', () => {
  test.each([
    [['stop', '1', '--as', 'partial', '--as', 'abandoned'], '--as'],
    [['start', 'coding', '--at', '10:00', '--at', '11:00'], '--at'],
    [['start', 'coding', '--for', '25m', '--for=45m'], '--for'],
    [['edit', '1', '--task', 'coding', '--task', 'other'], '--task'],
    [['list', '--status', 'running', '--status', 'paused'], '--status'],
    [['report', '--by', 'task', '--by', 'tag'], '--by'],
    [['report', '--day', '--day', 'yesterday'], '--day'],
    [['jobs', 'list', '--page', '1', '--page', '2'], '--page'],
  ])('%j: %s is refused before any handler', async (argv, flag) => {
    const seen: Call[] = [];
    await expect(calls(argv, seen)).rejects.toThrow(`${flag} is given twice`);
    expect(seen).toEqual([]);
  });

  test.each<[string[], object]>([
    [['stop', '1', '--as', 'partial', '--as', 'partial'], { as: 'partial', id: 1 }],
    [['list', '--json', '--json'], {}],
    [['start', 'coding', '--tag', 'a', '--tag', 'b'], { task: 'coding', tag: ['a', 'b'] }],
  ])('%j is read', async (argv, options) => {
    expect((await parse(...argv)).options).toMatchObject(options);
  });
});

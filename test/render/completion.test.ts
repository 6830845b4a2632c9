import { Command, Option } from 'commander';
import { describe, expect, test } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { bashCompletion } from '../../src/render/completion-bash.js';
import { fishCompletion } from '../../src/render/completion-fish.js';
import { zshCompletion } from '../../src/render/completion-zsh.js';
import { allCommands, completionModel, optionsOf, type CommandModel, type CompletionModel } from '../../src/render/completion.js';

const silent = { writeOut: () => undefined, writeErr: () => undefined };
const stintModel = (): CompletionModel => completionModel(buildProgram('0.0.0', async () => undefined, silent));

function find(model: CompletionModel, path: string): CommandModel {
  const found = allCommands(model).find((c) => c.path.join(' ') === path);
  if (!found) throw new Error(`no command ${path}`);
  return found;
}

const names = (commands: readonly CommandModel[]) => commands.map((c) => c.name);

describe('the model of stint’s commands', () => {
  const model = stintModel();

  test('finds the subcommands, their aliases, and the nested ones', () => {
    expect(names(model.root.subcommands)).toEqual(
      expect.arrayContaining(['start', 'stop', 'list', 'jobs', 'config', 'completion', 'help']),
    );
    expect(find(model, 'list').aliases).toEqual(['ls']);
    expect(names(find(model, 'jobs').subcommands)).toEqual(expect.arrayContaining(['add', 'list', 'show', 'rm', 'run', 'tick', 'help']));
    expect(names(find(model, 'config').subcommands)).toEqual(expect.arrayContaining(['list', 'get', 'set']));
    expect(find(model, 'jobs add').path).toEqual(['jobs', 'add']);
  });

  test('leaves hidden commands out', () => {
    expect(allCommands(model).map((c) => c.name)).not.toContain('__complete');
  });

  test.each([
    ['list', '--status', ['running', 'paused', 'completed', 'partial', 'abandoned']],
    ['stop', '--as', ['completed', 'partial', 'abandoned']],
    ['report', '--by', ['task', 'tag', 'day']],
    ['export', '--format', ['json', 'csv']],
    ['jobs add', '--type', ['backup', 'summary', 'cleanup', 'sync']],
  ])('%s %s offers its choices', (path, flag, values) => {
    const option = find(model, path).options.find((o) => o.long === flag);
    expect(option).toMatchObject({ value: 'required', source: { kind: 'choices', values } });
  });

  test('tells flags from options that take a value, and where values come from', () => {
    const start = optionsOf(model, find(model, 'start'));
    const byFlag = (flag: string) => start.find((o) => o.long === flag);
    expect(byFlag('--switch')).toMatchObject({ value: 'none' });
    expect(byFlag('--at')).toMatchObject({ value: 'required', valueName: 'time', source: { kind: 'free' } });
    expect(byFlag('--tag')).toMatchObject({ repeatable: true });
    expect(find(model, 'list').options.find((o) => o.long === '--day')).toMatchObject({ value: 'optional' });
    expect(find(model, 'list').options.find((o) => o.long === '--task')).toMatchObject({ source: { kind: 'tasks' } });
    expect(find(model, 'export').options.find((o) => o.long === '--output')).toMatchObject({ source: { kind: 'files' } });
  });

  test('the global options apply to every command, once', () => {
    const flags = optionsOf(model, find(model, 'jobs add')).map((o) => o.long);
    expect(flags).toEqual(expect.arrayContaining(['--type', '--json', '--version', '--help']));
    expect(flags.filter((f) => f === '--help')).toHaveLength(1);
  });

  test.each([
    ['start', { kind: 'tasks' }],
    ['stop', { kind: 'ids', command: 'stop' }],
    ['rm', { kind: 'ids', command: 'rm' }],
    ['jobs show', { kind: 'jobs' }],
    ['import', { kind: 'files' }],
    ['completion', { kind: 'choices', values: ['bash', 'zsh', 'fish'] }],
    ['config set', { kind: 'choices', values: ['forgotten_after', 'daily_goal', 'week_start'] }],
  ])('the first argument of %s comes from %j', (path, source) => {
    expect(find(model, path).arguments[0]?.source).toEqual(source);
  });

  test('help completes the names of the commands beside it', () => {
    const source = find(model, 'jobs help').arguments[0]?.source;
    expect(source).toMatchObject({ kind: 'choices' });
    expect(source?.kind === 'choices' && source.values).toEqual(expect.arrayContaining(['add', 'tick']));
    expect(source?.kind === 'choices' && source.values).not.toContain('start');
  });
});

describe('a program of its own', () => {
  const program = new Command('stint').option('--json', 'JSON.');
  program
    .command('visible')
    .description('It shows.')
    .addOption(new Option('--secret', 'Hidden.').hideHelp())
    .option('-q, --quiet', 'Less.');
  program.command('__internal', { hidden: true }).argument('<what>');
  const model = completionModel(program);

  test('hidden commands and hidden options are left out; short flags kept', () => {
    expect(names(model.root.subcommands)).toEqual(['visible', 'help']);
    const visible = find(model, 'visible');
    expect(visible.options.map((o) => o.long)).toEqual(['--quiet', '--help']);
    expect(visible.options[0]).toMatchObject({ short: '-q', value: 'none' });
  });
});

describe('the scripts', () => {
  const model = stintModel();

  test('bash: one function registered for stint, with the commands, choices and dynamic calls', () => {
    const script = bashCompletion(model);
    expect(script).toContain('complete -F _stint stint');
    expect(script).toContain("' list'|' ls') _stint_next='list'");
    expect(script).toContain("'jobs add') _stint_next='jobs add'");
    expect(script).toContain("'stop --as') [[ -z $3 ]] || _stint_words 'completed partial abandoned'");
    // The arguments typed go along, so an ID is not offered twice.
    expect(script).toContain('stint __complete ids stop "${args[@]}" 2>/dev/null');
    expect(script).toContain('stint __complete tasks 2>/dev/null');
    expect(script).toContain('stint __complete tags 2>/dev/null');
    expect(script).not.toContain('__complete)');
  });

  test('zsh: a #compdef file of native _arguments, registering itself when sourced', () => {
    const script = zshCompletion(model);
    expect(script.startsWith('#compdef stint\n')).toBe(true);
    expect(script).toContain("'--as=[How it ended.]:outcome:(completed partial abandoned)'");
    expect(script).toContain("'1::id: _stint_ids stop'");
    expect(script).toContain('compdef _stint stint');
    expect(script).not.toMatch(/bashcompinit/);
  });

  test('fish: complete lines conditioned on the exact command path', () => {
    const script = fishCompletion(model);
    expect(script).toContain("complete -c stint -n '__stint_at \"\" 0' -a 'start'");
    expect(script).toContain("complete -c stint -n '__stint_at \"stop\"' -l as -x -a 'completed partial abandoned'");
    // IDs with their descriptions, and the words on the line so that none is offered twice.
    expect(script).toContain(
      "complete -c stint -n '__stint_at \"stop\" 0' -k -a '(stint __complete described-ids stop (commandline -opc) 2>/dev/null)'",
    );
    expect(script).toContain('complete -c stint -n \'__stint_at "rm" 0+\'');
  });

  test('descriptions with quotes and brackets are escaped for each shell', () => {
    const program = new Command('stint');
    program.command('odd').description("It's [odd]: really").option('--x <v>', "Say 'hi' [now]: ok");
    const odd = completionModel(program);
    expect(zshCompletion(odd)).toContain(`'--x=[Say '\\''hi'\\'' \\[now\\]: ok]:v: '`);
    expect(fishCompletion(odd)).toContain(`-d 'Say \\'hi\\' [now]: ok'`);
    expect(zshCompletion(odd)).toContain(`'odd:It'\\''s [odd]: really'`);
  });
});

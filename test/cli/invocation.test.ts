import { describe, expect, test } from 'vitest';
import { invokedAs } from '../../src/cli/context.js';
import { makeData, makeSession } from '../helpers/factories.js';
import { harness } from '../helpers/in-process.js';

// What npm puts in the environment of a bin it runs, for `npx stint …` and `npm exec stint …` alike.
const NPX = { npm_command: 'exec', npm_lifecycle_event: 'npx', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' };
// …and for a package.json script (`npm run track`), whose PATH has the bin: `stint` works there.
const NPM_RUN = { npm_command: 'run-script', npm_lifecycle_event: 'track', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' };

describe('invokedAs', () => {
  test.each([
    [NPX, 'npx stint'],
    [NPM_RUN, 'stint'],
    [{}, 'stint'],
    [{ npm_command: 'exec', npm_lifecycle_event: 'build' }, 'stint'],
  ])('%j: %s', (env, command) => {
    expect(invokedAs(env)).toBe(command);
  });
});

const forgotten = makeData([
  makeSession({ id: 2, task: 'reading', started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running' }),
]);

describe('hints name the command the user ran', () => {
  test.each([
    ['npx', NPX, 'npx stint'],
    ['a shell', {}, 'stint'],
  ])('under %s', async (_where, env, command) => {
    const h = harness({ env });
    expect((await h.run('status')).stdout).toBe(`Nothing running. Start a timer with: ${command} start <task>\n`);
    expect((await h.run('list')).stdout).toBe(`No sessions yet. Start one with: ${command} start <task>\n`);
    expect((await h.run('jobs', 'list')).stdout).toMatch(new RegExp(`^No jobs yet. Add one with: ${command} jobs add `));
    expect((await h.run()).stdout).toMatch(
      new RegExp(
        `\\nNext: ${command} start <task> · ${command} start <task> --for 25m · ${command} report --week · ${command} stats · ${command} --help\\n$`,
      ),
    );
    const late = harness({ env, now: '2026-01-16T01:00:00Z', data: forgotten });
    expect((await late.run('status')).stderr).toMatch(new RegExp(`was it forgotten\\? Stop it with: ${command} stop 2\\n$`));
    expect((await late.run('list')).stderr).toMatch(new RegExp(`Stop it with: ${command} stop 2\\n$`));
  });
});

import { describe, expect, test } from 'vitest';
import { harness } from '../helpers/in-process.js';

// What `jobs add` and `jobs edit` take, and how they refuse what they do not.

const NOW = '2026-01-10T12:00:00Z';
const add = (h: ReturnType<typeof harness>, name: string, cron: string, ...extra: string[]) =>
  h.run('jobs', 'add', name, '--type', 'backup', '--cron', cron, '--config', 'target=/backups', ...extra);

describe('--cron', () => {
  test('a shorthand in any case is stored in lower case; @midnight as @daily', async () => {
    const h = harness({ now: NOW });
    expect((await add(h, 'a', '@Daily')).code).toBe(0);
    expect((await add(h, 'b', '@HOURLY')).code).toBe(0);
    expect((await add(h, 'c', '@midnight')).code).toBe(0);
    expect((await h.store.jobs.read()).jobs.map((j) => j.schedule)).toEqual(['@daily', '@hourly', '@daily']);
    expect((await h.run('jobs', 'edit', '1', '--cron', '@WEEKLY')).code).toBe(0);
    expect((await h.store.jobs.read()).jobs[0]?.schedule).toBe('@weekly');
  });

  test('fields typed with tabs or several spaces are stored one space apart, and listed in columns', async () => {
    const h = harness({ now: NOW });
    expect((await add(h, 'a', '0\t3  * * *')).code).toBe(0);
    expect((await add(h, 'longer', '15 4 * * *')).code).toBe(0);
    expect((await h.store.jobs.read()).jobs[0]?.schedule).toBe('0 3 * * *');
    expect((await h.run('jobs', 'list')).stdout).toBe(
      '#1 a      (backup) 0 3 * * *   next tomorrow 03:00, last -\n#2 longer (backup) 15 4 * * *  next tomorrow 04:15, last -\n',
    );
  });

  test.each([
    [
      '@reboot',
      "stint: Invalid schedule: '@reboot' is not a cron expression: give five fields (minute hour day month weekday) or @hourly, @daily, @weekly, @monthly, @yearly\n",
    ],
    [
      '61 * * * *',
      "stint: Invalid schedule: '61 * * * *' is not a cron expression: the minute field '61' is not valid (it takes 0-59, lists, ranges and steps)\n",
    ],
  ])('%j: exit 2, one line naming it, nothing stored', async (cron, stderr) => {
    const h = harness({ now: NOW });
    expect(await add(h, 'a', cron)).toEqual({ code: 2, stdout: '', stderr });
    expect((await h.store.jobs.read()).jobs).toEqual([]);
  });
});

describe('jobs add --help says what the code takes', () => {
  test('the name rule and every shorthand, each of which jobs add then takes', async () => {
    const h = harness({ now: NOW });
    const help = (await h.run('jobs', 'add', '--help')).stdout.replace(/\s+/g, ' ');
    expect(help).toContain("Arguments: name job name: up to 60 letters, digits, '-', '_' or '.', words one space apart");
    expect(help).toContain(
      '--cron <expr> When: five cron fields (minute hour day month weekday) or @hourly, @daily, @weekly, @monthly, @yearly,',
    );
    const shorthands = /--cron <expr> When: [^.]*/.exec(help)?.[0].match(/@[a-z]+/g) ?? [];
    expect(shorthands).toEqual(['@hourly', '@daily', '@weekly', '@monthly', '@yearly']);
    for (const [i, cron] of shorthands.entries()) expect((await add(h, `job ${i}`, cron)).code).toBe(0);
    // 60 characters, a space and a dot: what the help says, not the 40 without either it said.
    expect((await add(h, `Daily backup v2.${'x'.repeat(44)}`, '@daily')).code).toBe(0);
    expect((await add(h, 'x'.repeat(61), '@daily')).code).toBe(2);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('control characters', () => {
  test.each([
    ['an escape', 'red \u001b[31malert', 'U+001B'],
    ['a bell', 'ding\u0007', 'U+0007'],
    ['a line break', 'two\nlines', 'U+000A'],
    ['a carriage return', 'over\rwrite', 'U+000D'],
    ['a bidirectional override', '\u202Eevil', 'U+202E'],
  ])('a description with %s is refused (exit 2) by add and edit, nothing stored', async (_what, description, code) => {
    const h = harness({ now: NOW });
    const stderr = `stint: Invalid description: A job description may not hold control characters (found ${code})\n`;
    expect(await add(h, 'a', '@daily', '--description', description)).toEqual({ code: 2, stdout: '', stderr });
    expect((await h.store.jobs.read()).jobs).toEqual([]);
    expect((await add(h, 'a', '@daily', '--description', 'fine')).code).toBe(0);
    const before = await h.store.jobs.read();
    expect(await h.run('jobs', 'edit', '1', '--description', description)).toEqual({ code: 2, stdout: '', stderr });
    expect(await h.store.jobs.read()).toEqual(before);
  });

  test('jobs show escapes a description and config an older stint stored with control characters', async () => {
    const h = harness({ now: NOW });
    await add(h, 'a', '@daily');
    await h.store.jobs.update((data) => {
      Object.assign(data.jobs[0] as object, { description: 'a\u001b[2Jb', config: { target: '/b\u009bx' } });
    });
    const { stdout } = await h.run('jobs', 'show', '1');
    expect(stdout).toBe('#1 a (backup) @daily  next tomorrow 00:00, last -\n  a\\u001b[2Jb\n  config {"target":"/b\\u009bx"}\n');
  });

  test('a target path holding an escape is printed escaped by run, tick and history, and recorded escaped', async () => {
    const work = mkdtempSync(join(tmpdir(), 'stint-jobs-escape-'));
    try {
      const h = harness({ now: NOW, realFiles: true });
      const target = join(work, 'week\u001b[2J\u0007.md');
      expect((await h.run('jobs', 'add', 'w', '--type', 'summary', '--cron', '@daily', '--config', `target=${target}`)).code).toBe(0);
      const shown = join(work, 'week\\u001b[2J\\u0007.md');
      const dry = await h.run('jobs', 'run', '1', '--dry-run');
      expect(dry.stdout).toBe(`would write the week report (2025-12-29 → 2026-01-04) to ${shown}\n`);
      const run = await h.run('jobs', 'run', '1');
      expect(run.stdout).toBe(`13:00 job #1 w: wrote the week report (2025-12-29 → 2026-01-04) to ${shown}\n`);
      h.setNow('2026-01-12T12:00:00Z');
      expect((await h.run('jobs', 'tick')).stdout).toContain(`to ${shown}\n`);
      const history = await h.run('jobs', 'history', '1');
      expect(history.stdout).toContain(`to ${shown}\n`);
      expect(history.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      expect((await h.store.jobs.read()).executions.map((e) => e.result)).toEqual([
        `wrote the week report (2025-12-29 → 2026-01-04) to ${shown}`,
        `wrote the week report (2026-01-05 → 2026-01-11) to ${shown}`,
      ]);
      // The folder made unusable: the error names the path, escaped too.
      rmSync(work, { recursive: true, force: true });
      h.setNow('2026-01-13T12:00:00Z');
      const failed = await h.run('jobs', 'run', '1', '--json');
      expect(JSON.parse(failed.stdout).error).toContain(shown);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('history escapes a result an older stint stored raw', async () => {
    const h = harness({ now: NOW });
    await add(h, 'a', '@daily');
    await h.store.jobs.update((data) => {
      data.executions.push({
        id: 1,
        job_id: 1,
        status: 'failed',
        started_at: '2026-01-10T11:00:00Z',
        completed_at: '2026-01-10T11:00:01Z',
        result: null,
        error: 'cannot write /x/\u001b]0;pwned\u0007.md',
      });
      data.next_execution_id = 2;
    });
    expect((await h.run('jobs', 'history', '1')).stdout).toBe('12:00 job #1 a: failed: cannot write /x/\\u001b]0;pwned\\u0007.md\n');
  });
});

describe('no next run, no store', () => {
  test('a job with no slot before the year 10000 shows no next run: "-", null in JSON', async () => {
    const h = harness({ now: '9999-06-01T12:00:00Z' });
    expect((await add(h, 'yearly', '@yearly')).stdout).toBe('Added #1 yearly (backup) @yearly  next -, last -\n');
    expect(JSON.parse((await h.run('jobs', 'show', '1', '--json')).stdout).next_run).toBeNull();
    expect((await h.run('jobs', 'list')).stdout).toBe('#1 yearly (backup) @yearly  next -, last -\n');
    expect(await h.run('jobs', 'tick')).toEqual({ code: 0, stdout: 'Nothing due.\n', stderr: '' });
    // A slot in 9999 is still one.
    expect((await add(h, 'monthly', '@monthly')).stdout).toBe('Added #2 monthly (backup) @monthly  next Thu 1 Jul 00:00, last -\n');
  });
});

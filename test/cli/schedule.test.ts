import { describe, expect, test } from 'vitest';
import { nextSlot } from '../../src/core/schedule.js';
import { readSchedule as validateSchedule } from '../../src/core/schedule-input.js';
import { harness } from '../helpers/in-process.js';

// A schedule must give the same next run at every read: cron-parser's H (a random value) is refused.

describe('validateSchedule', () => {
  test.each(['H * * * *', '0 H * * *', 'H/15 * * * *', '0 0 H(1-5) * *', '0 0 * * H', '0 0 * JAN,H *', '0 0 * * THU,H'])(
    'refuses %s (exit 2)',
    (cron) => {
      expect(() => validateSchedule(cron)).toThrow(
        expect.objectContaining({
          code: 'invalid_input',
          title: 'Invalid schedule',
          message: expect.stringMatching(/H \(a random value\) is not supported/),
        }),
      );
    },
  );

  test.each([
    ['0 0 * * THU', '2026-01-15T00:00:00'],
    ['0 0 * * thu', '2026-01-15T00:00:00'],
    ['0 0 1 MAR *', '2026-03-01T00:00:00'],
    ['? * * * *', '2026-01-10T12:01:00'],
    ['0 0 L * *', '2026-01-31T00:00:00'],
    ['0 0 * * 5L', '2026-01-30T00:00:00'],
    ['0 0 * * 1#2', '2026-01-12T00:00:00'],
  ])('keeps the deterministic %s', (cron, next) => {
    expect(validateSchedule(cron)).toBe(cron);
    // Local time, as cron reads it (vitest.config.ts sets Europe/Paris).
    const after = new Date(2026, 0, 10, 12, 0, 0);
    const [date, time] = next.split('T') as [string, string];
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    expect(nextSlot(cron, after)).toEqual(new Date(y, m - 1, d, hh, mm));
  });

  test('a schedule stored with H before it was refused still gives one slot at every read', () => {
    const after = new Date('2026-01-10T12:00:00Z');
    const slots = new Set(Array.from({ length: 20 }, () => nextSlot('H * * * *', after).getTime()));
    expect(slots.size).toBe(1);
  });
});

describe('jobs add and next_run', () => {
  test('jobs add --cron "H * * * *": exit 2, nothing stored', async () => {
    const h = harness({ now: '2026-01-10T12:00:00Z' });
    const result = await h.run('jobs', 'add', 'hourly', '--type', 'backup', '--cron', 'H * * * *', '--config', 'target=/backups');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "stint: Invalid schedule: 'H * * * *' is not a cron expression: H (a random value) is not supported; give the number itself, e.g. 17 for the minute\n",
    );
    expect((await h.store.jobs.read()).jobs).toEqual([]);
    expect((await h.run('jobs', 'edit', '1', '--cron', 'H * * * *')).code).toBe(2);
  });

  test('next_run of a stored job is the same at every read', async () => {
    const h = harness({ now: '2026-01-10T12:00:00Z' });
    expect((await h.run('jobs', 'add', 'hourly', '--type', 'backup', '--cron', '17 * * * *', '--config', 'target=/backups')).code).toBe(0);
    const reads = [];
    for (let i = 0; i < 5; i += 1) reads.push(JSON.parse((await h.run('jobs', 'show', '1', '--json')).stdout).next_run);
    reads.push(JSON.parse((await h.run('jobs', 'list', '--json')).stdout).jobs[0].next_run);
    expect(new Set(reads)).toEqual(new Set(['2026-01-10T13:17:00+01:00']));
  });

  test('a job stored with H by an older stint shows one next_run at every read', async () => {
    const h = harness({ now: '2026-01-10T12:00:00Z' });
    expect((await h.run('jobs', 'add', 'hourly', '--type', 'backup', '--cron', '17 * * * *', '--config', 'target=/backups')).code).toBe(0);
    await h.store.jobs.update((data) => {
      (data.jobs[0] as { schedule: string }).schedule = 'H * * * *';
    });
    const reads = new Set<string>();
    for (let i = 0; i < 10; i += 1) reads.add(JSON.parse((await h.run('jobs', 'show', '1', '--json')).stdout).next_run);
    expect(reads.size).toBe(1);
  });
});

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

// The next run a job shows is the one `jobs tick` makes (Europe/Paris, from vitest.config.ts).
describe('next_run is when tick runs the job', () => {
  const add = async (h: ReturnType<typeof harness>, cron: string, ...more: string[]) =>
    expect((await h.run('jobs', 'add', 'j', '--type', 'summary', '--cron', cron, '--config', 'target=/out/a.json', ...more)).code).toBe(0);
  const nextRun = async (h: ReturnType<typeof harness>) => JSON.parse((await h.run('jobs', 'show', '1', '--json')).stdout).next_run;
  const ticked = async (h: ReturnType<typeof harness>) => JSON.parse((await h.run('jobs', 'tick', '--json')).stdout).executions.length;

  test('spring forward: a slot at 02:30, skipped that night, runs at 03:30, and says so', async () => {
    const h = harness({ now: '2026-03-28T12:00:00Z' });
    await add(h, '30 2 * * *');
    h.setNow('2026-03-29T01:05:00Z'); // 03:05, after the skipped hour
    expect(await nextRun(h)).toBe('2026-03-29T03:30:00+02:00');
    expect(await ticked(h)).toBe(0);
    h.setNow('2026-03-29T01:30:00Z');
    expect(await ticked(h)).toBe(1);
    expect(await nextRun(h)).toBe('2026-03-30T02:30:00+02:00');
  });

  test('fall back: a slot at 02:30, met twice that night, runs once and the next run says tomorrow', async () => {
    const h = harness({ now: '2026-10-24T12:00:00Z' });
    await add(h, '30 2 * * *');
    h.setNow('2026-10-25T00:30:00Z'); // the first 02:30
    expect(await ticked(h)).toBe(1);
    h.setNow('2026-10-25T01:05:00Z');
    expect(await nextRun(h)).toBe('2026-10-26T02:30:00+01:00');
    h.setNow('2026-10-25T01:30:00Z'); // the second 02:30
    expect(await ticked(h)).toBe(0);
  });

  test('a slot that passed while the job was disabled is not owed: enabling it does not run it at once', async () => {
    const h = harness({ now: '2026-11-01T12:00:00Z' });
    await add(h, '0 3 * * *', '--disabled');
    expect(await nextRun(h)).toBeNull();
    h.setNow('2026-11-10T12:00:00Z');
    expect((await h.run('jobs', 'enable', '1')).code).toBe(0);
    expect(await nextRun(h)).toBe('2026-11-11T03:00:00+01:00');
    h.setNow('2026-11-10T12:00:30Z');
    expect(await ticked(h)).toBe(0);
    h.setNow('2026-11-11T02:00:00Z');
    expect(await ticked(h)).toBe(1);
  });

  test('a new schedule starts afresh from the edit; a run missed since is caught up once, and shown as due', async () => {
    const h = harness({ now: '2026-11-01T12:00:00Z' });
    await add(h, '0 3 * * *');
    h.setNow('2026-11-01T14:00:00Z');
    expect((await h.run('jobs', 'edit', '1', '--cron', '0 * * * *')).code).toBe(0);
    expect(await nextRun(h)).toBe('2026-11-01T16:00:00+01:00');
    // No tick for three days: the first slot missed is shown, the next tick runs it once.
    h.setNow('2026-11-04T09:00:00Z');
    expect(await nextRun(h)).toBe('2026-11-01T16:00:00+01:00');
    expect(await ticked(h)).toBe(1);
    expect(await ticked(h)).toBe(0);
    expect(await nextRun(h)).toBe('2026-11-04T11:00:00+01:00');
  });
});

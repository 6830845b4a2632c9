import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedWith } from '../helpers/in-home.js';
import { snapshotDir, stint, tempHome } from '../helpers/spawn.js';

// Through the built bin: strict time and duration input is exit 2, one line naming the input,
// and the store byte-for-byte unchanged. Now is Friday 2026-01-16, 17:00 in Paris.
const now = '2026-01-16T17:00:00+01:00';

describe('refused input', () => {
  let home = '';
  let cleanup = () => undefined as void;
  beforeAll(async () => {
    ({ home, cleanup } = tempHome());
    // Set up in-process (the same commands on the same files): the refusals below are spawned.
    await seedWith(['start', 'demo', '--at', '9:00'], { home, now });
    await seedWith(['config', 'set', 'daily_goal', '3h'], { home, now });
  });
  afterAll(() => cleanup());

  test.each([
    [['start', 'other', '--at', '2026-02-30T10:00:00Z'], "Invalid time: '2026-02-30T10:00:00Z' is not a date: February 2026 has 28 days"],
    [['stop', '--at', 'yesterday 25:00'], "Invalid time: 'yesterday 25:00' is not a time: there is no hour 25"],
    [['stop', '--at', '2026-01-16T10:00:00Zjunk'], "Invalid time: '2026-01-16T10:00:00Zjunk' has text left over: 'junk'"],
    [['stop', '--at', 'rm -rf / 10:00'], "Invalid time: 'rm -rf / 10:00' is not a time (try"],
    [['stop', '--at', '99999-01-01'], "Invalid time: '99999-01-01' is not a date: year 99999 is outside 1970–9999"],
    [['start', 'other', '--for', '1,5h'], "Invalid duration: '1,5h' has a decimal comma"],
    [['start', 'other', '--for', '25m garbage'], "Invalid duration: '25m garbage' has text left over: 'garbage'"],
    [['start', 'other', '--for', '0m'], "Invalid duration: '0m' is out of range 60 s–24 h"],
    [['config', 'set', 'daily_goal', '1.5.3h'], "Invalid duration: '1.5.3h' has two decimal points in one number"],
    [['report', '--round', '15'], "Invalid duration: '15' has no unit after 15: minutes or seconds?"],
    [['list', '--from', '2026-02-30'], "Invalid date: '2026-02-30' is not a date: February 2026 has 28 days"],
  ])('%j', async (args, message) => {
    const before = snapshotDir(home);
    const result = await stint(args, { home, now });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toContain(`stint: ${message}`);
    expect(snapshotDir(home)).toEqual(before);
  });

  test('a STINT_NOW that is not a strict ISO time is exit 2', async () => {
    const result = await stint(['status'], { home, now: '2026-01-16T17:00:00Z junk' });
    expect(result).toMatchObject({ code: 2, stderr: "stint: Invalid STINT_NOW: '2026-01-16T17:00:00Z junk' has text left over: 'junk'\n" });
  });
});

test('weekday names are the most recent such day, so the README examples work on a Friday', async () => {
  const { home, cleanup } = tempHome();
  try {
    const started = await stint(['start', 'demo', '--at', 'monday 9:00', '--json'], { home, now });
    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ started_at: '2026-01-12T09:00:00+01:00' });
    const listed = await seedWith(['list', '--from', 'monday', '--json'], { home, now });
    expect(JSON.parse(listed.stdout)).toMatchObject({ total: 1 });
  } finally {
    cleanup();
  }
});

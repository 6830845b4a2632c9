import { formatISO } from 'date-fns/formatISO';
import { afterAll, describe, expect, test } from 'vitest';
import { makeLocalIso } from '../../src/render/local-iso.js';

const original = process.env.TZ;
afterAll(() => {
  process.env.TZ = original;
});

// Every 20 minutes through two years, so every DST change and midnight crossing is hit.
const instants = Array.from({ length: 2 * 365 * 72 }, (_, i) =>
  new Date(Date.UTC(2025, 0, 1) + i * 1_200_000 + (i % 60) * 1000).toISOString().replace('.000Z', 'Z'),
);

describe('makeLocalIso matches date-fns formatISO exactly', () => {
  test.each(['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC', 'America/St_Johns'])(
    'in %s',
    (zone) => {
      // Node re-reads the zone when TZ is assigned.
      process.env.TZ = zone;
      const localIso = makeLocalIso();
      const mismatches = instants.filter((x) => localIso(x) !== formatISO(new Date(x)));
      expect(mismatches).toEqual([]);
    },
  );

  test('other input forms go to formatISO', () => {
    process.env.TZ = 'Europe/Paris';
    expect(makeLocalIso()('2026-07-01T10:00:00.500Z')).toBe('2026-07-01T12:00:00+02:00');
  });
});

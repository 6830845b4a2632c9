import { describe, expect, test } from 'vitest';
import { newUid, uuidV4 } from '../../src/cli/deps.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV4', () => {
  test.each([
    [new Uint8Array(16), '00000000-0000-4000-8000-000000000000'],
    [new Uint8Array(16).fill(0xff), 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
    [Uint8Array.from({ length: 16 }, (_, i) => i), '00010203-0405-4607-8809-0a0b0c0d0e0f'],
  ])('sets the version and variant bits and keeps the rest (%#)', (bytes, expected) => {
    expect(uuidV4(bytes)).toBe(expected);
  });

  test('refuses fewer than 16 bytes', () => {
    expect(() => uuidV4(new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('newUid (the real random source)', () => {
  test('gives distinct version 4 UUIDs', () => {
    const uids = Array.from({ length: 1000 }, newUid);
    for (const uid of uids) expect(uid).toMatch(V4);
    expect(new Set(uids).size).toBe(uids.length);
  });
});

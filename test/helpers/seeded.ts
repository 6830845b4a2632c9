import { randomInt } from 'node:crypto';

/** The variable that replays a run of a randomised test: `STINT_TEST_SEED=123 npx vitest run …`. */
export const SEED_VARIABLE = 'STINT_TEST_SEED';

export interface Seeded {
  seed: number;
  /** A number in [0, 1), from the seed: the same seed gives the same sequence. */
  next(): number;
  /** An integer in [min, max). */
  int(min: number, max: number): number;
}

/**
 * A seeded generator (mulberry32) for tests that pick random moments: the seed comes from
 * STINT_TEST_SEED or is drawn fresh, and `onFailed` prints it, so a failure can be replayed.
 */
export function seeded(onFailed: (report: () => void) => void): Seeded {
  const given = process.env[SEED_VARIABLE];
  const seed = given ? Number(given) >>> 0 : randomInt(2 ** 32);
  onFailed(() => console.error(`Replay this run with ${SEED_VARIABLE}=${seed}`));
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return { seed, next, int: (min, max) => min + Math.floor(next() * (max - min)) };
}

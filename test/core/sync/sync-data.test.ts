import { describe, expect, test } from 'vitest';
import { checkSyncData, emptySyncData } from '../../../src/core/sync/state.js';

// sync.json's pending merge, as a killed sync leaves it: what finish.ts needs, checked whole.
describe('checkSyncData: pending', () => {
  const pending = (more: Record<string, unknown> = {}) => ({
    ...emptySyncData(),
    pending: { revision: 3, seen: {}, renamed: [], touched: ['u1'], ...more },
  });

  test.each([
    ['no commit recorded yet', {}],
    ['the revision it was committed at', { committed: 4 }],
    ['committed at revision 0', { committed: 0 }],
  ])('%s reads', (_name, more) => {
    expect(checkSyncData(pending(more)).pending).toMatchObject({ touched: ['u1'], ...more });
  });

  test.each([
    ['a negative revision', { committed: -1 }],
    ['a fraction', { committed: 1.5 }],
    ['text', { committed: '4' }],
    ['null', { committed: null }],
    ['no touched list', { touched: 'u1' }],
  ])('%s is refused', (_name, more) => {
    expect(() => checkSyncData(pending(more))).toThrow(/bad pending/);
  });
});

import { expect, test } from 'vitest';
import { type SyncStatus, syncStatusText } from '../../src/render/sync-text.js';

const NOW = new Date('2026-11-30T13:00:00Z');
const status = (devices: SyncStatus['devices']): SyncStatus => ({
  remote: { kind: 'folder', url: '/sync' },
  device: 'laptop',
  devices,
  unsent: 0,
  last_sync: null,
  last_error: null,
});

test('sync status lines the devices up by display width, this device named', () => {
  const text = syncStatusText(
    status([
      { name: 'desk', last_change: '2026-11-30T12:00:00Z' },
      { name: 'laptop', last_change: '2026-11-30T12:30:00Z' },
      { name: '書斎', last_change: null },
    ]),
    NOW,
  );
  expect(text.split('\n').slice(-4)).toEqual([
    '  desk                  last change 13:00',
    '  laptop (this device)  last change 13:30',
    '  書斎                  last change -',
    '',
  ]);
});

test('no device yet', () => {
  expect(syncStatusText(status([]), NOW)).toContain('Devices\n  (none yet)\n');
});

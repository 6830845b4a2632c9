import type { RemoteKind, SyncReport } from '../core/sync/state.js';
import { formatInstant } from './format.js';
import { table } from './table.js';

export interface SyncStatus {
  remote: { kind: RemoteKind; url: string };
  device: string;
  devices: { name: string; last_change: string | null }[];
  unsent: number;
  last_sync: string | null;
  last_error: { at: string; message: string; hint: string } | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `Synced laptop with git <url>: 2 changes out, 3 in (1 new session, 1 updated, 0 removed).` */
export function syncLine(r: SyncReport): string {
  return `Synced ${r.device} with ${r.remote.kind} ${r.remote.url}: ${plural(r.sent, 'change')} out, ${r.received} in (${plural(r.added, 'new session')}, ${r.updated} updated, ${r.removed} removed).\n`;
}

/** `sync status` for people: its instants in local time as everywhere else (`yesterday 17:29`); JSON keeps ISO. */
export function syncStatusText(s: SyncStatus, now: Date): string {
  const when = (instant: string) => formatInstant(instant, now);
  // One column of names, aligned by display width like every other table (a name may be CJK).
  const devices =
    s.devices.length === 0
      ? ['  (none yet)']
      : table(
          [{ gap: 0 }, { gap: 0 }, {}],
          s.devices.map((d) => [
            '  ',
            `${d.name}${d.name === s.device ? ' (this device)' : ''}`,
            `last change ${d.last_change === null ? '-' : when(d.last_change)}`,
          ]),
        );
  const error = s.last_error
    ? [`Last error  ${when(s.last_error.at)} ${s.last_error.message}`, `            ${s.last_error.hint}`]
    : ['Last error  -'];
  return `${[
    `Remote      ${s.remote.kind} ${s.remote.url}`,
    `Device      ${s.device}`,
    `Last sync   ${s.last_sync === null ? 'never' : when(s.last_sync)}`,
    `Not sent    ${plural(s.unsent, 'change')}`,
    ...error,
    'Devices',
    ...devices,
  ].join('\n')}\n`;
}

import type { Session } from '../../../src/core/session.js';
import { type Hlc, ZERO_HLC } from '../../../src/core/sync/hlc.js';
import { type Change, keyed, type Merged } from '../../../src/core/sync/merge.js';
import { checkMerged } from '../../../src/core/sync/check.js';
import { syncRound } from '../../../src/core/sync/exchange.js';

/**
 * A device as the property test drives it: its local sessions (what the store holds), its undo
 * stack, and what sync keeps (merged state, clock, log). Commands change `local` as stint's do.
 */
export interface Device {
  name: string;
  skewMs: number;
  local: Session[];
  nextId: number;
  undo: Session[][];
  merged: Merged;
  clock: Hlc;
  /** uids the last sync left here. */
  synced: Set<string>;
  log: Change[];
}

export function newDevice(name: string, skewMs: number): Device {
  return {
    name,
    skewMs,
    local: [],
    nextId: 1,
    undo: [],
    merged: keyed(),
    clock: { ...ZERO_HLC, device: name },
    synced: new Set(),
    log: [],
  };
}

let uids = 0;
export function freshUid(): string {
  uids += 1;
  return `u${uids}`;
}

/**
 * One sync: local changes out, `incoming` in, the local sessions made to match what merged. As
 * `stint sync` does, what merged is checked first: a session the store would refuse throws.
 */
export function sync(device: Device, incoming: readonly Change[], nowMs: number): void {
  const present = new Set(device.local.map((s) => s.uid));
  const result = syncRound({
    device: device.name,
    clock: device.clock,
    merged: device.merged,
    candidates: device.local,
    vanished: [...device.synced].filter((uid) => !present.has(uid)),
    incoming,
    nowMs,
    newUid: freshUid,
  });
  checkMerged(result.apply, device.merged, { changes: incoming, fileOf: () => 'another device' }, device.local);
  device.clock = result.clock;
  device.log.push(...result.outgoing);
  for (const { from, to } of result.renamed) {
    const session = device.local.find((s) => s.uid === from);
    if (session) session.uid = to;
  }
  for (const { uid, session } of result.apply) {
    const index = device.local.findIndex((s) => s.uid === uid);
    if (session === null) {
      if (index >= 0) device.local.splice(index, 1);
      continue;
    }
    const { device: _origin, ...fields } = session;
    if (index >= 0) device.local[index] = { ...fields, id: (device.local[index] as Session).id };
    else device.local.push({ ...fields, id: device.nextId++ });
  }
  device.synced = new Set(device.local.map((s) => s.uid));
}

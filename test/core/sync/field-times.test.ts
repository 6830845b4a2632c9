import { expect, test } from 'vitest';
import type { Session } from '../../../src/core/session.js';
import { syncRound } from '../../../src/core/sync/exchange.js';
import { fieldTimes, type HistoryStep } from '../../../src/core/sync/field-times.js';
import { ZERO_HLC } from '../../../src/core/sync/hlc.js';
import { applyChange, keyed, type Merged } from '../../../src/core/sync/merge.js';

// Each changed field is stamped with the time it changed on its device (the undo history's
// steps), not the session's last change: a later note edit must not carry an earlier pause past
// a stop made in between on another device.

const at = (hhmm: string) => `2026-11-20T${hhmm}:00Z`;
const ms = (hhmm: string) => Date.parse(at(hhmm));

const running: Session = {
  id: 1,
  uid: 'u1',
  task: 'run1',
  started_at: at('11:10'),
  stopped_at: null,
  status: 'running',
  planned_seconds: null,
  pauses: [],
  tags: [],
  note: null,
  updated_at: at('11:10'),
};
const paused: Session = { ...running, status: 'paused', pauses: [{ started_at: at('11:15'), ended_at: null }], updated_at: at('11:15') };
const noted: Session = { ...paused, note: 'later note', updated_at: at('11:25') };
const stopped: Session = { ...running, status: 'completed', stopped_at: at('11:20'), updated_at: at('11:20') };

/** The history since the sync at 11:11 on the desk: pause at 11:15, note at 11:25. */
const deskSteps: HistoryStep[] = [
  { at: at('11:15'), places: ['active'], before: [running] },
  { at: at('11:25'), places: ['active'], before: [paused] },
];

/** The merged state both devices had after syncing the running session at 11:11. */
function syncedMerged(): Merged {
  const merged: Merged = keyed();
  const round = syncRound({
    device: 'lap',
    clock: ZERO_HLC,
    merged,
    candidates: [running],
    vanished: [],
    incoming: [],
    nowMs: ms('11:11'),
    newUid: () => 'x',
  });
  expect(round.outgoing).toHaveLength(1);
  return merged;
}

test('the newest step that changed a field gives its time; fields no step changed are absent', () => {
  expect(fieldTimes(noted, deskSteps, at('11:11'), ms('11:30'))).toEqual({ state: ms('11:15'), note: ms('11:25') });
  // Only the note step left (the pause older than the last sync): the state is not accounted for.
  expect(fieldTimes(noted, deskSteps.slice(1), at('11:20'), ms('11:30'))).toEqual({ note: ms('11:25') });
  // A step that created the session changed every field.
  const created = fieldTimes(running, [{ at: at('11:10'), places: ['active'], before: [] }], null, ms('11:11'));
  expect(created).toMatchObject({ task: ms('11:10'), state: ms('11:10'), note: ms('11:10') });
  // A step that rewrote another place did not touch it.
  expect(fieldTimes(noted, [{ at: at('11:26'), places: ['2026-10'], before: [] }, ...deskSteps], null, 0)).toEqual({
    state: ms('11:15'),
    note: ms('11:25'),
  });
});

test('each changed field is sent under its own time: the laptop’s later stop beats the desk’s earlier pause', () => {
  const [lap, desk] = [syncedMerged(), syncedMerged()];
  const clock = { ms: ms('11:11'), counter: 0, device: '' };
  const fromDesk = syncRound({
    device: 'desk',
    clock: { ...clock, device: 'desk' },
    merged: desk,
    candidates: [noted],
    vanished: [],
    fieldTimes: { u1: fieldTimes(noted, deskSteps, at('11:11'), ms('11:30')) },
    incoming: [],
    nowMs: ms('11:30'),
    newUid: () => 'x',
  });
  expect(fromDesk.outgoing).toEqual([
    { uid: 'u1', at: `${String(ms('11:15')).padStart(15, '0')}.000000.desk`, set: { state: expect.anything() } },
    {
      uid: 'u1',
      at: `${String(ms('11:25')).padStart(15, '0')}.000000.desk`,
      set: { note: 'later note', updated_at: at('11:25') },
    },
  ]);
  const fromLap = syncRound({
    device: 'lap',
    clock: { ...clock, device: 'lap' },
    merged: lap,
    candidates: [stopped],
    vanished: [],
    fieldTimes: { u1: { state: ms('11:20') } },
    incoming: fromDesk.outgoing,
    nowMs: ms('11:30'),
    newUid: () => 'x',
  });
  for (const change of fromLap.outgoing) applyChange(desk, change);
  for (const merged of [lap, desk]) {
    expect(merged.u1?.fields.state?.[0]).toEqual({ status: 'completed', stopped_at: at('11:20'), pauses: [] });
    expect(merged.u1?.fields.note?.[0]).toBe('later note');
    expect(merged.u1?.fields.updated_at?.[0]).toBe(at('11:25'));
  }
});

test('a session put back by undo after the last sync is a change made then, not at its restored updated_at', () => {
  const synced: Session = { ...running, note: 'y', updated_at: at('11:20') };
  const undone: Session = { ...running }; // updated_at 11:10, before the sync at 11:21
  // No step after the sync: the undo was made before this sync (11:45).
  expect(fieldTimes(undone, [], at('11:21'), ms('11:45'))).toMatchObject({ note: ms('11:45') });
  // A step still there after the sync was made after the undo (undo takes the newest first).
  const later: HistoryStep = { at: at('11:42'), places: ['2026-10'], before: [] };
  expect(fieldTimes(undone, [later], at('11:21'), ms('11:45'))).toMatchObject({ note: ms('11:42') });
  // A session changed since the sync keeps its own times.
  expect(fieldTimes({ ...synced, updated_at: at('11:30') }, [], at('11:21'), ms('11:45'))).toEqual({});
});

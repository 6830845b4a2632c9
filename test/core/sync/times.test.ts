import fc from 'fast-check';
import { expect, test } from 'vitest';
import { timesProblem } from '../../../src/core/corrections.js';
import type { Session } from '../../../src/core/session.js';
import { type Device, freshUid, newDevice, sync } from './model.js';

// A session's start and its state (status, stop, pauses) are separate fields, so edits of both on
// two devices are both kept. When together they make an impossible session (the stop or a pause
// before the start), the later change keeps its value and the earlier one yields as little as it can.

const at = (hhmm: string) => `2026-03-02T${hhmm}:00Z`;
const ms = (hhmm: string) => Date.parse(at(hhmm));

function pair(): [Device, Device, string] {
  const [a, b] = [newDevice('a', 0), newDevice('b', 0)];
  const uid = freshUid();
  a.local.push({
    id: a.nextId++,
    uid,
    task: 'coding',
    started_at: at('09:00'),
    stopped_at: null,
    status: 'running',
    planned_seconds: null,
    pauses: [],
    tags: [],
    note: null,
    updated_at: at('09:00'),
  });
  sync(a, [], ms('09:00'));
  sync(b, a.log, ms('09:01'));
  return [a, b, uid];
}

const one = (d: Device) => d.local[0] as Session;
type Edit = (d: Device) => void;
const moveStart =
  (to: string, when: string): Edit =>
  (d) =>
    Object.assign(one(d), { started_at: at(to), updated_at: at(when) });
/** A stop at `to`, made at `when` (`stop --at`): its stamp is `when`'s. */
const stopAt =
  (to: string, when = to): Edit =>
  (d) =>
    Object.assign(one(d), { status: 'completed', stopped_at: at(to), updated_at: at(when) });
const pauseAt =
  (from: string, to: string | null, when: string): Edit =>
  (d) =>
    Object.assign(one(d), {
      pauses: [{ started_at: at(from), ended_at: to === null ? null : at(to) }],
      status: to === null ? 'paused' : 'running',
      updated_at: at(when),
    });

test.each<[string, Edit, Edit, Pick<Session, 'started_at' | 'stopped_at' | 'status' | 'pauses'>]>([
  [
    'a start moved past a stop made earlier elsewhere: the start wins, the stop meets it',
    moveStart('10:00', '10:30'),
    stopAt('09:45'),
    { started_at: at('10:00'), stopped_at: at('10:00'), status: 'completed', pauses: [] },
  ],
  [
    'a stop made after a start was moved past it: the stop wins, the start goes back to it',
    moveStart('10:00', '10:30'),
    stopAt('09:45', '10:40'),
    { started_at: at('09:45'), stopped_at: at('09:45'), status: 'completed', pauses: [] },
  ],
  [
    'both fit together: both kept',
    moveStart('09:30', '10:30'),
    stopAt('09:45'),
    { started_at: at('09:30'), stopped_at: at('09:45'), status: 'completed', pauses: [] },
  ],
  [
    'a start moved later wins over an earlier pause: the pause is cut to the start',
    moveStart('09:40', '10:30'),
    pauseAt('09:20', '09:50', '09:50'),
    { started_at: at('09:40'), stopped_at: null, status: 'running', pauses: [{ started_at: at('09:40'), ended_at: at('09:50') }] },
  ],
  [
    'a start moved later wins over a pause that ended before it: the pause goes',
    moveStart('09:40', '10:30'),
    pauseAt('09:10', '09:20', '09:20'),
    { started_at: at('09:40'), stopped_at: null, status: 'running', pauses: [] },
  ],
  [
    'a later pause wins over a start moved past it: the start goes back to the pause',
    moveStart('09:40', '09:45'),
    pauseAt('09:20', null, '09:50'),
    { started_at: at('09:20'), stopped_at: null, status: 'paused', pauses: [{ started_at: at('09:20'), ended_at: null }] },
  ],
])('%s; every device shows the same valid session', (_name, onA, onB, expected) => {
  const [a, b] = pair();
  onA(a);
  onB(b);
  const [aAt, bAt] = [ms('11:00'), ms('11:00')];
  sync(a, [], aAt);
  sync(b, a.log, bAt);
  sync(a, b.log, aAt + 60_000);
  for (const d of [a, b]) {
    expect(one(d)).toMatchObject(expected);
    expect(timesProblem(one(d), '9999-12-31T23:59:59Z')).toBeNull();
  }
  // Settled: another round sends nothing and changes nothing.
  const [logA, logB] = [a.log.length, b.log.length];
  sync(a, b.log, aAt + 120_000);
  sync(b, a.log, bAt + 120_000);
  expect([a.log.length, b.log.length]).toEqual([logA, logB]);
  expect(one(a)).toEqual({ ...one(b), id: one(a).id });
});

test('whatever start, stop and pauses two devices set apart, both show one valid session', () => {
  const minute = fc.integer({ min: 0, max: 120 });
  const clock = (m: number) => new Date(ms('09:00') + m * 60_000).toISOString().replace('.000Z', 'Z');
  fc.assert(
    fc.property(minute, minute, minute, minute, minute, fc.boolean(), (start, when, pauseFrom, pauseLen, stamp, stops) => {
      const [a, b] = pair();
      // a moves the start (earlier or later, never past its own now); b pauses, then maybe stops.
      Object.assign(one(a), { started_at: clock(Math.min(start, when)), updated_at: clock(when) });
      const end = pauseFrom + pauseLen;
      Object.assign(one(b), {
        pauses: [{ started_at: clock(pauseFrom), ended_at: clock(end) }],
        status: stops ? 'completed' : 'running',
        stopped_at: stops ? clock(end) : null,
        updated_at: clock(Math.max(end, stamp)),
      });
      sync(a, [], ms('12:00'));
      sync(b, a.log, ms('12:00'));
      sync(a, b.log, ms('12:01'));
      expect(timesProblem(one(a), '9999-12-31T23:59:59Z')).toBeNull();
      expect(one(a)).toEqual({ ...one(b), id: one(a).id });
    }),
    { numRuns: 300 },
  );
});

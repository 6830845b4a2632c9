import fc from 'fast-check';
import { expect, test } from 'vitest';
import { timesProblem } from '../../../src/core/corrections.js';
import type { Session } from '../../../src/core/session.js';
import { fold, snapshotChanges } from '../../../src/core/sync/compact.js';
import { mergedSessions } from '../../../src/core/sync/exchange.js';
import { applyChange, type Change, keyed, type Merged } from '../../../src/core/sync/merge.js';
import { SEED_VARIABLE } from '../../helpers/seeded.js';
import { type Device, freshUid, newDevice, sync } from './model.js';

// Three devices run random commands (start, stop, pause, resume, edit of each field, rm, add,
// import, undo) and compact their logs at random points, with clocks up to ten minutes off, and sync in random orders, each time seeing a
// random part of the others' logs, repeated and shuffled. After everyone has seen everything:
// every device shows the same sessions, field for field; merging again changes nothing; no
// write is lost (each field holds its latest-stamped value); nothing deleted comes back. And at
// every sync, every session the merge makes is one the store reads (model.ts checks it as
// `stint sync` does, before applying), however starts, stops and pauses made apart combine.

const START = Date.parse('2026-03-01T09:00:00Z');
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
/** Sessions "exported" elsewhere: two devices may import the same one. */
const EXPORTED = ['exp-1', 'exp-2', 'exp-3'];
/** Skewed clocks put some instants ahead of another device's now: validity is checked without it. */
const LAST_INSTANT = '9999-12-31T23:59:59Z';

type Step = { device: number; op: number; pick: number; value: number; advance: number };

const step = fc.record({
  device: fc.nat(2),
  op: fc.nat(14),
  pick: fc.nat(50),
  value: fc.nat(1000),
  advance: fc.nat(600),
});

function command(device: Device, s: Step, nowMs: number, deliver: () => Change[]): void {
  const now = iso(nowMs);
  const active = device.local.filter((x) => x.status === 'running' || x.status === 'paused');
  const pickFrom = (list: Session[]) => list[s.pick % Math.max(1, list.length)];
  const before = structuredClone(device.local);
  const remember = () => {
    device.undo.push(before);
  };
  const target = pickFrom(device.local);
  switch (s.op) {
    case 0:
    case 1: {
      const focus = s.value % 3 === 0 && !active.some((x) => x.planned_seconds !== null);
      device.local.push(
        session(device, { task: `task${s.value % 5}`, started_at: now, planned_seconds: focus ? 1500 : null, updated_at: now }),
      );
      remember();
      return;
    }
    case 2: {
      const x = pickFrom(active);
      if (!x) return;
      // Now, or earlier (`stop --at`) when that still fits the session.
      const back = iso(Date.parse(x.started_at) + (s.value % 600) * 1000);
      const open = x.pauses.at(-1)?.ended_at === null;
      const stop = s.pick % 2 && !open && timesProblem({ ...x, stopped_at: back }, now) === null ? back : now;
      const pause = x.pauses.at(-1);
      if (pause && pause.ended_at === null) pause.ended_at = stop;
      Object.assign(x, { status: 'completed', stopped_at: stop, updated_at: now });
      remember();
      return;
    }
    case 3: {
      const x = pickFrom(active.filter((a) => a.status === 'running'));
      if (!x) return;
      x.pauses.push({ started_at: now, ended_at: null });
      Object.assign(x, { status: 'paused', updated_at: now });
      remember();
      return;
    }
    case 4: {
      const x = pickFrom(active.filter((a) => a.status === 'paused'));
      const pause = x?.pauses.at(-1);
      if (!x || !pause) return;
      pause.ended_at = now;
      Object.assign(x, { status: 'running', updated_at: now });
      remember();
      return;
    }
    case 5:
    case 6: {
      if (!target) return;
      const field = s.value % 4;
      if (field === 0) target.task = `task${s.value % 7}`;
      if (field === 1) target.tags = s.value % 2 ? [] : [`g${s.value % 3}`, 'x'];
      if (field === 2) target.note = s.value % 5 === 0 ? null : `n${s.value}`;
      if (field === 3) {
        // Earlier, or later: past a stop or a pause made elsewhere, which the merge must repair.
        // Later goes as far as edit allows (close to now), so it often crosses a stop made elsewhere.
        const moved = iso(s.pick % 2 ? nowMs - (s.value % 60) * 1000 : Date.parse(target.started_at) - s.value * 1000);
        if (timesProblem({ ...target, started_at: moved }, now) !== null) return;
        target.started_at = moved;
      }
      target.updated_at = now;
      remember();
      return;
    }
    case 7: {
      if (!target) return;
      device.local.splice(device.local.indexOf(target), 1);
      remember();
      return;
    }
    case 8: {
      device.local.push(
        session(device, {
          task: 'added',
          started_at: iso(nowMs - 7_200_000),
          stopped_at: iso(nowMs - 3_600_000),
          status: 'completed',
          updated_at: now,
        }),
      );
      remember();
      return;
    }
    case 9: {
      const uid = EXPORTED[s.value % EXPORTED.length] as string;
      if (device.local.some((x) => x.uid === uid)) return;
      const start = '2026-02-01T10:00:00Z';
      device.local.push(
        session(device, {
          uid,
          task: 'imported',
          started_at: start,
          stopped_at: '2026-02-01T11:00:00Z',
          status: 'completed',
          updated_at: '2026-02-02T00:00:00Z',
        }),
      );
      remember();
      return;
    }
    case 10: {
      const previous = device.undo.pop();
      if (previous) device.local = previous;
      return;
    }
    case 11: {
      // Compaction: a prefix of the device's log (a snapshot and segments, once compacted before)
      // folded into a snapshot; the others may have read any part of it, or none.
      const k = s.value % (device.log.length + 1);
      device.log = [...snapshotChanges(fold(device.log.slice(0, k))), ...device.log.slice(k)];
      return;
    }
    default:
      sync(device, deliver(), nowMs);
  }
}

function session(device: Device, fields: Partial<Session>): Session {
  return {
    id: device.nextId++,
    uid: freshUid(),
    task: 'unnamed',
    started_at: '',
    stopped_at: null,
    status: 'running',
    planned_seconds: null,
    pauses: [],
    tags: [],
    note: null,
    updated_at: '',
    ...fields,
  };
}

/** A random part of every other device's log, some changes twice, shuffled. */
function delivery(devices: Device[], self: Device, picks: number[]): Change[] {
  const all = devices.filter((d) => d !== self).flatMap((d) => d.log);
  const out: Change[] = [];
  all.forEach((change, i) => {
    const p = picks[i % picks.length] ?? 0;
    if (p % 3 !== 0) out.push(change);
    if (p % 5 === 0) out.push(change);
  });
  return out.sort((a, b) => ((picks[a.at.length % picks.length] ?? 0) % 2 ? a.at.localeCompare(b.at) : b.at.localeCompare(a.at)));
}

const everything = (devices: Device[], self: Device) => devices.filter((d) => d !== self).flatMap((d) => d.log);
const view = (d: Device) => d.local.map(({ id: _id, ...rest }) => rest).sort((a, b) => a.uid.localeCompare(b.uid));

const given = process.env[SEED_VARIABLE];
const seed = given ? Number(given) : Math.floor(Math.random() * 2 ** 31);

test('three devices converge whatever the order, skew and repetition of syncs', ({ onTestFailed }) => {
  onTestFailed(() => console.error(`Replay this run with ${SEED_VARIABLE}=${seed}`));
  const property = fc.property(
    fc.array(fc.integer({ min: -600_000, max: 600_000 }), { minLength: 3, maxLength: 3 }),
    fc.array(step, { minLength: 1, maxLength: 40 }),
    fc.array(fc.nat(100), { minLength: 1, maxLength: 20 }),
    (skews, steps, picks) => {
      const devices = skews.map((skew, i) => newDevice(`dev${i}`, skew));
      let real = START;
      for (const s of steps) {
        real += s.advance * 1000;
        const device = devices[s.device] as Device;
        command(device, s, real + device.skewMs, () => delivery(devices, device, [...picks, s.pick]));
      }
      // Everyone sees everything, twice over (what others sent in the first round too).
      for (let round = 0; round < 2; round += 1) {
        for (const device of devices)
          sync(device, delivery(devices, device, [0]).concat(everything(devices, device)), real + device.skewMs);
      }
      const [first] = devices as [Device];
      const expected = mergedSessions(first.merged);
      const deleted = new Set(devices.flatMap((d) => d.log.filter((c) => 'deleted' in c).map((c) => c.uid)));
      // Every session is one the commands could have made: stop not before start, pauses inside.
      for (const s of expected) expect(timesProblem(s, LAST_INSTANT), s.uid).toBeNull();
      for (const device of devices) {
        expect(mergedSessions(device.merged)).toEqual(expected);
        expect(view(device)).toEqual(expected.map(({ device: _d, ...rest }) => rest));
        for (const uid of deleted) expect(device.local.some((s) => s.uid === uid)).toBe(false);
      }
      // Idempotent and order-free: all logs merged from nothing, backwards and twice, give the same.
      const all = devices.flatMap((d) => d.log);
      const fresh: Merged = keyed();
      for (const change of [...all].reverse().concat(all)) applyChange(fresh, change);
      expect(mergedSessions(fresh)).toEqual(expected);
      // No lost write: each field holds the value of the latest change that set it.
      for (const s of expected) {
        const sets = all.filter((c) => c.uid === s.uid && 'set' in c).sort((a, b) => a.at.localeCompare(b.at));
        const latest = (field: string) => sets.filter((c) => 'set' in c && field in c.set).at(-1);
        const task = latest('task');
        expect(task && 'set' in task ? task.set.task : undefined).toBe(s.task);
        const note = latest('note');
        expect(note && 'set' in note ? note.set.note : undefined).toBe(s.note);
      }
    },
  );
  fc.assert(property, { numRuns: 1000, seed });
});

import { join } from 'node:path';
import { conflict, invalidInput, StintError } from '../core/errors.js';
import { isActive, type Session } from '../core/session.js';
import { decodeStamp, DEVICE_PATTERN, encodeStamp, type Hlc } from '../core/sync/hlc.js';
import { keyed } from '../core/sync/merge.js';
import { checkMerged } from '../core/sync/check.js';
import { syncRound } from '../core/sync/exchange.js';
import { emptySyncData, type PendingApply, type RemoteKind, type SyncData, type SyncEntries, type SyncReport } from '../core/sync/state.js';
import { toStoredInstant } from '../core/time.js';
import type { Files } from '../jobs/files.js';
import { ACTIVE, type Store } from '../store/store.js';
import { applyToStore, filingOf, StoreMoved, type Work } from './apply.js';
import { finishPending } from './finish.js';
import { localFieldTimes } from './history.js';
import { compactOwn, devicesIn, readIncoming, registerDevice, writeSegment } from './root.js';
import { type Env, type Exec, GIT_CLONE_DIR, transportFor } from './transport.js';

export interface SyncSeam {
  store: Store;
  files: Files;
  exec: Exec;
  env: Env;
  dataDir: string;
  now(): Date;
  newUid(): string;
  /** How many of its own log segments a device keeps before folding them into a snapshot. */
  compactAfter?: number;
  /** A failure in the words the command prints it (the CLI's): the last error `sync status` shows. */
  describe?: (error: unknown) => string;
}

export interface SyncSetup {
  kind: RemoteKind;
  url: string;
  device: string;
  /** A store already syncing with another remote moves to this one (README "Moving to another remote"). */
  move?: boolean;
}

/** `stint sync`: the first time with `setup`, then as configured. One sync at a time (sync.lock). */
export function runSync(seam: SyncSeam, setup?: SyncSetup): Promise<SyncReport> {
  return seam.store.sync.exclusive(async () => {
    const state = await seam.store.sync.read();
    const before = state.remote;
    const moving = setup !== undefined && adopt(state, setup);
    const joining = setup !== undefined && (before === null || moving);
    if (!state.remote || !state.device) {
      throw invalidInput('Sync not set up', 'run stint sync --git <url> or stint sync --folder <path> first');
    }
    const { remote, device } = state;
    // A first setup recorded, its name not yet on the remote: if that fails, nothing stays
    // recorded, and the next setup may name another remote or another device.
    let unconfirmed = false;
    try {
      const transport = transportFor(remote.kind, remote.url, { ...seam, device });
      if (setup && remote.kind === 'folder' && !seam.files.info(remote.url, true)) seam.files.makeDir(remote.url);
      const root = await transport.open();
      if (joining) {
        // Case aside: on macOS or Windows, or a folder shared with them, Laptop and laptop are one folder.
        const taken = devicesIn(seam.files, root).find((name) => name.toLowerCase() === device.toLowerCase());
        if (taken !== undefined) {
          throw conflict(
            'Device name taken',
            `a device named ${taken} already syncs through ${remote.url}; choose another with --device <name>`,
          );
        }
        registerDevice(seam.files, root, device, toStoredInstant(seam.now()), seam.newUid());
        if (moving) {
          // What was merged with the old remote is forgotten: the whole history goes to the new one.
          await seam.store.sync.forget();
          if (before?.kind === 'git' && remote.kind === 'folder') seam.files.removeTree(join(seam.dataDir, GIT_CLONE_DIR));
        }
        // Recorded here and handed on at once, before any change: the name is taken on the remote
        // even if this device has nothing to send, and a setup killed after this point is
        // finished by the next sync instead of finding its own name taken.
        await seam.store.sync.write(state);
        unconfirmed = true;
        await transport.publish(`stint: ${device} joined`);
        unconfirmed = false;
      }
      if (state.pending) await finishPending(seam.store, seam.files, root, state, state.pending);
      // What a failed or killed sync could not send: sent now, and counted with this sync's.
      const resent = state.outbox?.changes.length ?? 0;
      if (state.outbox) {
        writeSegment(seam.files, root, device, state.outbox.name, state.outbox.changes);
        await transport.publish(`stint: ${device}`);
        state.outbox = null;
      }
      for (let attempt = 1; ; attempt += 1) {
        try {
          // When the local changes are read: what is changed here after it (while this sync
          // publishes, say) is after the last sync, stamped by its own time at the next one.
          const readAt = toStoredInstant(seam.now());
          const report = await round(seam, state, root, device);
          const outbox = state.outbox as SyncData['outbox'];
          if (outbox) {
            writeSegment(seam.files, root, device, outbox.name, outbox.changes);
            state.devices[device] = outbox.name.slice(0, -'.json'.length);
            await transport.publish(`stint: ${device}, ${report.sent} changes`);
            state.outbox = null;
          }
          // After the segment is handed on: the snapshot holds everything this device has sent.
          if (compactOwn(seam.files, root, device, seam.compactAfter) > 0) await transport.publish(`stint: ${device} compacted`);
          state.last_sync = readAt;
          state.last_error = null;
          await seam.store.sync.write(state);
          return { ...report, sent: report.sent + resent, device, remote };
        } catch (error) {
          if (!(error instanceof StoreMoved) || attempt >= 5) throw error;
          Object.assign(state, await seam.store.sync.read());
        }
      }
    } catch (error) {
      if (unconfirmed) await seam.store.sync.write(emptySyncData());
      const latest = await seam.store.sync.read();
      // A setup that did not get as far as recording itself leaves no clone of its remote behind
      // for the next setup (perhaps with another remote) to mistake for its own.
      if (latest.device === null && remote.kind === 'git') seam.files.removeTree(join(seam.dataDir, GIT_CLONE_DIR));
      // Whatever failed (git, the folder, a file here the system refused): status says it.
      if (latest.device !== null) {
        latest.last_error = { at: toStoredInstant(seam.now()), message: (seam.describe ?? reasonText)(error), hint: hintFor(remote.kind) };
        await seam.store.sync.write(latest);
      }
      throw error;
    }
  });
}

const reasonText = (error: unknown): string =>
  error instanceof StintError ? `${error.title}: ${error.message}` : error instanceof Error ? error.message : String(error);

const hintFor = (kind: RemoteKind) =>
  kind === 'git'
    ? 'check that the remote answers (git ls-remote <url>) and that you may push, then run stint sync again'
    : 'check that the folder is there and writable, then run stint sync again';

/** The setup made the state's (in memory); true when the store moves to another remote. */
function adopt(state: SyncData, setup: SyncSetup): boolean {
  if (!DEVICE_PATTERN.test(setup.device)) {
    throw invalidInput('Invalid device name', `'${setup.device}': use letters, digits, '.', '_' and '-' (up to 63)`);
  }
  const moving = state.remote !== null && (state.remote.url !== setup.url || state.remote.kind !== setup.kind);
  if (moving && !setup.move) {
    throw conflict(
      'Already syncing',
      `this store syncs with ${state.remote?.kind} ${state.remote?.url}; run stint sync without --${setup.kind}, or add --move to sync with ${setup.url} from now on`,
    );
  }
  if (moving) {
    // A new device there, as far as the new remote knows; only the clock goes on.
    Object.assign(state, { ...emptySyncData(), clock: state.clock, device: setup.device });
  }
  if (state.device && state.device !== setup.device) {
    throw conflict('Already syncing', `this store syncs as ${state.device}; run stint sync without --device`);
  }
  state.remote = { kind: setup.kind, url: setup.url };
  state.device = state.device ?? setup.device;
  return moving;
}

/**
 * What changed here since the last sync: the sessions that may have changed (more is harmless),
 * the uids it left here that are gone (removed locally), and the merged state of both, read from
 * their shards alone. Only the months that changed are read, and only their lists of uids.
 */
export async function localChanges(
  store: Store,
  state: SyncData,
): Promise<{ revision: number; candidates: Session[]; vanished: string[]; entries: SyncEntries }> {
  const changes = await store.changesSince(state.revision);
  const inChanged = [...changes.active, ...Object.values(changes.months).flat()];
  const present = new Set(inChanged.map((s) => s.uid));
  const looked = new Set(['active', ...Object.keys(changes.months)]);
  const filed = await store.sync.filed(looked);
  // A month changes whole: of its sessions, those as the last sync left them are not candidates.
  const candidates = inChanged.filter((s) => filed[s.uid] !== filingOf(s)[2]);
  const gone = Object.keys(filed).filter((uid) => !present.has(uid));
  const entries = await store.sync.entries([...candidates.map((s) => s.uid), ...gone]);
  // A list may still name a session filed elsewhere since (a sync killed between its writes):
  // the place its shard records is believed.
  const vanished = gone.filter((uid) => {
    const place = entries.local[uid];
    return place !== undefined && looked.has(place[1]);
  });
  return { revision: changes.revision, candidates, vanished, entries };
}

/** One exchange: local changes since the last sync out, everything new in, the store made to match. */
async function round(seam: SyncSeam, state: SyncData, root: string, device: string): Promise<Omit<SyncReport, 'device' | 'remote'>> {
  const { revision, candidates, vanished, entries } = await localChanges(seam.store, state);
  const incoming = readIncoming(seam.files, root, device, state.seen);
  const loaded = new Set([...candidates.map((s) => s.uid), ...vanished]);
  const more = await seam.store.sync.entries(new Set(incoming.changes.map((c) => c.uid).filter((uid) => !loaded.has(uid))));
  Object.assign(entries.merged, more.merged);
  Object.assign(entries.local, more.local);
  const clock: Hlc = (state.clock && decodeStamp(state.clock)) || { ms: 0, counter: 0, device };
  const nowMs = seam.now().getTime();
  const result = syncRound({
    device,
    clock: { ...clock, device },
    merged: entries.merged,
    candidates,
    vanished,
    fieldTimes: await localFieldTimes(seam.store, candidates, state.last_sync, nowMs),
    incoming: incoming.changes,
    nowMs,
    newUid: seam.newUid,
  });
  // Before anything is written: a session the store would refuse on read stops the sync here.
  checkMerged(result.apply, entries.merged, incoming, candidates);
  const places: Work['places'] = keyed();
  for (const s of candidates) places[s.uid] = filingOf(s);
  for (const uid of vanished) places[uid] = null;
  state.clock = encodeStamp(result.clock);
  for (const name of devicesIn(seam.files, root)) state.devices[name] = incoming.latest[name] ?? state.devices[name] ?? null;
  const last = result.outgoing.at(-1);
  state.outbox = last ? { name: `${last.at}.json`, changes: result.outgoing } : null;
  const pending: PendingApply = { revision, seen: incoming.seen, renamed: result.renamed, touched: result.apply.map((a) => a.uid) };
  const work: Work = { entries, places, apply: result.apply };
  const counts = await applyToStore(seam.store, state, pending, revision, work, { arrived: result.received > 0 });
  // Reported at every sync while it lasts, not only the one that made it: nothing is dropped.
  const focus = (await seam.store.read(ACTIVE)).sessions.filter((s) => isActive(s) && s.planned_seconds !== null);
  const focus_conflict =
    focus.length > 1 ? focus.map((s) => ({ uid: s.uid, session_id: s.id, task: s.task, device: s.device ?? device })) : [];
  return { sent: result.outgoing.length, received: result.received, ...counts, focus_conflict };
}

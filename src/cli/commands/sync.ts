import { resolve } from 'node:path';
import { invalidInput } from '../../core/errors.js';
import { syncRound } from '../../core/sync/exchange.js';
import { decodeStamp, ZERO_HLC } from '../../core/sync/hlc.js';
import type { SyncData } from '../../core/sync/state.js';
import { syncLine, syncStatusText, type SyncStatus } from '../../render/sync-text.js';
import { leadsIntoDataDir } from '../../store/data-dir-guard.js';
import { localChanges, runSync, type SyncSeam, type SyncSetup } from '../../sync/run.js';
import type { Context } from '../context.js';
import { failureText } from '../errors.js';
import type { Deps } from '../deps.js';

export interface SyncOptions {
  git?: string;
  folder?: string;
  device?: string;
  move?: boolean;
}

export const syncSeam = (deps: Deps): SyncSeam => ({
  store: deps.store,
  files: deps.files,
  exec: deps.exec,
  env: deps.env,
  dataDir: deps.dataDir,
  now: deps.now,
  newUid: deps.newUid,
  describe: failureText,
});

/** The host name as a device name: its first label, what a device name may hold. */
export const defaultDevice = (host: string): string =>
  host
    .split('.')[0]
    ?.replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '') || 'device';

/** `stint sync`: set up the first time (--git / --folder), then exchange changes. */
export async function sync(options: SyncOptions, ctx: Context): Promise<number> {
  if (options.git !== undefined && options.folder !== undefined) throw invalidInput('Invalid options', 'give --git or --folder, not both');
  if (options.device !== undefined && options.git === undefined && options.folder === undefined) {
    throw invalidInput('Invalid options', '--device names this device the first time, with --git or --folder');
  }
  if (options.move && options.git === undefined && options.folder === undefined) {
    throw invalidInput('Invalid options', '--move takes the remote to move to: --git <url> or --folder <path>');
  }
  // A store that moves keeps its name unless given another.
  const current = options.move ? (await ctx.deps.store.sync.read()).device : null;
  const setup = setupFrom({ ...options, device: options.device ?? current ?? undefined }, ctx);
  const report = await runSync(syncSeam(ctx.deps), setup);
  if (ctx.json) ctx.printJson(report);
  else ctx.print(syncLine(report));
  for (const s of report.focus_conflict) {
    ctx.warn(`focus session #${s.session_id} ${s.task} (from ${s.device}) is active with another: stop one of them`);
  }
  return 0;
}

/**
 * The remote given the first time, refused whole (exit 2) when it cannot work: an empty one, a git
 * URL git would read as an option, a folder in the data directory (sync would replicate the store
 * into itself) or a path that is a file. A folder, and a git repository given by its path, are
 * kept absolute, so later syncs from any directory find them; a folder that does not exist yet is
 * created by the first sync.
 */
function setupFrom(options: SyncOptions, ctx: Context): SyncSetup | undefined {
  const device = options.device ?? defaultDevice(ctx.deps.hostName());
  if (options.git !== undefined) {
    if (options.git.trim() === '' || options.git.startsWith('-')) {
      throw invalidInput('Invalid remote', `'${options.git}' is not a git URL; give one git clone accepts (ssh, https, a path)`);
    }
    const url = gitRemote(options.git, (path) => ctx.deps.files.info(path, true)?.kind === 'directory');
    return { kind: 'git', url, device, move: options.move };
  }
  if (options.folder === undefined) return undefined;
  if (options.folder.trim() === '') throw invalidInput('Invalid folder', 'give the path of the folder to sync through');
  const url = resolve(options.folder);
  if (leadsIntoDataDir(url, ctx.deps.dataDir)) {
    throw invalidInput('Invalid folder', `${options.folder} is in the data directory ${ctx.deps.dataDir}; choose a folder outside it`);
  }
  const kind = ctx.deps.files.info(url, true)?.kind;
  if (kind !== undefined && kind !== 'directory') throw invalidInput('Invalid folder', `${options.folder} is not a folder`);
  return { kind: 'folder', url, device, move: options.move };
}

/**
 * A git remote as stored: a path on this machine made absolute, as a folder is, so that a clone
 * made again later from any directory finds it. git takes for a path what is neither a URL
 * (`scheme://…`) nor scp's `host:path` (a colon before any slash); a folder that exists here is
 * taken for that folder, whatever its name.
 */
export function gitRemote(url: string, isFolder: (path: string) => boolean): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) return url;
  const colon = url.indexOf(':');
  const scp = colon >= 0 && !url.slice(0, colon).includes('/');
  return scp && !isFolder(resolve(url)) ? url : resolve(url);
}

const instantOf = (stamp: string): string => new Date(decodeStamp(stamp)?.ms ?? 0).toISOString().replace('.000Z', 'Z');

/**
 * The outbox and what a sync now would send besides. A sync killed with its merge pending has
 * already folded the changes since its revision into the outbox and the sessions it touched,
 * which still look changed until it is finished: those are not counted twice.
 */
function unsentOf(state: SyncData, outgoing: readonly { uid: string }[]): number {
  const folded = new Set([...(state.outbox?.changes ?? []).map((c) => c.uid), ...(state.pending?.touched ?? [])]);
  const besides = state.pending ? outgoing.filter((c) => !folded.has(c.uid)) : outgoing;
  return besides.length + (state.outbox?.changes.length ?? 0);
}

/** `stint sync status`: what sync knows, read without changing anything. */
export async function syncStatus(options: SyncOptions, ctx: Context): Promise<number> {
  const given = (['git', 'folder', 'device', 'move'] as const).find((key) => options[key] !== undefined);
  if (given) throw invalidInput('Invalid options', `sync status only reports; --${given} goes to stint sync itself`);
  const state = await ctx.deps.store.sync.read();
  if (!state.remote || !state.device)
    throw invalidInput('Sync not set up', 'run stint sync --git <url> or stint sync --folder <path> first');
  // What a sync now would send: the same round on a copy, nothing written.
  const { candidates, vanished, entries } = await localChanges(ctx.deps.store, state);
  const dry = syncRound({
    device: state.device,
    clock: (state.clock && decodeStamp(state.clock)) || { ...ZERO_HLC, device: state.device },
    merged: entries.merged,
    candidates,
    vanished,
    incoming: [],
    nowMs: ctx.deps.now().getTime(),
    newUid: () => 'dry-run',
  });
  const status: SyncStatus = {
    remote: state.remote,
    device: state.device,
    devices: Object.entries(state.devices)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, stamp]) => ({ name, last_change: stamp === null ? null : instantOf(stamp) })),
    unsent: unsentOf(state, dry.outgoing),
    last_sync: state.last_sync,
    last_error: state.last_error,
  };
  if (ctx.json) ctx.printJson(status);
  else ctx.print(syncStatusText(status, ctx.deps.now()));
  return 0;
}

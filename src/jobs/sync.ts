import { invalidInput } from '../core/errors.js';
import { JOB_CONFIG_KEYS } from '../core/job-config.js';
import { syncLine } from '../render/sync-text.js';
import { runSync } from '../sync/run.js';
import { allowKeys } from './config.js';
import type { JobKind } from './runner.js';

/** `--type sync`: runs `stint sync` on its schedule, with the remote set up by the first `stint sync`. */
export const sync: JobKind = {
  type: 'sync',
  check(config) {
    allowKeys(config, 'sync', JOB_CONFIG_KEYS.sync);
    return {};
  },
  async run(_job, ctx) {
    const state = await ctx.store.sync.read();
    if (!state.remote || !state.device) {
      throw invalidInput('Sync not set up', 'run stint sync --git <url> or stint sync --folder <path> once first');
    }
    if (ctx.dryRun) return `would sync ${state.device} with ${state.remote.kind} ${state.remote.url}`;
    if (!ctx.sync) throw invalidInput('Sync unavailable', 'this job runner cannot run programs');
    const report = await runSync({ ...ctx.sync, store: ctx.store, files: ctx.files, dataDir: ctx.dataDir, now: () => ctx.now });
    const conflicts =
      report.focus_conflict.length > 1
        ? ` Focus conflict: ${report.focus_conflict.map((s) => `#${s.session_id} ${s.task}`).join(', ')} are both active.`
        : '';
    return `${syncLine(report).trim()}${conflicts}`;
  },
};

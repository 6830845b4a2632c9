import type { Command } from 'commander';
import type { SyncOptions } from './commands/sync.js';
import type { Invoke } from './context.js';
import { examples } from './options.js';

// `stint sync …`: sync across devices through git or a replicated folder (README "Sync across devices").

const handlers = () => import('./commands/sync.js');

export function addSyncCommands(program: Command, invoke: Invoke): void {
  const sync = program
    .command('sync')
    .description('Exchange changes with your other devices (the first time: --git <url> or --folder <path>).')
    .option('--git <url>', 'The first time: sync through this git remote (ssh, https, a path to a bare repository).')
    .option('--folder <path>', 'The first time: sync through this folder, replicated by Syncthing, Dropbox or a share.')
    .option('--device <name>', "The first time: this device's name (default: the host name).")
    .option('--move', 'With --git or --folder: sync with that remote from now on, instead of the one set up.')
    .addHelpText(
      'after',
      examples('sync --git git@example.com:me/stint-sync.git', 'sync --folder ~/Sync/stint --device laptop', 'sync', 'sync status'),
    )
    .action((opts: SyncOptions, cmd: Command) => invoke(cmd, async () => (await handlers()).sync, opts));

  sync
    .command('status')
    .description('Show the remote, this device, the devices seen, changes not yet sent and the last error.')
    .addHelpText('after', examples('sync status', 'sync status --json'))
    // sync's own options (--git, --folder, --device, --move) would otherwise reach status unseen: passed on to be refused.
    .action((_opts: object, cmd: Command) => invoke(cmd, async () => (await handlers()).syncStatus, cmd.parent?.opts<SyncOptions>() ?? {}));
}

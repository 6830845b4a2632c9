import type { Command } from 'commander';
import { invalidInput } from '../core/errors.js';
import type { ServeOptions } from './commands/serve.js';
import type { Invoke } from './context.js';
import { examples } from './options.js';

/** commander argParser for `--port`: 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65_535) throw invalidInput('Invalid port', `'${value}' is not a port (0 to 65535)`);
  return port;
}

export function addServeCommand(program: Command, invoke: Invoke): void {
  program
    .command('serve')
    .description('Serve the HTTP APIs and the dashboard on 127.0.0.1 until Ctrl-C; print the URL to open.')
    .option('--port <n>', 'The port (default 0: a free one).', parsePort)
    .option('--open', 'Open the dashboard in the browser.')
    .option('--allow-remote <address>', 'Listen on this address instead of loopback (the token is still required).')
    .option('--rotate-token', 'Replace the API token (logging every dashboard out) and print it; serve nothing.')
    .addHelpText('after', examples('serve', 'serve --port 8765 --open', 'serve --json   # {"url","port","token"}', 'serve --rotate-token'))
    .action((opts: ServeOptions, cmd: Command) => invoke(cmd, async () => (await import('./commands/serve.js')).serve, opts));
}

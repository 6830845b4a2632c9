import { spawn } from 'node:child_process';

/** Opens `url` in the user's browser (`--open`); a missing opener is a warning, not a failure. */
export function openBrowser(url: string, warn: (text: string) => void): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => warn(`could not open a browser (${command}); open the URL yourself`));
  child.unref();
}

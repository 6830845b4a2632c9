import { invalidInput } from '../../core/errors.js';
import { createApp } from '../../server/app.js';
import { createAuth } from '../../server/auth.js';
import { loopbackHosts, type ServerContext } from '../../server/context.js';
import { routeGroups } from '../../server/groups.js';
import { listen } from '../../server/listen.js';
import { openBrowser } from '../../server/open-browser.js';
import {
  claimServerFile,
  readOrCreateToken,
  releaseServerFile,
  rotateToken,
  tokenWatcher,
  updateServerFile,
} from '../../store/server-files.js';
import type { Context } from '../context.js';
import { movingClock, zoneKey } from '../deps.js';

export interface ServeOptions {
  port?: number | undefined;
  open?: boolean | undefined;
  /** An address other than loopback to listen on: explicit, and the token is still required. */
  allowRemote?: string | undefined;
  rotateToken?: boolean | undefined;
}

const LOOPBACK = '127.0.0.1';

/** `[::1]` for an IPv6 address, as it appears in a Host header. */
const hostName = (address: string) => (address.includes(':') ? `[${address}]` : address);

/**
 * `stint serve`: the documents' APIs and the dashboard on loopback until SIGINT or SIGTERM.
 * server.json says where it runs (and keeps a second server out); it goes when the server does.
 */
export async function serve(options: ServeOptions, ctx: Context): Promise<number> {
  const { deps } = ctx;
  if (options.rotateToken) {
    const token = rotateToken(deps.dataDir);
    if (ctx.json) ctx.printJson({ token });
    else ctx.print(`A new token is in place; the old one and every dashboard login no longer work.\n${token}\n`);
    return 0;
  }
  if (options.allowRemote !== undefined && options.allowRemote.trim() === '') {
    throw invalidInput('Invalid address', '--allow-remote needs the address to listen on');
  }
  // Every address at once would answer only to Host names nobody uses (the Host check allows the
  // address given): one address, the one clients will type.
  if (options.allowRemote !== undefined && ['0.0.0.0', '::', '[::]'].includes(options.allowRemote)) {
    throw invalidInput('Invalid address', `--allow-remote takes one address of this machine, not ${options.allowRemote}`);
  }
  const hostname = options.allowRemote ?? LOOPBACK;
  readOrCreateToken(deps.dataDir);
  const pid = process.pid;
  claimServerFile(deps.dataDir, { port: 0, pid, url: '' });
  try {
    const context: ServerContext = {
      store: deps.store,
      now: movingClock(deps.now),
      newUid: deps.newUid,
      zone: zoneKey(deps.env),
      auth: createAuth(tokenWatcher(deps.dataDir)),
      hosts: new Set(),
      files: deps.files,
      home: deps.home,
      dataDir: deps.dataDir,
    };
    const server = await listen(createApp(context, routeGroups(context)), hostname, options.port ?? 0);
    for (const host of loopbackHosts(server.port)) context.hosts.add(host);
    if (options.allowRemote !== undefined) context.hosts.add(`${hostName(hostname)}:${server.port}`);
    const base = `http://${hostName(hostname)}:${server.port}`;
    const url = `${base}/auth/${context.auth.issueCode()}`;
    updateServerFile(deps.dataDir, { port: server.port, pid, url: base });
    let stop = () => undefined as void;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const unsubscribe = deps.onStop(() => stop());
    if (ctx.json) ctx.printJson({ url, port: server.port, token: context.auth.token() });
    else {
      if (options.allowRemote !== undefined) ctx.warn(`listening on ${hostname}: other machines can reach this server (with the token)`);
      // SPEC: one line, the URL, so a script can read it; the hint is for people, on stderr.
      ctx.print(`${url}\n`);
      deps.stderr('stint serve: open the URL above (it works once); Ctrl-C stops the server.\n');
    }
    if (options.open) openBrowser(url, ctx.warn);
    await stopped;
    unsubscribe();
    await server.close();
  } finally {
    releaseServerFile(deps.dataDir, pid);
  }
  return 0;
}

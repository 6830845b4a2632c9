import type { Files } from '../jobs/files.js';
import type { Store } from '../store/store.js';
import type { Auth } from './auth.js';

/**
 * What every route needs, built from the command's Deps so a test hands in a memory store and a
 * fixed clock: routes never read the clock, the environment or the disk themselves.
 */
export interface ServerContext {
  /** The same store the CLI uses; its `config` and `jobs` documents too. */
  store: Store;
  /** The clock: STINT_NOW when set (moving with real time while the server runs), else the system's. */
  now(): Date;
  newUid(): string;
  /** The local time zone's key (TZ, or where /etc/localtime points): for caches and reports. */
  zone: string | null;
  /** The token, the dashboard's cookies and the one-time code. */
  auth: Auth;
  /**
   * The Host names (with the port) a request may carry; set once the port is known. Loopback
   * names only, unless `--allow-remote` adds the address listened on.
   */
  hosts: Set<string>;
  /** What jobs touch and must never touch (Timer4Tasker's routes run stint's jobs). */
  files: Files;
  home: string;
  dataDir: string;
}

/** `127.0.0.1:port`, `localhost:port`, `[::1]:port`: the only Host values a loopback server answers. */
export function loopbackHosts(port: number): Set<string> {
  return new Set(['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`));
}

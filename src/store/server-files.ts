import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { conflict, storeError } from '../core/errors.js';
import { isErrno, named, readTextIfExists, writeFileWhole, writeNewFile } from './atomic-file.js';
import { SERVER_FILE, TOKEN_FILE } from './paths.js';

// The files `stint serve` keeps beside the store: the API token and the running server's address.
// Both are 0600: the token is a password, and server.json says where to use it.

/** What `server.json` holds while a server runs. */
export interface ServerInfo {
  port: number;
  pid: number;
  url: string;
}

const newToken = (): string => randomBytes(32).toString('base64url');
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function ensureDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw storeError('Cannot create data directory', dataDir, named(error, dataDir));
  }
}

/** The token, made on first use; a file that is not a token (edited by hand) is replaced. */
export function readOrCreateToken(dataDir: string): string {
  ensureDir(dataDir);
  const file = join(dataDir, TOKEN_FILE);
  const text = readTextIfExists(file)?.trim();
  if (text !== undefined && TOKEN_SHAPE.test(text)) {
    // A token file loosened by hand (or a umask) is tightened: it is a password.
    chmodSync(file, 0o600);
    return text;
  }
  return rotateToken(dataDir);
}

/** A new token replaces the old one: a running server reads it on its next request. */
export function rotateToken(dataDir: string): string {
  ensureDir(dataDir);
  const token = newToken();
  writeFileWhole(join(dataDir, TOKEN_FILE), `${token}\n`, { mode: 0o600 });
  return token;
}

/**
 * The current token as a running server sees it: read again only when the file changed
 * (a stat per request, no read), so `serve --rotate-token` from another shell takes effect at once.
 */
export function tokenWatcher(dataDir: string): () => string {
  const file = join(dataDir, TOKEN_FILE);
  let seen = '';
  let token = readOrCreateToken(dataDir);
  return () => {
    const stat = statSync(file, { throwIfNoEntry: false });
    const key = stat ? `${stat.ino}:${stat.mtimeMs}:${stat.size}` : '';
    if (key !== seen) {
      token = readOrCreateToken(dataDir);
      seen = key;
    }
    return token;
  };
}

function parseInfo(text: string): ServerInfo | null {
  try {
    const value = JSON.parse(text) as Partial<ServerInfo>;
    if (Number.isInteger(value.port) && Number.isInteger(value.pid) && typeof value.url === 'string') return value as ServerInfo;
  } catch {
    // A torn or hand-edited file says nothing about a live server.
  }
  return null;
}

/** Whether process `pid` is alive (EPERM: alive, another user's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

/** The server that runs now, if any: a server.json left by a killed server (dead pid) is not one. */
export function runningServer(dataDir: string): ServerInfo | null {
  const text = readTextIfExists(join(dataDir, SERVER_FILE));
  const info = text === null ? null : parseInfo(text);
  return info && alive(info.pid) ? info : null;
}

/**
 * Claims server.json for this process, created exclusively so two servers starting at once
 * cannot both win; a stale one (killed server) is replaced. Another live server is a conflict.
 */
export function claimServerFile(dataDir: string, info: ServerInfo): void {
  ensureDir(dataDir);
  const file = join(dataDir, SERVER_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeNewFile(file, `${JSON.stringify(info)}\n`, { mode: 0o600 });
      return;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const other = runningServer(dataDir);
    if (other && other.pid !== info.pid) {
      throw conflict('Server already running', `stint serve already runs on port ${other.port} (pid ${other.pid}): ${other.url}`);
    }
    rmSync(file, { force: true });
  }
  throw conflict('Server already running', `another stint serve is starting in ${dataDir}`);
}

/** Rewrites server.json once the port is known (it was claimed before listening). */
export function updateServerFile(dataDir: string, info: ServerInfo): void {
  writeFileWhole(join(dataDir, SERVER_FILE), `${JSON.stringify(info)}\n`, { mode: 0o600 });
}

/** Removes server.json if it is still this process's. */
export function releaseServerFile(dataDir: string, pid: number): void {
  const text = readTextIfExists(join(dataDir, SERVER_FILE));
  if (text !== null && parseInfo(text)?.pid === pid) rmSync(join(dataDir, SERVER_FILE), { force: true });
}

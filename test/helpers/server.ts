import type { Hono } from 'hono';
import type { TrackerData } from '../../src/core/session.js';
import { createApp } from '../../src/server/app.js';
import { createAuth } from '../../src/server/auth.js';
import { loopbackHosts, type ServerContext } from '../../src/server/context.js';
import { routeGroups } from '../../src/server/groups.js';
import type { RouteGroup } from '../../src/server/route-group.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { memoryFiles } from './memory-files.js';
import { expectResponseMatches } from './openapi.js';
import { spawnStint, type Result } from './spawn.js';

export const TEST_PORT = 4111;
export const BASE = `http://127.0.0.1:${TEST_PORT}`;
export const TEST_TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
  text: string;
}

export interface RequestOptions {
  /** A JSON value, or a raw string sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The bearer token to send; null sends none. Default: the right one. */
  token?: string | null;
  /** The origin the request goes to (the Host it carries). Default: BASE. */
  base?: string;
}

export interface ServerHarness {
  app: Hono;
  /** The files jobs see, by path. */
  files: Map<string, string>;
  store: MemoryStore;
  ctx: ServerContext;
  setNow(iso: string): void;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
}

export interface ServerHarnessOptions {
  now?: string;
  data?: TrackerData;
  /** The groups to mount (default: all of `stint serve`'s). */
  groups?: (ctx: ServerContext) => RouteGroup[];
}

/** The real app in-process (`app.fetch`, no port) on a memory store with a fixed clock. */
export function serverHarness(options: ServerHarnessOptions = {}): ServerHarness {
  const store = createMemoryStore(options.data ?? null);
  let now = new Date(options.now ?? '2026-01-15T13:30:00Z');
  let uid = 0;
  const files = new Map<string, string>();
  const ctx: ServerContext = {
    store,
    now: () => now,
    newUid: () => `uid-${++uid}`,
    zone: 'TZ=Europe/Paris',
    auth: createAuth(() => TEST_TOKEN),
    hosts: loopbackHosts(TEST_PORT),
    files: memoryFiles(files),
    home: '/home/tester',
    dataDir: '/home/tester/.stint',
  };
  const app = createApp(ctx, (options.groups ?? routeGroups)(ctx));
  return {
    app,
    files,
    store,
    ctx,
    setNow(iso) {
      now = new Date(iso);
    },
    request: (method, path, request = {}) => send(app.fetch, method, path, request),
  };
}

async function send(fetch: (request: Request) => Response | Promise<Response>, method: string, path: string, options: RequestOptions) {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? TEST_TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(new Request(`${options.base ?? BASE}${path}`, { method, headers, body, redirect: 'manual' }));
  return reply(response);
}

export async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a page, an empty body): the text is the body.
  }
  return { status: response.status, headers: response.headers, body, text };
}

export interface RunningServer {
  /** The one-time dashboard URL printed at start. */
  url: string;
  port: number;
  token: string;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** A request with the token (unless `token: null`), over the real socket. */
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  /** SIGTERM, then the exit. */
  stop(): Promise<Result>;
  done: Promise<Result>;
  pid: number;
}

/** Spawns the built `stint serve --port 0 --json` on a temp home; resolves once it prints its line. */
export async function startServer(home: string, options: { now?: string; env?: Record<string, string>; args?: string[] } = {}) {
  const { child, done } = spawnStint(['serve', '--port', '0', '--json', ...(options.args ?? [])], { home, ...options });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    void done.then((result) => reject(new Error(`stint serve exited ${result.code}: ${result.stderr}`)));
  });
  const { url, port, token } = JSON.parse(line) as { url: string; port: number; token: string };
  const base = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    port,
    token,
    base,
    pid: child.pid ?? 0,
    done,
    request: (method, path, request = {}) =>
      send(fetch, method, path, { base, ...request, token: request.token === undefined ? token : request.token }),
    stop: () => {
      child.kill('SIGTERM');
      return done;
    },
  };
  return server;
}

/**
 * The harness whose every reply is checked against the served OpenAPI document: a route test
 * written with it proves the document describes what the route answers.
 */
export function checkedHarness(options: ServerHarnessOptions = {}): ServerHarness {
  const h = serverHarness(options);
  let doc: object | undefined;
  return {
    ...h,
    async request(method, path, request) {
      doc ??= (await h.request('GET', '/api/openapi.json')).body as object;
      const answer = await h.request(method, path, request);
      expectResponseMatches(doc, method, path, answer.status, answer.body);
      return answer;
    },
  };
}

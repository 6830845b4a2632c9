import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startServer } from '../helpers/server.js';
import { spawnStint, stint, useTempHome } from '../helpers/spawn.js';

let home = '';
useTempHome((made) => {
  home = made;
});

const mode = (file: string) => statSync(file).mode & 0o777;

test('serve prints {url,port,token}, keeps server.json and the token 0600, and removes server.json on SIGTERM', async () => {
  const server = await startServer(home);
  try {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/auth/[A-Za-z0-9_-]{43}$`));
    expect(mode(join(home, 'server.json'))).toBe(0o600);
    expect(mode(join(home, 'server.token'))).toBe(0o600);
    expect(readFileSync(join(home, 'server.token'), 'utf8').trim()).toBe(server.token);
    expect(JSON.parse(readFileSync(join(home, 'server.json'), 'utf8'))).toEqual({ port: server.port, pid: server.pid, url: server.base });
    expect((await server.request('GET', '/api/openapi.json')).status).toBe(200);
    expect((await server.request('GET', '/api/openapi.json', { token: null })).status).toBe(401);
  } finally {
    const result = await server.stop();
    expect(result.code).toBe(0);
  }
  expect(existsSync(join(home, 'server.json'))).toBe(false);
});

test('SIGINT stops it cleanly too', async () => {
  const server = await startServer(home);
  process.kill(server.pid, 'SIGINT');
  expect((await server.done).code).toBe(0);
  expect(existsSync(join(home, 'server.json'))).toBe(false);
});

test('a second serve while one runs exits 4 naming its port; a stale server.json is taken over', async () => {
  const server = await startServer(home);
  try {
    const second = await stint(['serve', '--port', '0'], { home });
    expect(second.code).toBe(4);
    expect(second.stderr).toBe(
      `stint: Server already running: stint serve already runs on port ${server.port} (pid ${server.pid}): ${server.base}\n`,
    );
  } finally {
    await server.stop();
  }
  // A server killed with SIGKILL leaves its file: the next one sees its pid is gone.
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'server.json'), JSON.stringify({ port: 1, pid: 2 ** 22 + 1, url: 'http://127.0.0.1:1' }), { mode: 0o600 });
  const next = await startServer(home);
  await next.stop();
});

test('the token survives restarts; --rotate-token replaces it and a running server follows at once', async () => {
  const server = await startServer(home);
  try {
    const rotated = await stint(['serve', '--rotate-token', '--json'], { home });
    expect(rotated.code).toBe(0);
    const { token } = JSON.parse(rotated.stdout) as { token: string };
    expect(token).not.toBe(server.token);
    expect(mode(join(home, 'server.token'))).toBe(0o600);
    expect((await server.request('GET', '/api/openapi.json')).status).toBe(401);
    expect((await server.request('GET', '/api/openapi.json', { token })).status).toBe(200);
  } finally {
    await server.stop();
  }
  const again = await startServer(home);
  const stored = readFileSync(join(home, 'server.token'), 'utf8').trim();
  await again.stop();
  expect(again.token).toBe(stored);
});

test.each([
  [['--port', '70000'], "stint: Invalid port: '70000' is not a port (0 to 65535)\n"],
  [['--port', '-1'], "stint: Invalid port: '-1' is not a port (0 to 65535)\n"],
  [['--allow-remote', ''], 'stint: Invalid address: --allow-remote needs the address to listen on\n'],
  [['--allow-remote', '0.0.0.0'], 'stint: Invalid address: --allow-remote takes one address of this machine, not 0.0.0.0\n'],
])('serve %j → exit 2, one line, nothing written', async (args, stderr) => {
  const result = await stint(['serve', ...args], { home });
  expect(result).toMatchObject({ code: 2, stderr, stdout: '' });
  expect(existsSync(join(home, 'server.json'))).toBe(false);
});

test('a real socket with a rebound Host is refused (421)', async () => {
  const server = await startServer(home);
  try {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/openapi.json',
          headers: { host: `evil.example:${server.port}`, authorization: `Bearer ${server.token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  } finally {
    await server.stop();
  }
});

test('it listens on 127.0.0.1 only: another address of the machine is refused at connect', async () => {
  const server = await startServer(home);
  try {
    const { connect } = await import('node:net');
    const others = [
      '127.0.0.2',
      ...Object.values(networkInterfaces()).flatMap((list) =>
        (list ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address),
      ),
    ];
    for (const host of others) {
      const error = await new Promise<string>((resolve) => {
        const socket = connect({ host, port: server.port }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(error, host).toBe('ECONNREFUSED');
    }
  } finally {
    await server.stop();
  }
});

test('--allow-remote is explicit: that address and its Host are served, still only with the token', async () => {
  // 127.0.0.2 is another address of this machine (all of 127/8 is loopback on Linux): it stands
  // for a LAN address without opening the test machine to its network.
  const server = await startServer(home, { args: ['--allow-remote', '127.0.0.2'] });
  try {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.2:${server.port}/auth/`));
    const remote = `http://127.0.0.2:${server.port}`;
    expect((await server.request('GET', '/api/openapi.json', { base: remote })).status).toBe(200);
    expect((await server.request('GET', '/api/openapi.json', { base: remote, token: null })).status).toBe(401);
  } finally {
    await server.stop();
  }
});

test('without --json it prints one line, the URL, once listening (the hint goes to stderr)', async () => {
  const { child, done } = spawnStint(['serve', '--port', '0'], { home });
  const line = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out);
    });
  });
  expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/[A-Za-z0-9_-]{43}\n$/);
  const port = Number(/:(\d+)\//.exec(line)?.[1]);
  expect(JSON.parse(readFileSync(join(home, 'server.json'), 'utf8')).port).toBe(port);
  child.kill('SIGTERM');
  const result = await done;
  expect(result).toMatchObject({ code: 0, stdout: line });
  expect(result.stderr).toContain('Ctrl-C');
});

test('the Task Timer checklist over a real socket, against the CLI’s store', async () => {
  const server = await startServer(home);
  try {
    const call = (method: string, path: string, body?: unknown) => server.request(method, path, body === undefined ? {} : { body });
    expect(await call('POST', '/sessions/start', { task_name: 'coding' })).toMatchObject({ status: 201, body: { session_id: 1 } });
    expect(await call('POST', '/sessions/start', { task_name: 'meeting' })).toMatchObject({ status: 201, body: { session_id: 2 } });
    expect(await call('POST', '/sessions/1/stop')).toMatchObject({
      status: 200,
      body: { status: 'completed', duration_seconds: expect.any(Number) },
    });
    expect(await call('POST', '/sessions/1/stop')).toMatchObject({ status: 400, body: { error: 'Session already stopped' } });
    expect((await call('GET', '/sessions')).body).toMatchObject({ total: 2 });
    expect((await call('GET', '/sessions?status=running')).body).toMatchObject({ total: 1, sessions: [{ session_id: 2 }] });
    expect((await call('GET', '/sessions?status=completed')).body).toMatchObject({ total: 1, sessions: [{ session_id: 1 }] });
    expect(await call('GET', '/sessions/2')).toMatchObject({ status: 200, body: { session_id: 2, status: 'running' } });
    expect(await call('DELETE', '/sessions/1')).toMatchObject({ status: 200, body: { message: 'Session deleted successfully' } });
    expect(await call('POST', '/sessions/start', { task_name: 'ab' })).toMatchObject({ status: 400, body: { error: 'Invalid task name' } });
    // The CLI sees the server's session, and the server the CLI's stop, at once.
    const status = await stint(['status', '--json'], { home });
    expect(JSON.parse(status.stdout)).toMatchObject({ sessions: [{ session_id: 2, task_name: 'meeting' }] });
    expect((await stint(['stop', '2'], { home })).code).toBe(0);
    expect((await call('GET', '/sessions?status=running')).body).toEqual({ sessions: [], total: 0 });
  } finally {
    await server.stop();
  }
}, 90_000);

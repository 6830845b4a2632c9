import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { conflict, invalidInput } from '../core/errors.js';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Serves `app` on `hostname:port` (0: a free port); a port in use is a conflict (exit 4). */
export function listen(app: Hono, hostname: string, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }, (info: AddressInfo) => {
      server.off('error', onError);
      resolve({
        port: info.port,
        close: () =>
          new Promise((done) => {
            // Open keep-alive and event-stream connections would hold close() forever.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(conflict('Port in use', `Port ${port} on ${hostname} is already in use; try --port 0`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(invalidInput('Invalid address', `${hostname} is not an address of this machine`));
      else reject(error);
    };
    server.on('error', onError);
  });
}

// Starting and stopping an HTTP(S) server the same way in the web mode and the provincial server:
// listening reports a taken port as an error, and closing lets calls in flight finish.
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on host:port (0: a free port); a port already taken rejects (EADDRINUSE), so the caller can choose another. */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export interface GracefulClose {
  /** First thing for each request: once closing, the answer closes its connection (no keep-alive). */
  onRequest(res: ServerResponse): void;
  /**
   * Stops taking connections: idle keep-alive ones go now, calls in flight finish — or, with
   * `dropAfterMs`, are dropped after that long. Resolves when the server has closed.
   */
  close(): Promise<void>;
}

export function gracefulClose(server: Server, dropAfterMs?: number): GracefulClose {
  let closing = false;
  return {
    onRequest(res) {
      if (closing) res.setHeader('Connection', 'close');
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
        if (dropAfterMs !== undefined) setTimeout(() => server.closeAllConnections(), dropAfterMs).unref();
      }),
  };
}

/**
 * A real node:http server on a loopback address for the fetch client's tests: routes by path,
 * and counts what it saw (requests, the most at once), so tests can prove that a refused request
 * never arrived and that the per-host limit held.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request. */
export type Route = (request: IncomingMessage, response: ServerResponse) => unknown;

/** A running server and what it has seen. */
export interface FetchTestServer {
  /** `http://host:port` + path. */
  url(path: string): string;
  port: number;
  /** Requests received, in order (path and headers). */
  readonly seen: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  /** The most requests that were in progress at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/** Starts a server on `host` (default 127.0.0.1) and `port` (default a free one); unknown paths get 404. */
export async function startFetchTestServer(
  routes: Record<string, Route>,
  host = '127.0.0.1',
  port = 0,
): Promise<FetchTestServer> {
  const seen: FetchTestServer['seen'] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      inFlight--;
    };
    response.once('finish', done);
    response.once('close', done);
    const route = routes[(request.url ?? '').split('?')[0]!];
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such fixture');
      return;
    }
    Promise.resolve(route(request, response)).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: (path) => `http://${shownHost}:${bound}${path}`,
    port: bound,
    seen,
    maxInFlight: () => maxInFlight,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

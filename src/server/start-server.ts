/**
 * Runs the server until it is told to stop: listens, prints where, and on SIGINT/SIGTERM stops taking
 * requests, lets the ones in flight finish, and closes the archive cleanly.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.ts';
import type { AccessOptions } from './access/install-access.ts';
import { buildServer } from './build-server.ts';

/** Where and how to serve. */
export interface StartServerOptions {
  store: Store;
  host: string;
  port: number;
  rateLimitPerMinute: number;
  /** Bytes of finished answers kept for repeated requests (response-cache.ts); default none. */
  responseCacheBytes?: number;
  logLevel?: string;
  /** Who may read without signing in; default: no one. */
  access?: AccessOptions;
  /** Non-public ranges a feed an admin follows may be fetched from; default WIREWATCH_ALLOW_PRIVATE. */
  allowPrivate?: readonly string[];
}

/** A running server. */
export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  /** Stops listening and waits for requests in flight (the store stays open). */
  close(): Promise<void>;
}

/** Builds the app and listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = await buildServer({
    store: options.store,
    rateLimitPerMinute: options.rateLimitPerMinute,
    responseCacheBytes: options.responseCacheBytes ?? 0,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.access ? { access: options.access } : {}),
    ...(options.allowPrivate ? { allowPrivate: options.allowPrivate } : {}),
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { app, url: `http://${host}:${port}`, close: () => app.close() };
}

/**
 * Closes the server, then stops `background` work (the feed poller: its pass in flight finishes),
 * then closes the store, on the first SIGINT or SIGTERM.
 */
export function closeOnSignals(
  server: RunningServer,
  store: Store,
  background: Array<() => Promise<void>> = [],
): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info(`${signal}: stopping`);
    server
      .close()
      .then(() => Promise.all(background.map((stopWork) => stopWork())))
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          server.app.log.error({ err: error }, 'failed to stop cleanly');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

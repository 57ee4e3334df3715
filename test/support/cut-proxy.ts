/**
 * A TCP proxy on 127.0.0.1 in front of a real server, which a test can cut: every connection is
 * dropped at once, as when a database server goes away or the network fails, and later restored on
 * the same port. Used to show what a store does when its server disappears mid-write.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface CutProxy {
  /** `url` with its host and port replaced by the proxy's. */
  proxiedUrl(url: string): string;
  /** Bytes sent from clients to the server so far. */
  readonly bytesUp: number;
  /** Calls `action` once, when `bytesUp` first passes `bytes`. */
  whenUpstreamPasses(bytes: number, action: () => void): void;
  /** Drops every connection and stops accepting new ones. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startCutProxy(target: { host: string; port: number }): Promise<CutProxy> {
  const sockets = new Set<Socket>();
  let bytesUp = 0;
  let trigger: { bytes: number; action: () => void } | null = null;
  let server: Server;
  let port = 0;
  const listen = async () => {
    server = createServer((client) => {
      const upstream = createConnection(target);
      sockets.add(client).add(upstream);
      client.on('data', (chunk: Buffer) => {
        bytesUp += chunk.length;
        if (trigger && bytesUp >= trigger.bytes) {
          const { action } = trigger;
          trigger = null;
          action();
        }
      });
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  };
  const cut = async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await closed;
  };
  await listen();
  return {
    proxiedUrl(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    get bytesUp() {
      return bytesUp;
    },
    whenUpstreamPasses(bytes, action) {
      trigger = { bytes, action };
    },
    cut,
    restore: listen,
    close: async () => {
      if (server.listening) await cut();
    },
  };
}

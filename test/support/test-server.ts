/**
 * A real wirewatch server for tests: a fresh SQLite file (or any store given), listening on a free
 * port on 127.0.0.1, driven over HTTP like a user's browser or script would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultCacheEntries,
  defaultReadWorkers,
  defaultResponseCacheMb,
} from '../../src/config/load-config.ts';
import type { NewArticle } from '../../src/core/article.ts';
import { type RunningServer, startServer } from '../../src/server/start-server.ts';
import { withQueryExpansion } from '../../src/search/expanding-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createCachingStore } from '../../src/store/caching-store.ts';
import type { Store } from '../../src/store/store.ts';

/** A server and its archive, and how to stop both. */
export interface TestServer {
  url: string;
  store: Store;
  server: RunningServer;
  stop(): Promise<void>;
}

/**
 * Starts a server on a new SQLite archive holding `articles`, composed as `wirewatch serve` composes
 * it by default: query expansion, read worker threads, the answer cache and the response cache (so tests
 * meet what users meet).
 */
export async function startTestServer(
  articles: NewArticle[],
  options: { rateLimitPerMinute?: number; store?: Store } = {},
): Promise<TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'wirewatch-server-'));
  const store = createCachingStore(
    withQueryExpansion(
      options.store ??
        (await openSqliteStore({ path: join(directory, 'archive.db'), readWorkers: defaultReadWorkers })),
    ),
    { maxEntries: defaultCacheEntries },
  );
  if (articles.length > 0) await store.addArticles(articles);
  const server = await startServer({
    store,
    host: '127.0.0.1',
    port: 0,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    responseCacheBytes: defaultResponseCacheMb * 1024 * 1024,
    logLevel: 'silent',
  });
  return {
    url: server.url,
    store,
    server,
    async stop() {
      await server.close();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** GET `path` from the server and parse the JSON body (any status). */
export async function getJson(
  base: string,
  path: string,
): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: (await response.json()) as Record<string, unknown>,
  };
}

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
import { withQueryExpansion } from '../../src/search/expanding-store.ts';
import type { AccessOptions } from '../../src/server/access/install-access.ts';
import { type RunningServer, startServer } from '../../src/server/start-server.ts';
import { createCachingStore } from '../../src/store/caching-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { addUser, createToken } from '../../src/watch/accounts/manage-accounts.ts';

/** A server and its archive, and how to stop both. */
export interface TestServer {
  url: string;
  store: Store;
  server: RunningServer;
  /** Headers that write as the test's own admin (an API token with every scope). */
  writeHeaders: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts a server on a new SQLite archive holding `articles`, composed as `wirewatch serve` composes
 * it by default: query expansion, read worker threads, the answer cache and the response cache (so tests
 * meet what users meet).
 */
export async function startTestServer(
  articles: NewArticle[],
  options: {
    rateLimitPerMinute?: number;
    store?: Store;
    access?: AccessOptions;
    /** Non-public ranges a feed an admin follows may be fetched from (default: none). */
    allowPrivate?: readonly string[];
  } = {},
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
  // Tests read as anyone may on a server with anonymous reading on (unless they ask otherwise), and
  // write with the token of an admin made here.
  await addUser(store, { name: 'tester', role: 'admin', password: 'test server admin' }, 'cli:test');
  const { token } = await createToken(
    store,
    { userName: 'tester', scopes: ['read', 'write', 'admin'] },
    'cli:test',
  );
  const server = await startServer({
    store,
    host: '127.0.0.1',
    port: 0,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    responseCacheBytes: defaultResponseCacheMb * 1024 * 1024,
    logLevel: 'silent',
    access: options.access ?? { anonymousRead: true },
    allowPrivate: options.allowPrivate ?? [],
  });
  return {
    url: server.url,
    store,
    server,
    writeHeaders: { authorization: `Bearer ${token}` },
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

/**
 * The server under load, in its own process so that the load generator does not share its event loop:
 * `node --import tsx bench/http/server-child.ts DB` opens the archive, builds the real wirewatch server
 * (rate limit off, logging silent), adds one no-op route for the baseline, listens on 127.0.0.1:0 and
 * prints `{"url":…,"pid":…}` as its first stdout line. WIREWATCH_BENCH_CACHE_ENTRIES=N (default 0, off)
 * puts the read cache in front of the store, WIREWATCH_BENCH_RESPONSE_CACHE_MB=N (default 0, off) keeps
 * finished answers (response-cache.ts). SIGTERM closes the server and the archive.
 */
import { defaultReadWorkers } from '../../src/config/load-config.ts';
import { buildServer } from '../../src/server/build-server.ts';
import { createCachingStore } from '../../src/store/caching-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { noopPath } from './scenarios.ts';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: server-child.ts DB');

// WIREWATCH_BENCH_CACHE_ENTRIES=N puts the read cache (createCachingStore) in front, as the server does.
const cacheEntries = Number(process.env.WIREWATCH_BENCH_CACHE_ENTRIES ?? 0);
// WIREWATCH_BENCH_READ_WORKERS=N sends the store's slow reads to N worker threads (sqlite-read-pool.ts); default as the server.
const readWorkers = Number(process.env.WIREWATCH_BENCH_READ_WORKERS ?? defaultReadWorkers);
const store = createCachingStore(await openSqliteStore({ path: dbPath, mustExist: true, readWorkers }), {
  maxEntries: cacheEntries,
});
const responseCacheBytes = Number(process.env.WIREWATCH_BENCH_RESPONSE_CACHE_MB ?? 0) * 1024 * 1024;
const app = await buildServer({
  store,
  rateLimitPerMinute: 0,
  logLevel: 'silent',
  responseCacheBytes,
  // The benchmark reads as anyone may on a server with anonymous reading on.
  access: { anonymousRead: true },
});
app.get(noopPath, async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (typeof address !== 'object' || address === null) throw new Error('server has no address');
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}`, pid: process.pid })}\n`);

let closing = false;
process.on('SIGTERM', () => {
  if (closing) return;
  closing = true;
  app
    .close()
    .then(() => store.close())
    .then(
      // process.exit, not a natural end: --cpu-prof writes its profile on exit either way.
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`server child failed to stop: ${String(error)}\n`);
        process.exit(1);
      },
    );
});

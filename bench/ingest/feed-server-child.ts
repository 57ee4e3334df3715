/**
 * The fixture server in a process of its own, so that building and serving the feeds costs the
 * measured process neither CPU nor memory: `node --import tsx bench/ingest/feed-server-child.ts FEEDS
 * ITEMS SEED` prints `{"port":…,"pid":…,"totalFeedBytes":…,"totalWords":…}` as its first stdout line
 * once every feed is built. SIGTERM closes it; so does the end of its stdin, so it never outlives a
 * bench that died.
 */
import { startFeedServer } from './feed-server.ts';

const [feeds, items, seed] = process.argv.slice(2, 5).map(Number);
if (!Number.isInteger(feeds) || !Number.isInteger(items) || !Number.isInteger(seed)) {
  throw new Error('usage: feed-server-child.ts FEEDS ITEMS SEED');
}
const server = await startFeedServer(feeds!, items!, seed!);
process.stdout.write(
  `${JSON.stringify({ port: server.port, pid: process.pid, totalFeedBytes: server.totalFeedBytes, totalWords: server.totalWords })}\n`,
);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`feed server child failed to stop: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();

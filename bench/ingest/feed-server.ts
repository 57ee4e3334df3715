/**
 * The fixture server of the ingestion benchmark: a node:http server on 127.0.0.1 serving the bench
 * feeds (bench-feeds.ts) built once in memory, each with a strong ETag; a request whose If-None-Match
 * names it gets a 304 and no body. It counts what it answered, so the bench can prove that pass 1
 * fetched every feed and no page, and that pass 2 cost one 304 a feed. GET /__stats returns the counts
 * and this process's CPU time (not counted itself).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchFeedItems, type BenchFeedItem, feedEtag, renderFeedRss } from './bench-feeds.ts';

/** What the server has answered so far. */
export interface FeedServerStats {
  requests: number;
  /** 200 answers with a feed. */
  feeds: number;
  notModified: number;
  /** Anything else (a page request, a wrong path): the bench expects none. */
  notFound: number;
  bodyBytes: number;
  /** This process's CPU time so far (user + system), in seconds. */
  cpuSeconds: number;
}

/** A running fixture server. */
export interface FeedServer {
  port: number;
  /** Bytes of all feeds together, and the words of their items. */
  totalFeedBytes: number;
  totalWords: number;
  stats(): FeedServerStats;
  close(): Promise<void>;
}

/** The path the counts are read from. */
export const statsPath = '/__stats';

/** Starts the server with `feeds` feeds of `items` items from `seed`, on a free port of 127.0.0.1. */
export async function startFeedServer(feeds: number, items: number, seed: number): Promise<FeedServer> {
  const counts = { requests: 0, feeds: 0, notModified: 0, notFound: 0, bodyBytes: 0 };
  const stats = (): FeedServerStats => {
    const cpu = process.cpuUsage();
    return { ...counts, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  };
  let bodies: Array<{ body: Buffer; etag: string }> = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '';
    if (path === statsPath) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats()));
      return;
    }
    counts.requests++;
    const match = /^\/feeds\/(\d+)\.rss$/.exec(path);
    const feed = match ? bodies[Number(match[1])] : undefined;
    if (feed === undefined) {
      counts.notFound++;
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
      return;
    }
    if (request.headers['if-none-match'] === feed.etag) {
      counts.notModified++;
      response.writeHead(304, { etag: feed.etag }).end();
      return;
    }
    counts.feeds++;
    counts.bodyBytes += feed.body.length;
    response
      .writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        'content-length': String(feed.body.length),
        etag: feed.etag,
      })
      .end(feed.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  // The items' links carry the port, so the feeds are built once it is known.
  let totalWords = 0;
  let current: BenchFeedItem[] = [];
  const built: Array<{ body: Buffer; etag: string }> = [];
  const finish = () => {
    const body = renderFeedRss(port, current[0]!.feed, current);
    built.push({ body, etag: feedEtag(body) });
    current = [];
  };
  for (const entry of benchFeedItems(feeds, items, seed)) {
    if (current.length > 0 && entry.feed !== current[0]!.feed) finish();
    current.push(entry);
    totalWords += entry.words;
  }
  finish();
  bodies = built;
  return {
    port,
    totalFeedBytes: built.reduce((sum, feed) => sum + feed.body.length, 0),
    totalWords,
    stats,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

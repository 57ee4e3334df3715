import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createFetchClient } from '../../src/ingest/fetch/fetch-client.ts';
import { parseFeed } from '../../src/ingest/feeds/parse-feed.ts';
import { needsPage } from '../../src/ingest/poll/item-article.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { benchFeedItems, feedSourceName, feedUrl, maxItemWords, minItemWords } from './bench-feeds.ts';
import { timeBulkWrite } from './bulk-write.ts';
import { type FeedServer, startFeedServer } from './feed-server.ts';
import { fetchFeedsRaw } from './raw-fetch.ts';
import { timeFetchPass } from './timed-pass.ts';

const feeds = 3;
const items = 4;
const seed = 7;
let server: FeedServer;
let directory: string;

before(async () => {
  server = await startFeedServer(feeds, items, seed);
  directory = mkdtempSync(join(tmpdir(), 'wirewatch-ingest-bench-'));
});

after(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

const benchClient = () =>
  createFetchClient({ allowPrivate: ['127.0.0.0/8'], resolveHost: async () => ['127.0.0.1'] });

test('the bench feeds are the same for the same seed, in order, and of news-story length', () => {
  const first = [...benchFeedItems(feeds, items, seed)];
  const again = [...benchFeedItems(feeds, items, seed)];
  assert.equal(first.length, feeds * items);
  assert.deepEqual(again, first);
  assert.deepEqual(
    first.map((entry) => `${entry.feed}/${entry.item}`),
    Array.from({ length: feeds * items }, (_, n) => `${Math.floor(n / items)}/${n % items}`),
  );
  for (const entry of first) {
    assert.ok(entry.words >= minItemWords && entry.words <= maxItemWords, `${entry.words} words`);
  }
  assert.notDeepEqual(
    [...benchFeedItems(1, 1, seed + 1)][0]!.article.title,
    first[0]!.article.title,
    'another seed gives other items',
  );
});

test('a bench feed reads as full-content items (no page to fetch) and answers 304 to its ETag', async () => {
  const client = benchClient();
  try {
    const url = feedUrl(server.port, 1);
    const response = await client.fetchResource(url);
    assert.equal(response.status, 200);
    assert.ok(response.etag, 'the feed has an ETag');
    const feed = parseFeed({
      body: response.body,
      url: response.finalUrl,
      contentType: response.headers['content-type'],
      fetchedAt: new Date(),
    });
    assert.deepEqual(feed.warnings, []);
    assert.equal(feed.items.length, items);
    for (const item of feed.items) {
      assert.ok(item.contentHtml?.includes('<p>'), 'content:encoded is read');
      assert.equal(needsPage(item), false, `${item.url} would send the pass to its page`);
    }
    const again = await client.fetchResource(url, { etag: response.etag });
    assert.equal(again.notModified, true);
    assert.equal(again.body.length, 0);
  } finally {
    await client.close();
  }
});

test('the raw baseline, two fetch passes and the bulk write archive what the bench expects', async () => {
  const raw = await fetchFeedsRaw({ port: server.port, feeds, concurrency: 2 });
  assert.equal(raw.ok, feeds);
  assert.ok(raw.bodyBytes > feeds * items * minItemWords * 5, `${raw.bodyBytes} bytes`);
  const raw304 = await fetchFeedsRaw({ port: server.port, feeds, concurrency: 2, etags: raw.etags });
  assert.equal(raw304.notModified, feeds);
  assert.equal(raw304.bodyBytes, 0);

  const store = await openSqliteStore({ path: join(directory, 'pass.db') });
  const client = benchClient();
  try {
    for (let feed = 0; feed < feeds; feed++) {
      await store.subscriptions.add({
        feedUrl: feedUrl(server.port, feed),
        sourceName: feedSourceName(feed),
      });
    }
    const before = server.stats();
    const pass1 = await timeFetchPass(store, client);
    const during1 = server.stats();
    assert.deepEqual(pass1.problems, []);
    assert.equal(pass1.summary.newArticles, feeds * items);
    assert.ok(pass1.feedsMs > 0 && pass1.placementMs >= 0);
    assert.ok(Math.abs(pass1.feedsMs + pass1.placementMs - pass1.ms) < 1);
    // The peak covers the RSS at the end, whether read from VmHWM or sampled.
    assert.ok(pass1.memory.peakRssMb >= pass1.memory.endRssMb, JSON.stringify(pass1.memory));
    assert.equal(during1.requests - before.requests, feeds, 'one request a feed, no page fetched');
    assert.equal(during1.notFound, before.notFound);

    const pass2 = await timeFetchPass(store, client);
    const during2 = server.stats();
    assert.equal(pass2.summary.notModified, feeds);
    assert.equal(pass2.summary.newArticles, 0);
    assert.equal(during2.notModified - during1.notModified, feeds);
    assert.equal(during2.requests - during1.requests, feeds);
  } finally {
    await client.close();
    await store.close();
  }

  const bulk = await timeBulkWrite({
    path: join(directory, 'bulk.db'),
    port: server.port,
    feeds,
    items,
    seed,
  });
  assert.equal(bulk.inserted, feeds * items);
  assert.ok(bulk.ms > 0);
});

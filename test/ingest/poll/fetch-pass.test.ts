/**
 * Fetch passes end to end: invented outlets on a real HTTP server on 127.0.0.1, a real SQLite
 * archive, the real guarded client (allowed to reach 127.0.0.0/8 only, so the redirect to the
 * metadata address is still refused). Every feed is fetched, each bad one recorded as its own error,
 * the good ones archived; the second pass costs a 304 and no page fetches.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFetchClient, type FetchClient } from '../../../src/ingest/fetch/fetch-client.ts';
import { runFetchPass } from '../../../src/ingest/poll/fetch-pass.ts';
import { resolveFeed } from '../../../src/ingest/poll/resolve-feed.ts';
import { parseQuery } from '../../../src/search/query-parser.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import type { FetchTestServer } from '../fetch/fetch-test-server.ts';
import { entitySecret, fullFeedArticles, startOutletServer, teaserArticles } from './outlet-fixtures.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-poll-'));
let server: FetchTestServer;
let client: FetchClient;
let store: SqliteStore;

before(async () => {
  server = await startOutletServer();
  client = createFetchClient({ allowPrivate: ['127.0.0.0/8'], totalTimeoutMs: 5_000 });
  store = await openSqliteStore({ path: join(directory, 'archive.db') });
});
after(async () => {
  await client.close();
  await store.close();
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

const feeds = {
  full: '/feeds/full.rss',
  teasers: '/feeds/teasers.atom',
  cyrillic: '/feeds/cp1251.rss',
  broken: '/feeds/broken.xml',
  cut: '/feeds/cut.xml',
  entity: '/feeds/xxe.xml',
  error: '/feeds/error',
  metadata: '/feeds/metadata',
};

describe('fetch passes over real outlets on 127.0.0.1', () => {
  it('archives the good feeds and records each bad one as its own error', async () => {
    for (const [name, path] of Object.entries(feeds)) {
      await store.subscriptions.add({ feedUrl: server.url(path), sourceName: `Outlet ${name}` });
    }
    const summary = await runFetchPass(store, client, await store.subscriptions.list());
    assert.equal(summary.feeds, 8);
    const byUrl = new Map(summary.results.map((r) => [r.subscription.feedUrl, r]));
    const status = (path: string) => byUrl.get(server.url(path))!;

    assert.equal(status(feeds.full).newArticles, 3);
    assert.equal(status(feeds.teasers).newArticles, 2);
    assert.equal(status(feeds.cyrillic).newArticles, 1);
    assert.equal(status(feeds.broken).error?.code, 'FEED_NOT_A_FEED');
    assert.match(status(feeds.broken).subscription.lastError ?? '', /is an HTML page, not a feed/);
    assert.equal(status(feeds.cut).newArticles, 1, 'what a cut-off feed holds is kept');
    assert.ok(status(feeds.cut).warnings.some((w) => /cut short|not well-formed/.test(w)));
    assert.ok(
      status(feeds.cut).subscription.lastWarnings.some((w) => /cut short|not well-formed/.test(w)),
      'kept with the feed, for sources list and /sources',
    );
    assert.equal(status(feeds.error).error?.code, 'FETCH_HTTP_STATUS');
    assert.equal(status(feeds.error).subscription.lastStatus, 500);
    assert.equal(status(feeds.metadata).error?.code, 'FETCH_ADDRESS_BLOCKED');
    assert.match(status(feeds.metadata).subscription.lastError ?? '', /169\.254\.169\.254/);
    assert.equal(summary.failed, 3);
    assert.equal(summary.newArticles, 3 + 2 + 1 + 1 + status(feeds.entity).newArticles);

    for (const failed of [feeds.broken, feeds.error, feeds.metadata]) {
      const subscription = status(failed).subscription;
      assert.equal(subscription.consecutiveFailures, 1);
      assert.ok(
        Date.parse(subscription.nextFetchAt) - Date.now() > 50 * 60_000,
        'a failed feed is backed off',
      );
    }
  });

  it('keeps the full content, completes teasers from their pages, and keeps no script', async () => {
    for (const article of fullFeedArticles) {
      const page = await store.search({
        query: parseQuery(`"${article.title}"`),
        sort: 'relevance',
        page: 1,
        perPage: 5,
      });
      const hit = page.hits.find((h) => h.article.title === article.title);
      assert.ok(hit, article.title);
      assert.equal(hit.article.publishedAt, new Date(article.publishedAt!).toISOString());
      assert.equal(hit.article.canonicalUrl?.includes('utm_source'), false);
    }
    for (const [i, article] of teaserArticles.entries()) {
      const found = await store.search({
        query: parseQuery(`"${article.title}"`),
        sort: 'relevance',
        page: 1,
        perPage: 5,
      });
      const stored = await store.getArticle(found.hits[0]!.article.id);
      assert.ok(stored);
      assert.ok(
        stored.text.length > article.text.split('. ')[0]!.length + 50,
        'the page text, not the teaser',
      );
      assert.match(stored.html ?? '', /<p>/);
      assert.doesNotMatch(stored.html ?? '', /<script|onerror|javascript:/i);
      assert.doesNotMatch(stored.text, /page script|alert\(/);
      assert.doesNotMatch(stored.text, /All rights reserved|Privacy/, 'no site furniture');
      if (i === 1) {
        assert.equal(
          stored.publishedAt,
          '2025-05-09T06:15:00.000Z',
          "the page's date when the feed had none",
        );
        assert.equal(stored.publishedAtEstimated, false);
      }
    }
  });

  it('decodes a windows-1251 feed and never expands entities', async () => {
    const russian = await store.search({
      query: parseQuery('Токаев'),
      sort: 'relevance',
      page: 1,
      perPage: 5,
    });
    assert.ok(russian.total >= 1, 'the Cyrillic text is searchable');
    const all = await store.search({ query: parseQuery(''), sort: 'newest', page: 1, perPage: 50 });
    for (const hit of all.hits) {
      const article = await store.getArticle(hit.article.id);
      assert.ok(!`${article!.title} ${article!.text}`.includes(entitySecret), 'no entity text');
      assert.ok(!article!.text.includes('root:'), 'no file contents');
    }
  });

  it('costs a 304 and no page fetch the second time, and keeps counting the failures', async () => {
    const pagesBefore = server.seen.filter((s) => s.path.startsWith('/pages/')).length;
    const summary = await runFetchPass(store, client, await store.subscriptions.list());
    const byUrl = new Map(summary.results.map((r) => [r.subscription.feedUrl, r]));
    assert.equal(byUrl.get(server.url(feeds.full))!.status, 'not-modified');
    assert.equal(byUrl.get(server.url(feeds.teasers))!.status, 'unchanged');
    assert.equal(summary.newArticles, 0);
    assert.equal(
      server.seen.filter((s) => s.path.startsWith('/pages/')).length,
      pagesBefore,
      'no page fetched again',
    );
    assert.equal(byUrl.get(server.url(feeds.broken))!.subscription.consecutiveFailures, 2);
    const log = await store.subscriptions.fetchLog(byUrl.get(server.url(feeds.full))!.subscription.id, 5);
    assert.deepEqual(
      log.map((entry) => [entry.httpStatus, entry.notModified, entry.newArticles]),
      [
        [304, true, 0],
        [200, false, 3],
      ],
    );
  });

  it('finds the feed a site links to, and says so when it links to none', async () => {
    const resolved = await resolveFeed(client, server.url('/site/'));
    assert.equal(resolved.feedUrl, server.url('/feeds/full.rss'));
    assert.equal(resolved.feed.title, 'Steppe Herald');
    assert.equal(resolved.discoveredOn, server.url('/site/'));
    await assert.rejects(
      resolveFeed(client, server.url('/site/nofeed')),
      /SUBSCRIPTION_NO_FEED|links to no feed/,
    );
  });
});

/** The read cache in front of a real SQLite store (counted by a thin wrapper, not mocked). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { loadSampleArticles } from '../../test/support/sample-articles.ts';
import { AppError } from '../core/errors.ts';
import { parseQuery } from '../search/query-parser.ts';
import { buildTimeline } from '../search/search-timeline.ts';
import { cacheStatsOf, createCachingStore, queryKey } from './caching-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { SearchRequest, Store } from './store.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-caching-store-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** `store` with every call of its methods counted by name, and a switch to make reads fail. */
function counting(store: Store): { store: Store; calls: Map<string, number>; failNext: Set<string> } {
  const calls = new Map<string, number>();
  const failNext = new Set<string>();
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const name = String(property);
        calls.set(name, (calls.get(name) ?? 0) + 1);
        if (failNext.delete(name)) return Promise.reject(new AppError('STORE_BUSY', 'made to fail'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: wrapped, calls, failNext };
}

const request = (q: string, page = 1): SearchRequest => ({
  query: parseQuery(q),
  sort: 'relevance',
  page,
  perPage: 5,
});

describe('createCachingStore', () => {
  let path: string;
  let real: Store;
  let inner: ReturnType<typeof counting>;
  let cache: Store;
  before(async () => {
    path = join(directory, 'cache.db');
    real = await openSqliteStore({ path });
    await real.addArticles(loadSampleArticles());
  });
  after(async () => real.close());
  beforeEach(() => {
    inner = counting(real);
    cache = createCachingStore(inner.store, { maxEntries: 50 });
  });
  const innerCalls = (name: string) => inner.calls.get(name) ?? 0;

  it('gives the store back unchanged for maxEntries 0, and refuses a negative size', () => {
    assert.equal(createCachingStore(real, { maxEntries: 0 }), real);
    assert.throws(() => createCachingStore(real, { maxEntries: -1 }), RangeError);
  });

  it('answers a repeated call without the inner store, for every cached method', async () => {
    const first = await cache.search(request('Tokayev'));
    assert.ok(first.total > 0);
    // Equal queries typed differently (spaces, so other spans) are one entry.
    const again = await cache.search(request('  Tokayev '));
    assert.equal(again, first);
    assert.equal(innerCalls('search'), 1);
    await cache.search(request('Tokayev', 2));
    assert.equal(innerCalls('search'), 2, 'another page is another answer');

    const query = parseQuery('Syria OR Tokayev');
    for (let round = 0; round < 3; round++) {
      await cache.facets(query, 5);
      await cache.timeline(query, 'month');
      await cache.getArticle(1);
      await cache.listSources();
      await cache.stats();
    }
    for (const name of ['facets', 'timeline', 'getArticle', 'listSources', 'stats']) {
      assert.equal(innerCalls(name), 1, name);
    }
    assert.deepEqual(cacheStatsOf(cache), {
      ...cacheStatsOf(cache)!,
      hits: 11,
      misses: 7,
    });
  });

  it('shares one computation between concurrent identical calls', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map(() => cache.search(request('"Central Asia"'))));
    assert.equal(innerCalls('search'), 1);
    assert.ok(pages.every((page) => page === pages[0]));
  });

  it('keys on the query tree, not the text, and on every other argument', () => {
    assert.equal(queryKey(parseQuery('a  b')), queryKey(parseQuery('a b')));
    assert.notEqual(queryKey(parseQuery('a b')), queryKey(parseQuery('b a')));
    assert.notEqual(queryKey(parseQuery('a*')), queryKey(parseQuery('a')));
    assert.notEqual(queryKey(parseQuery('title:a')), queryKey(parseQuery('a')));
  });

  it('sees a write through the cache at once', async () => {
    const query = 'zebrafinch';
    assert.equal((await cache.search(request(query))).total, 0);
    await cache.addArticles([{ source: 'Cache Test', title: 'Zebrafinch seen', text: 'A zebrafinch.' }]);
    assert.equal((await cache.search(request(query))).total, 1);
    assert.equal(innerCalls('search'), 2);
  });

  it('sees a write by another store on the same file (another process) at once', async () => {
    const query = 'quokkas';
    assert.equal((await cache.search(request(query))).total, 0);
    assert.equal((await cache.facets(parseQuery(query), 5)).sources.length, 0);
    const other = await openSqliteStore({ path, mustExist: true });
    try {
      await other.addArticles([{ source: 'Elsewhere', title: 'Quokkas', text: 'Quokkas smile.' }]);
    } finally {
      await other.close();
    }
    assert.equal((await cache.search(request(query))).total, 1);
    assert.deepEqual((await cache.facets(parseQuery(query), 5)).sources, [{ value: 'Elsewhere', count: 1 }]);
    assert.equal((await cache.stats()).articleCount, (await real.stats()).articleCount);
  });

  it('keeps buildTimeline’s archive volume right through the cache after another store writes', async () => {
    const query = parseQuery('Tokayev');
    const before = await buildTimeline(cache, query, 'year');
    const year = before.buckets.at(-1)!;
    const other = await openSqliteStore({ path, mustExist: true });
    try {
      await other.addArticles([
        {
          source: 'Elsewhere',
          title: 'Volume',
          text: 'A new article in the last year of the timeline, without the word.',
          publishedAt: `${year.period.slice(0, 4)}-06-01T00:00:00Z`,
        },
      ]);
    } finally {
      await other.close();
    }
    const afterWrite = await buildTimeline(cache, query, 'year');
    assert.equal(afterWrite.buckets.at(-1)!.archiveCount, year.archiveCount + 1);
    assert.equal(afterWrite.buckets.at(-1)!.count, year.count);
  });

  it('drops the least recently used answer when full', async () => {
    const small = createCachingStore(inner.store, { maxEntries: 2 });
    await small.getArticle(1);
    await small.getArticle(2);
    await small.getArticle(1); // 1 is now the most recent
    await small.getArticle(3); // evicts 2
    assert.equal(innerCalls('getArticle'), 3);
    await small.getArticle(1);
    await small.getArticle(3);
    assert.equal(innerCalls('getArticle'), 3);
    await small.getArticle(2);
    assert.equal(innerCalls('getArticle'), 4);
    assert.equal(cacheStatsOf(small)!.entries, 2);
  });

  it('bounds the kept answers by size too, and does not keep an answer over a quarter of it', async () => {
    const tiny = createCachingStore(inner.store, { maxEntries: 100, maxBytes: 40_000 });
    // Every sample article with a lead of up to 1,500 characters: well over 10,000 bytes.
    const everything: SearchRequest = { ...request(''), sort: 'newest', perPage: 20 };
    await tiny.search(everything);
    await tiny.search(everything);
    assert.equal(innerCalls('search'), 2, 'too big to keep');
    for (let id = 1; id <= 14; id++) await tiny.listSources();
    assert.ok(cacheStatsOf(tiny)!.bytes <= 40_000);
  });

  it('does not keep a failed call', async () => {
    inner.failNext.add('facets');
    const query = parseQuery('Syria');
    await assert.rejects(cache.facets(query, 5), /made to fail/);
    const facets = await cache.facets(query, 5);
    assert.ok(facets.sources.length > 0);
    assert.equal(innerCalls('facets'), 2);
    await cache.facets(query, 5);
    assert.equal(innerCalls('facets'), 2);
  });

  it('passes writes, exports and keyset reads through', async () => {
    const ids: number[] = [];
    for await (const article of cache.exportArticles(parseQuery('Tokayev'), 'newest')) ids.push(article.id);
    assert.ok(ids.length > 0);
    assert.equal((await cache.readArticlesAfter(0, 2)).length, 2);
    assert.equal(cache.kind, 'sqlite');
    assert.equal(cache.location, real.location);
    assert.equal(innerCalls('exportArticles'), 1);
    assert.equal(innerCalls('readArticlesAfter'), 1);
  });
});

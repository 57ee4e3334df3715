/**
 * A read cache in front of any Store: the answers of search, facets, timeline, topTexts, getArticle,
 * listSources and stats are kept in an LRU and given again while the archive stays the same. "The same" is the
 * store's changeToken, read once per call and made part of the key, so a write through this store, a
 * CLI import into the same SQLite file or another server on the same PostgreSQL all make the next call
 * compute afresh. Facets, timelines and top words do not depend on the page or the order, so pages 2..n
 * of a query reuse page 1's; the web desk's mix of repeated queries is served without the archive.
 *
 * The promise is cached, not the value: concurrent identical calls share one computation. A call that
 * fails is dropped from the cache, so the next one tries again. Everything else (writes, transactions,
 * exports, keyset reads, changeToken itself) passes straight through.
 *
 * Answers are shared between callers: they must be treated as read-only (the front ends copy before
 * sorting). stats().sizeBytes is the size when the answer was computed (a WAL checkpoint changes the
 * file's size but not the token).
 */
import type { ArchiveStats, Article, SourceSummary } from '../core/article.ts';
import type { OutletType } from '../core/outlet-types.ts';
import type { ParsedQuery } from '../search/query-ast.ts';
import type { AccountStore, Actor } from './accounts.ts';
import type { ClusterStore } from './clusters.ts';
import type { EnrichmentFacets, EnrichmentStore } from './enrichment.ts';
import type { SavedSearchStore } from './saved-searches.ts';
import type {
  ArticleText,
  SearchFacets,
  SearchRequest,
  SourceTypeChange,
  Store,
  StorePage,
  StoreWriter,
  TimelineBucket,
  TimelineInterval,
} from './store.ts';
import type { SubscriptionStore } from './subscriptions.ts';
import type { TableDumpStore } from './table-dump.ts';
import type { TermPresenceReader } from './term-presence.ts';

/** How big the cache may grow. */
export interface CachingStoreOptions {
  /** The most answers kept; 0 turns the cache off (createCachingStore gives the store back as it is). */
  maxEntries: number;
  /**
   * Roughly the most memory the kept answers may take, in bytes (strings counted at 2 bytes a
   * character); default 64 MiB. An answer bigger than a quarter of it is given but not kept.
   */
  maxBytes?: number;
}

/** The default of CachingStoreOptions.maxBytes. */
export const defaultCacheBytes = 64 * 1024 * 1024;

/** Counters of a caching store, for tests and the benchmark. */
export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
  /** The estimated size of the kept answers. */
  bytes: number;
}

/**
 * `inner` behind an LRU of its read answers, keyed by method, arguments and change token. With
 * `maxEntries: 0` it is `inner` itself, unchanged.
 */
export function createCachingStore(inner: Store, options: CachingStoreOptions): Store {
  if (!Number.isInteger(options.maxEntries) || options.maxEntries < 0) {
    throw new RangeError(`maxEntries must be a whole number from 0, not ${options.maxEntries}`);
  }
  if (options.maxEntries === 0) return inner;
  return new CachedStore(inner, options.maxEntries, options.maxBytes ?? defaultCacheBytes);
}

/** The cache's counters when `store` is a caching store, else null. */
export function cacheStatsOf(store: Store): CacheStats | null {
  return store instanceof CachedStore ? store.cacheStats() : null;
}

interface Entry {
  promise: Promise<unknown>;
  /** 0 until the answer is in. */
  bytes: number;
}

/** The parts of a query that decide its answer: the tree without the spans (and not the raw text). */
export function queryKey(query: ParsedQuery): string {
  return stableJson(query.root);
}

/** JSON with object keys sorted, undefined members and `span` left out. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => key !== 'span' && record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** A rough size of an answer: strings at 2 bytes a character, 16 bytes for every other value. */
export function estimateBytes(value: unknown): number {
  if (typeof value === 'string') return 16 + value.length * 2;
  if (value === null || typeof value !== 'object') return 16;
  let bytes = 32;
  if (Array.isArray(value)) for (const item of value) bytes += estimateBytes(item);
  else for (const [key, item] of Object.entries(value)) bytes += key.length + estimateBytes(item);
  return bytes;
}

class CachedStore implements Store {
  /** Insertion order is recency: a hit moves its entry to the end; eviction takes from the start. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  /** The token of the latest call: when it moves, every older answer is dropped at once. */
  private lastToken: string | null = null;

  /**
   * What a query-expanding store (src/search/expanding-store.ts) added to a query, cached like the
   * reads: present only when the wrapped store expands queries, so front ends behind the cache can
   * still say why hits matched.
   */
  readonly queryExpansion?: (query: ParsedQuery) => Promise<unknown>;

  constructor(
    private readonly inner: Store,
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {
    const expansion = (inner as { queryExpansion?: unknown }).queryExpansion;
    if (typeof expansion === 'function') {
      this.queryExpansion = (query) =>
        this.cached(`expansion ${queryKey(query)}`, () => expansion.call(inner, query) as Promise<unknown>);
    }
  }

  get kind(): string {
    return this.inner.kind;
  }

  get subscriptions(): SubscriptionStore {
    return this.inner.subscriptions;
  }

  knownUrls(urls: readonly string[]): Promise<Set<string>> {
    return this.inner.knownUrls(urls);
  }

  get clusters(): ClusterStore {
    return this.inner.clusters;
  }

  get enrichment(): EnrichmentStore {
    return this.inner.enrichment;
  }

  get accounts(): AccountStore {
    return this.inner.accounts;
  }

  get savedSearches(): SavedSearchStore {
    return this.inner.savedSearches;
  }

  get tableDump(): TableDumpStore {
    return this.inner.tableDump;
  }

  get termPresence(): TermPresenceReader | null {
    return this.inner.termPresence;
  }

  get location(): string {
    return this.inner.location;
  }

  /** How the cache has done so far. */
  cacheStats(): CacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.bytes };
  }

  search(request: SearchRequest): Promise<StorePage> {
    const { query, withScores, ...rest } = request;
    return this.cached(
      `search ${queryKey(query)} ${stableJson({ ...rest, withScores: withScores ?? false })}`,
      () => this.inner.search(request),
    );
  }

  facets(query: ParsedQuery, limit: number): Promise<SearchFacets> {
    return this.cached(`facets ${queryKey(query)} ${limit}`, () => this.inner.facets(query, limit));
  }

  /** Not cached: it is asked once per ingest, about articles just written. */
  matchingIds(query: ParsedQuery, range: { after: number; upTo: number }, limit: number): Promise<number[]> {
    return this.inner.matchingIds(query, range, limit);
  }

  enrichmentFacets(query: ParsedQuery, limit: number): Promise<EnrichmentFacets> {
    return this.cached(`enrichmentFacets ${queryKey(query)} ${limit}`, () =>
      this.inner.enrichmentFacets(query, limit),
    );
  }

  timeline(query: ParsedQuery, interval: TimelineInterval): Promise<TimelineBucket[]> {
    return this.cached(`timeline ${queryKey(query)} ${interval}`, () => this.inner.timeline(query, interval));
  }

  topTexts(query: ParsedQuery, limit: number, maxChars: number): Promise<ArticleText[]> {
    return this.cached(`texts ${queryKey(query)} ${limit} ${maxChars}`, () =>
      this.inner.topTexts(query, limit, maxChars),
    );
  }

  getArticle(id: number): Promise<Article | null> {
    return this.cached(`article ${JSON.stringify(id)}`, () => this.inner.getArticle(id));
  }

  listSources(): Promise<SourceSummary[]> {
    return this.cached('sources', () => this.inner.listSources());
  }

  setSourceType(
    source: string,
    type: OutletType | null,
    actor: Actor,
    now?: Date,
  ): Promise<SourceTypeChange> {
    return this.inner.setSourceType(source, type, actor, now);
  }

  stats(): Promise<ArchiveStats> {
    return this.cached('stats', () => this.inner.stats());
  }

  // Passed through.

  addArticles(...args: Parameters<Store['addArticles']>): ReturnType<Store['addArticles']> {
    return this.inner.addArticles(...args);
  }

  addPreparedArticles(
    ...args: Parameters<Store['addPreparedArticles']>
  ): ReturnType<Store['addPreparedArticles']> {
    return this.inner.addPreparedArticles(...args);
  }

  transaction<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T> {
    return this.inner.transaction(work);
  }

  exportArticles(...args: Parameters<Store['exportArticles']>): ReturnType<Store['exportArticles']> {
    return this.inner.exportArticles(...args);
  }

  readArticlesAfter(...args: Parameters<Store['readArticlesAfter']>): ReturnType<Store['readArticlesAfter']> {
    return this.inner.readArticlesAfter(...args);
  }

  restoreArticles(...args: Parameters<Store['restoreArticles']>): ReturnType<Store['restoreArticles']> {
    return this.inner.restoreArticles(...args);
  }

  changeToken(): Promise<string> {
    return this.inner.changeToken();
  }

  async close(): Promise<void> {
    this.clear();
    await this.inner.close();
  }

  /** The answer kept for `key` under the current change token, or a new computation kept for later. */
  private async cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const token = await this.inner.changeToken();
    if (token !== this.lastToken) {
      this.lastToken = token;
      this.clear();
    }
    const fullKey = `${token}\u0000${key}`;
    const found = this.entries.get(fullKey);
    if (found) {
      this.hits++;
      this.entries.delete(fullKey);
      this.entries.set(fullKey, found);
      return found.promise as Promise<T>;
    }
    this.misses++;
    const promise = compute();
    const entry: Entry = { promise, bytes: 0 };
    this.entries.set(fullKey, entry);
    this.evict();
    promise.then(
      (value) => {
        if (this.entries.get(fullKey) !== entry) return;
        entry.bytes = estimateBytes(value);
        if (entry.bytes > this.maxBytes / 4) {
          this.entries.delete(fullKey);
          return;
        }
        this.bytes += entry.bytes;
        this.evict();
      },
      () => {
        // A failure is not an answer: the next call tries again.
        if (this.entries.get(fullKey) === entry) this.entries.delete(fullKey);
      },
    );
    return promise;
  }

  /** Drops the least recently used answers until both bounds hold. */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }

  private clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

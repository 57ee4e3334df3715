/**
 * The Store contract: everything wirewatch asks of an archive. SQLite (embedded) and PostgreSQL
 * (server mode) implement it; both must pass test/contract/store-contract.ts unchanged, so the
 * contract is asynchronous even where SQLite is not.
 */
import type { ArchiveStats, Article, NewArticle, SourceSummary, WriteOutcome } from '../core/article.ts';
import type { OutletType } from '../core/outlet-types.ts';
import type { ParsedQuery } from '../search/query-ast.ts';
import type { AccountStore, Actor } from './accounts.ts';
import type { ClusterStore } from './clusters.ts';
import type { EnrichmentFacets, EnrichmentStore } from './enrichment.ts';
import type { PreparedArticle } from './prepare-article.ts';
import type { SavedSearchStore } from './saved-searches.ts';
import type { SubscriptionStore } from './subscriptions.ts';
import type { TableDumpStore } from './table-dump.ts';
import type { TermPresenceReader } from './term-presence.ts';

/** The deepest result a page may start at; deeper pages are refused (SEARCH_PAGE_TOO_DEEP). */
export const maxResultOffset = 100_000;

/** The most hits one page may hold. */
export const maxPerPage = 100;

/** How results are ordered. `relevance` falls back to `newest` when the query has no words. */
export type SortOrder = 'relevance' | 'newest' | 'oldest';

/** One search: a parsed query plus paging and order. */
export interface SearchRequest {
  query: ParsedQuery;
  sort: SortOrder;
  /** 1-based page number. */
  page: number;
  /** Hits per page, 1..100. */
  perPage: number;
  /** Return each hit's relevance score (costs one more pass of the ranking function); default false. */
  withScores?: boolean;
  /**
   * Start right after this hit (search-after / keyset paging) instead of at the page's offset, so a
   * deep page costs what page 1 costs; `page` then only numbers the results. Date orders only: a
   * ranked order (relevance with words) refuses it with SEARCH_BAD_CURSOR, since every match is ranked
   * whatever the page (page 500 costs what page 1 does) and a float score
   * (BM25 on SQLite, ts_rank_cd on PostgreSQL) is no exact, index-usable key on both engines.
   */
  after?: SearchCursor;
}

/**
 * A hit's place in a date order: its publication date (null for undated articles, which sort last
 * both ways) and its id, which breaks ties between equal dates (descending for newest, ascending for
 * oldest). `publishedAt` is the ISO form the stores give back (`2025-05-12T09:30:00.000Z`).
 */
export interface SearchCursor {
  publishedAt: string | null;
  id: number;
}

/**
 * An article's text with the query's matches marked by MARK_START / MARK_END characters. The shared
 * snippet builder (search/snippet.ts) turns this into the short, highlighted excerpt users see, so the
 * two stores differ only in how they find the matches.
 */
export interface MarkedText {
  title: string;
  text: string;
}

/** Marks the start of a matched word in MarkedText (a control character no article contains after import). */
export const MARK_START = '\u0002';
/** Marks the end of a matched word in MarkedText. */
export const MARK_END = '\u0003';

/** One hit of a search page, before the snippet is cut. */
export interface StoreHit {
  article: Omit<Article, 'text' | 'html'>;
  /** Relevance score, higher is better; null when the order is by date or scores were not asked for. */
  score: number | null;
  /** Title and text with matches marked; the lead of the text when the query has no words. */
  marked: MarkedText;
}

/** One page of results and the exact number of all matching articles. */
export interface StorePage {
  total: number;
  hits: StoreHit[];
  /**
   * The last hit's place when more results follow it in a date order (pass it as `after` for the
   * next page); null on the last page and for ranked orders, which page by number.
   */
  next: SearchCursor | null;
}

/** An article's title and text, or the start of its text (Store.topTexts). */
export interface ArticleText {
  id: number;
  title: string;
  text: string;
}

/** How many matching articles have one value of a field. */
export interface FacetCount {
  value: string;
  count: number;
}

/** Exact counts of the articles matching a query, per value of each facet field, largest first. */
export interface SearchFacets {
  /** Per source name, at most `limit` values. */
  sources: FacetCount[];
  /** Per language code; articles without a language are left out. */
  languages: FacetCount[];
  /** Per publication year (`2024`), newest first. */
  years: FacetCount[];
  /** Per publication month (`2024-05`), newest first, at most `limit` values. */
  months: FacetCount[];
  /** Matching articles without a publication date. */
  undated: number;
}

/** The width of one timeline bucket. Weeks start on Monday (ISO 8601); all periods are in UTC. */
export type TimelineInterval = 'day' | 'week' | 'month' | 'year';

/** Matching articles published in one period; `period` is the period's first day, `YYYY-MM-DD`. */
export interface TimelineBucket {
  period: string;
  count: number;
}

/** A unit of writes that commits or rolls back as a whole. */
export interface StoreWriter {
  /**
   * Adds articles in one transaction, skipping duplicates (same canonical URL, or same text when there
   * is no URL). Invalid articles come back as `rejected`; the rest of the batch is written.
   */
  addArticles(articles: NewArticle[]): Promise<WriteOutcome[]>;
  /**
   * As addArticles, for articles already passed through prepareArticle — by a bulk import's worker
   * thread, so that the identity hashing runs beside the database writes instead of before them.
   */
  addPreparedArticles(articles: PreparedArticle[]): Promise<WriteOutcome[]>;
}

/** A source's outlet type as set, and what it was before. */
export interface SourceTypeChange {
  id: number;
  name: string;
  slug: string;
  outletType: OutletType | null;
  previous: OutletType | null;
}

/** The archive. */
export interface Store extends StoreWriter {
  /** 'sqlite' or 'postgres'. */
  readonly kind: string;
  /** Where the archive lives, for messages (a file path or a URL without its password). */
  readonly location: string;
  /** The feeds this archive follows and their fetch record (subscriptions.ts). */
  readonly subscriptions: SubscriptionStore;
  /** Story clusters: near-duplicate fingerprints and which story each article tells (clusters.ts). */
  readonly clusters: ClusterStore;
  /** The gazetteer and what enrichment found in each article (enrichment.ts). */
  readonly enrichment: EnrichmentStore;
  /** Users, API tokens, sessions and the audit log (accounts.ts). */
  readonly accounts: AccountStore;
  /** Saved searches and their hits (saved-searches.ts). */
  readonly savedSearches: SavedSearchStore;
  /** The watch desk and the followed feeds as table rows, for `wirewatch copy` (table-dump.ts). */
  readonly tableDump: TableDumpStore;
  /**
   * Runs `work` in one transaction: everything it added is kept if it resolves, nothing if it throws.
   * Writes made outside `work` while it runs are not allowed.
   */
  transaction<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T>;
  getArticle(id: number): Promise<Article | null>;
  /** Those of `urls` (as given) the archive holds an article of, compared in canonical form. */
  knownUrls(urls: readonly string[]): Promise<Set<string>>;
  search(request: SearchRequest): Promise<StorePage>;
  /**
   * The id, title and first `maxChars` characters of the text of the query's `limit` best hits, in the
   * order search gives them by relevance (newest first when the query has no words), without counting
   * the matches or marking them: what reading the words of the top hits needs (findTopWords).
   */
  topTexts(query: ParsedQuery, limit: number, maxChars: number): Promise<ArticleText[]>;
  /** Exact facet counts for everything the query matches (not just one page); `limit` caps long lists. */
  facets(query: ParsedQuery, limit: number): Promise<SearchFacets>;
  /**
   * Exact counts of everything the query matches per entity named (people, organisations, places),
   * topic and event type, `limit` values each, largest first (enrichment.ts).
   */
  enrichmentFacets(query: ParsedQuery, limit: number): Promise<EnrichmentFacets>;
  /**
   * The ids of the articles with `after < id <= upTo` that the query matches, ascending, at most
   * `limit`: how saved searches are matched against what an ingest added, at a cost that follows the
   * range, not the archive.
   */
  matchingIds(query: ParsedQuery, range: { after: number; upTo: number }, limit: number): Promise<number[]>;
  /**
   * Which saved-search words the newest articles hold, read with the index's own tokenizer
   * (term-presence.ts), for the watch desk's percolator; null when this store cannot say, and its
   * saved searches are then run one by one through matchingIds.
   */
  readonly termPresence: TermPresenceReader | null;
  /**
   * Matching articles per period, oldest first, only periods with at least one article; undated
   * articles are left out. An empty query gives the whole archive's volume (the base for shares).
   */
  timeline(query: ParsedQuery, interval: TimelineInterval): Promise<TimelineBucket[]>;
  /** Every article matching the query in the requested order, streamed in batches. */
  exportArticles(query: ParsedQuery, sort: SortOrder): AsyncIterable<Article>;
  /** Up to `limit` articles with ids above `afterId`, in id order: the whole archive, streamed by keyset. */
  readArticlesAfter(afterId: number, limit: number): Promise<Article[]>;
  /**
   * Writes stored articles as they are, ids included, in one transaction (copying between archives,
   * so that links to /articles/:id survive a move). An id or identity already present is refused
   * with ARTICLE_CONFLICT and nothing of the batch is written. Later articles get ids above these.
   */
  restoreArticles(articles: Article[]): Promise<void>;
  listSources(): Promise<SourceSummary[]>;
  /**
   * Sets what kind of outlet a source is (src/core/outlet-types.ts), or clears it with null, audited in
   * the same transaction as `actor`'s `source.type` on the source's name, with the new type and the
   * old (source-types.ts). `source` is its name (any case, or any spelling with the same slug) or its
   * slug. SOURCE_NOT_FOUND when no source has it, SOURCE_TYPE_INVALID for a type outside the
   * vocabulary; nothing is written then.
   */
  setSourceType(source: string, type: OutletType | null, actor: Actor, now?: Date): Promise<SourceTypeChange>;
  stats(): Promise<ArchiveStats>;
  /**
   * A cheap value (well under a millisecond) that changes whenever the archive's content may have
   * changed since it was last read: after a write through this store, and after a write committed by
   * any other connection or process on the same archive (a CLI import while the server runs, another
   * server on the same PostgreSQL). Equal tokens mean nothing was committed in between, so a result
   * computed after reading a token may be reused while the token stays the same (caching-store.ts).
   * It may also change when nothing did (a rolled-back write, a burnt id): that only costs a cache miss.
   *
   * The contract has no deletion or update of articles yet; both stores' tokens follow every insert
   * (SQLite: every committed change of any table; PostgreSQL: the article id sequence, a change
   * counter every other write bumps, and the transactions writing). When deletes or updates come, PostgreSQL's token must follow them too
   * (e.g. a counter row bumped by the same transaction, or the writers' xids as now).
   */
  changeToken(): Promise<string>;
  close(): Promise<void>;
}

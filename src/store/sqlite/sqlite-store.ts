/**
 * The embedded archive: the Store contract on one SQLite file (better-sqlite3, WAL, FTS5).
 *
 * better-sqlite3 is synchronous; the contract is asynchronous because the PostgreSQL store is not.
 * Every method runs to completion before its promise settles, so callers see the same semantics.
 */

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { ArchiveStats, Article, NewArticle, SourceSummary, WriteOutcome } from '../../core/article.ts';
import { AppError } from '../../core/errors.ts';
import type { OutletType } from '../../core/outlet-types.ts';
import { planQuery } from '../../search/plan-query.ts';
import type { ParsedQuery } from '../../search/query-ast.ts';
import { AccountRegistry } from '../account-registry.ts';
import type { Actor } from '../accounts.ts';
import {
  type ArticleRow,
  articleColumns,
  rowToArticle,
  rowToSourceSummary,
  type SourceSummaryRow,
  sourceSummariesSql,
} from '../article-row.ts';
import { ClusterRegistry } from '../cluster-registry.ts';
import type { EnrichmentFacets } from '../enrichment.ts';
import { EnrichmentRegistry } from '../enrichment-registry.ts';
import { findKnownUrls } from '../known-urls.ts';
import type { PreparedArticle } from '../prepare-article.ts';
import { SavedSearchRegistry } from '../saved-search-registry.ts';
import { setSourceType } from '../source-types.ts';
import type {
  ArticleText,
  SearchFacets,
  SearchRequest,
  SortOrder,
  SourceTypeChange,
  Store,
  StorePage,
  StoreWriter,
  TimelineBucket,
  TimelineInterval,
} from '../store.ts';
import { type SqlRunner, type SqlStep, SubscriptionRegistry } from '../subscription-registry.ts';
import { TableDumpRegistry } from '../table-dump-registry.ts';
import type { TermPresenceReader } from '../term-presence.ts';
import { mapOpenError, type OpenSqliteOptions, openSqliteDatabase } from './open-sqlite-database.ts';
import { SqliteArticleWriter } from './sqlite-article-writer.ts';
import { SqliteFacetCounter } from './sqlite-facets.ts';
import { sqliteMatchFilter } from './sqlite-match-filter.ts';
import { SqliteReadPool } from './sqlite-read-pool.ts';
import { SqliteSearcher } from './sqlite-search.ts';
import { SqliteTermPresence, type TermPresenceOptions } from './sqlite-term-presence.ts';
import { readTokenizeClause, type SliceRow } from './term-presence-slice.ts';

/** How many articles an export reads per query. */
const exportBatchSize = 500;

/** How to open the store: the file's options, and where its reads run. */
export interface SqliteStoreOptions extends OpenSqliteOptions {
  /**
   * Worker threads for the potentially slow read calls (search, topTexts, facets, timeline, listSources,
   * stats), each with its own read-only connection (sqlite-read-pool.ts), so a slow query no longer holds the
   * calling thread. 0 (the default) runs everything on the calling thread. Writes, transaction(),
   * exportArticles (a stream), readArticlesAfter, restoreArticles, changeToken (it must follow this
   * connection's own writes) and getArticle (a key lookup, faster than the trip to a worker's queue)
   * always use the main connection, and so does every read while a transaction() is open (it must see
   * that transaction's uncommitted writes). A read in a worker sees every write that resolved before it
   * was called: commits are synchronous on the main connection, and WAL readers see all commits.
   */
  readWorkers?: number;
  /**
   * Worker threads the watch desk's term presence indexes new articles with (sqlite-term-presence.ts);
   * default two where the machine has two cores or more, 0 (this thread) on one.
   */
  termPresenceThreads?: number;
}

/** Opens the archive file (creating and migrating it as needed), then its read workers if asked. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const { readWorkers = 0, termPresenceThreads, ...fileOptions } = options;
  const presence = termPresenceThreads === undefined ? {} : { threads: termPresenceThreads };
  const path = resolve(options.path);
  // Migrations run here, on the main connection, before any worker opens the file read-only.
  const db = openSqliteDatabase(fileOptions);
  if (readWorkers === 0) return new SqliteStore(db, path, null, presence);
  try {
    const pool = await SqliteReadPool.open({
      path,
      size: readWorkers,
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
      ...(options.migrations ? { migrations: options.migrations } : {}),
    });
    return new SqliteStore(db, path, pool, presence);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The Store contract on SQLite. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly writer: SqliteArticleWriter;
  private readonly searcher: SqliteSearcher;
  private readonly facetCounter: SqliteFacetCounter;
  private transactionOpen = false;
  /** Ends of this store's own write transactions, committed or rolled back (see changeToken). */
  private writesEnded = 0;
  private changeTokenStatement: Database.Statement | undefined;
  /** The statements of subscriptions, clusters and enrichment, run here on the writing connection. */
  private readonly sqlRunner: SqlRunner = {
    dialect: 'sqlite',
    all: async (step) => this.guard(() => runSqliteStep(this.db, step)),
    atomically: async (steps) =>
      this.write('subscriptions', () =>
        this.db.transaction(() => steps.reduce<unknown[]>((_, step) => runSqliteStep(this.db, step), []))(),
      ) as never,
  };
  readonly subscriptions = new SubscriptionRegistry(this.sqlRunner);
  readonly clusters = new ClusterRegistry(this.sqlRunner);
  readonly enrichment = new EnrichmentRegistry(this.sqlRunner);
  readonly accounts = new AccountRegistry(this.sqlRunner);
  readonly savedSearches = new SavedSearchRegistry(this.sqlRunner);
  readonly tableDump = new TableDumpRegistry(this.sqlRunner);
  private presence: SqliteTermPresence | undefined;
  /** On this connection, not the read workers: it reads what was just written. */
  readonly termPresence: TermPresenceReader = {
    termPresence: async (range, probes) => this.presenceOfNew().termPresence(range, probes),
    prepare: (range) => this.presenceOfNew().prepare(range),
  };

  private presenceOfNew(): SqliteTermPresence {
    this.presence ??= new SqliteTermPresence(
      (after, upTo, limit) =>
        this.guard(
          () =>
            this.db
              .prepare('SELECT id, title, text FROM articles WHERE id > ? AND id <= ? ORDER BY id LIMIT ?')
              .all(after, upTo, limit) as SliceRow[],
        ),
      this.guard(() => readTokenizeClause(this.db)),
      this.presenceOptions,
    );
    return this.presence;
  }

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
    /** Where the read calls run when not here (readWorkers); null after close(). */
    private readPool: SqliteReadPool | null = null,
    private readonly presenceOptions: TermPresenceOptions = {},
  ) {
    this.writer = new SqliteArticleWriter(db);
    this.searcher = new SqliteSearcher(db);
    this.facetCounter = new SqliteFacetCounter((sql) => this.searcher.statement(sql));
  }

  /** The read workers, when opened with readWorkers (tests and diagnostics). */
  get readWorkerPool(): SqliteReadPool | null {
    return this.readPool;
  }

  async addArticles(articles: NewArticle[]): Promise<WriteOutcome[]> {
    return this.write('addArticles', () => this.writer.add(articles));
  }

  async addPreparedArticles(articles: PreparedArticle[]): Promise<WriteOutcome[]> {
    return this.write('addPreparedArticles', () => this.writer.addPrepared(articles));
  }

  /** A write outside transaction(): refused while one is open, since it would silently join it. */
  private write<T>(method: string, work: () => T): T {
    if (this.transactionOpen) {
      throw new AppError(
        'INTERNAL',
        `${method} called outside a transaction that is still open; use its writer`,
      );
    }
    return this.guard(work);
  }

  async transaction<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T> {
    if (this.transactionOpen) throw new AppError('INTERNAL', 'transactions do not nest');
    this.guard(() => this.db.exec('BEGIN IMMEDIATE'));
    this.transactionOpen = true;
    const writer: StoreWriter = {
      addArticles: async (articles) => this.guard(() => this.writer.add(articles)),
      addPreparedArticles: async (articles) => this.guard(() => this.writer.addPrepared(articles)),
    };
    try {
      const result = await work(writer);
      this.guard(() => this.db.exec('COMMIT'));
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.writer.forgetCachedSources();
      throw error;
    } finally {
      this.transactionOpen = false;
      this.writesEnded++;
    }
  }

  async knownUrls(urls: readonly string[]): Promise<Set<string>> {
    return findKnownUrls(this.sqlRunner, urls);
  }

  async getArticle(id: number): Promise<Article | null> {
    // Stays here even with read workers: one row by its key takes well under a millisecond, while in a
    // worker it would wait behind every slow search already queued there (measured: p50 0.5 s).
    const row = this.db
      .prepare(
        `SELECT ${articleColumns}, a.text, a.html FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = ?`,
      )
      .get(id) as ArticleRow | undefined;
    return row ? rowToArticle(row) : null;
  }

  async search(request: SearchRequest): Promise<StorePage> {
    if (this.readPool && !this.transactionOpen) return this.readPool.call('search', request);
    return this.guard(() => this.searcher.search(request));
  }

  async topTexts(query: ParsedQuery, limit: number, maxChars: number): Promise<ArticleText[]> {
    if (this.readPool && !this.transactionOpen) return this.readPool.call('topTexts', query, limit, maxChars);
    return this.guard(() => this.searcher.topTexts(query, limit, maxChars));
  }

  async facets(query: ParsedQuery, limit: number): Promise<SearchFacets> {
    if (this.readPool && !this.transactionOpen) return this.readPool.call('facets', query, limit);
    return this.guard(() => this.facetCounter.facets(query, limit));
  }

  async enrichmentFacets(query: ParsedQuery, limit: number): Promise<EnrichmentFacets> {
    if (this.readPool && !this.transactionOpen) return this.readPool.call('enrichmentFacets', query, limit);
    return this.guard(() => this.facetCounter.enrichmentFacets(query, limit));
  }

  async matchingIds(
    query: ParsedQuery,
    range: { after: number; upTo: number },
    limit: number,
  ): Promise<number[]> {
    // On this connection, not the read workers: it runs right after the writes it looks at.
    return this.guard(() => {
      const filter = sqliteMatchFilter(planQuery(query), { idRange: range });
      const sql = `SELECT a.id FROM articles a WHERE a.id > ? AND a.id <= ?${filter ? ` AND ${filter.sql}` : ''} ORDER BY a.id LIMIT ?`;
      return this.searcher
        .statement(sql)
        .pluck()
        .all(range.after, range.upTo, ...(filter?.params ?? []), limit) as number[];
    });
  }

  async timeline(query: ParsedQuery, interval: TimelineInterval): Promise<TimelineBucket[]> {
    if (this.readPool && !this.transactionOpen) return this.readPool.call('timeline', query, interval);
    return this.guard(() => this.facetCounter.timeline(query, interval));
  }

  async *exportArticles(query: ParsedQuery, sort: SortOrder): AsyncIterable<Article> {
    const ids = this.guard(() => this.searcher.matchingIds(query, sort));
    const select = this.db.prepare(
      `SELECT ${articleColumns}, a.text, a.html FROM articles a JOIN sources s ON s.id = a.source_id
       WHERE a.id IN (SELECT value FROM json_each(?))`,
    );
    for (let start = 0; start < ids.length; start += exportBatchSize) {
      const batch = ids.slice(start, start + exportBatchSize);
      const rows = new Map((select.all(JSON.stringify(batch)) as ArticleRow[]).map((row) => [row.id, row]));
      for (const id of batch) {
        const row = rows.get(id);
        // An article deleted since the ids were read is skipped rather than reported as an error.
        if (row) yield rowToArticle(row);
      }
    }
  }

  async readArticlesAfter(afterId: number, limit: number): Promise<Article[]> {
    const rows = this.guard(() =>
      this.db
        .prepare(
          `SELECT ${articleColumns}, a.text, a.html FROM articles a JOIN sources s ON s.id = a.source_id
           WHERE a.id > ? ORDER BY a.id LIMIT ?`,
        )
        .all(afterId, limit),
    ) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  async restoreArticles(articles: Article[]): Promise<void> {
    this.write('restoreArticles', () => this.writer.restore(articles));
  }

  async listSources(): Promise<SourceSummary[]> {
    if (this.readPool && !this.transactionOpen) return this.readPool.call('listSources');
    return (this.db.prepare(sourceSummariesSql).all() as SourceSummaryRow[]).map(rowToSourceSummary);
  }

  setSourceType(
    source: string,
    type: OutletType | null,
    actor: Actor,
    now?: Date,
  ): Promise<SourceTypeChange> {
    return setSourceType(this.sqlRunner, source, type, actor, now);
  }

  async stats(): Promise<ArchiveStats> {
    if (this.readPool && !this.transactionOpen) return this.readPool.call('stats');
    const totals = this.db
      .prepare('SELECT count(*) AS n, min(published_at) AS first, max(published_at) AS last FROM articles')
      .get() as { n: number; first: string | null; last: string | null };
    const groups = (sql: string) =>
      Object.fromEntries(
        (this.db.prepare(sql).all() as Array<{ k: string | null; n: number }>).map((row) => [
          row.k ?? 'unknown',
          row.n,
        ]),
      );
    return {
      articleCount: totals.n,
      sourceCount: this.db.prepare('SELECT count(*) FROM sources').pluck().get() as number,
      firstPublishedAt: totals.first,
      lastPublishedAt: totals.last,
      languages: groups(
        'SELECT language AS k, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC',
      ),
      years: groups(
        'SELECT substr(published_at, 1, 4) AS k, count(*) AS n FROM articles GROUP BY k ORDER BY k',
      ),
      sizeBytes: this.sizeOnDisk(),
      schemaVersion: this.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number,
      highestArticleId: this.db.prepare('SELECT coalesce(max(id), 0) FROM articles').pluck().get() as number,
    };
  }

  /**
   * `PRAGMA data_version` changes when another connection (another process, a read worker's writer)
   * commits; total_changes() counts this connection's own changed rows, committed or not; and
   * writesEnded moves when one of this store's transactions ends, so that rows read inside a
   * transaction that then rolled back are not taken as the archive's content. One cached statement,
   * a few microseconds.
   */
  async changeToken(): Promise<string> {
    this.changeTokenStatement ??= this.db.prepare(
      'SELECT data_version, total_changes() FROM pragma_data_version',
    );
    const [dataVersion, totalChanges] = this.guard(() => this.changeTokenStatement!.raw().get()) as [
      number,
      number,
    ];
    return `${dataVersion}.${totalChanges}.${this.writesEnded}`;
  }

  async close(): Promise<void> {
    // The workers first: they answer what they were sent and close their connections, so the
    // checkpoint below can fold the whole WAL. Reads called meanwhile are refused (STORE_UNAVAILABLE)
    // rather than run here; once closed, calls reach the closed connection and are refused as before.
    await this.readPool?.close();
    this.readPool = null;
    await this.presence?.close();
    if (this.db.open) {
      // Folding the WAL back into the main file keeps the archive one file when nothing is running.
      if (!this.db.readonly) this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }

  private sizeOnDisk(): number {
    let size = 0;
    for (const suffix of ['', '-wal']) {
      try {
        size += statSync(this.location + suffix).size;
      } catch {
        // No WAL file is a normal state, not an error.
      }
    }
    return size;
  }

  /** Runs `work`, turning SQLite's failures (disk full, locked, read-only) into AppErrors. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (/^SQLITE_(FULL|BUSY|LOCKED|READONLY|CORRUPT|NOTADB|CANTOPEN|IOERR)/.test(code)) {
        throw mapOpenError(error, this.location);
      }
      throw error;
    }
  }
}

/** One statement's rows (none for a statement that returns no data). */
/** Prepared statements of the registries' SQL, per connection (the same few statements run again and again). */
const preparedSteps = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function runSqliteStep<T>(db: Database.Database, step: SqlStep): T[] {
  let prepared = preparedSteps.get(db);
  if (prepared === undefined) {
    prepared = new Map();
    preparedSteps.set(db, prepared);
  }
  let statement = prepared.get(step.sql);
  if (statement === undefined) {
    statement = db.prepare(step.sql);
    if (prepared.size >= 500) prepared.clear();
    prepared.set(step.sql, statement);
  }
  if (statement.reader) return statement.all(...step.params) as T[];
  statement.run(...step.params);
  return [];
}

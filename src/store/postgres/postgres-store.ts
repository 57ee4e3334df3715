/**
 * Server mode: the Store contract on PostgreSQL, through one `pg` connection pool. Every write runs in
 * a transaction on one pooled connection; readers use the pool freely, so the web server's searches
 * and many ingest workers' writes go on at once, and PostgreSQL's unique indexes keep out duplicates.
 */

import type pg from 'pg';
import type { ArchiveStats, Article, NewArticle, SourceSummary, WriteOutcome } from '../../core/article.ts';
import type { OutletType } from '../../core/outlet-types.ts';
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
import { numberPlaceholders } from '../metadata-sql.ts';
import { type PreparedArticle, prepareOrReject } from '../prepare-article.ts';
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
import { type OpenPostgresOptions, openPostgresPool } from './open-postgres.ts';
import { PostgresWriteSession, type SourceIdCache } from './postgres-article-writer.ts';
import { mapPostgresError, redactUrl } from './postgres-errors.ts';
import {
  countPostgresEnrichmentFacets,
  countPostgresFacets,
  countPostgresTimeline,
  postgresMatchingIds,
} from './postgres-facets.ts';
import { PostgresSearcher } from './postgres-search.ts';
import { postgresTermPresence } from './postgres-term-presence.ts';

/** How many articles an export reads per query. */
const exportBatchSize = 500;

/** Connects to (and migrates) the archive at `options.url`. */
export async function openPostgresStore(options: OpenPostgresOptions): Promise<PostgresStore> {
  return new PostgresStore(await openPostgresPool(options), options.url);
}

/** The Store contract on PostgreSQL. */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly location: string;
  private readonly searcher: PostgresSearcher;
  private readonly sourceIds: SourceIdCache = new Map();
  private closed = false;
  private readonly sqlRunner: SqlRunner = {
    dialect: 'postgres',
    all: async (step) =>
      (await this.guard(() => this.pool.query(numberPlaceholders(step.sql), step.params))).rows,
    atomically: (steps) => this.atomically(steps),
  };
  readonly subscriptions = new SubscriptionRegistry(this.sqlRunner);
  readonly clusters = new ClusterRegistry(this.sqlRunner);
  readonly enrichment = new EnrichmentRegistry(this.sqlRunner);
  readonly accounts = new AccountRegistry(this.sqlRunner);
  readonly savedSearches = new SavedSearchRegistry(this.sqlRunner);
  readonly tableDump = new TableDumpRegistry(this.sqlRunner);
  readonly termPresence: TermPresenceReader = {
    termPresence: (range, probes) => this.guard(() => postgresTermPresence(this.pool, range, probes)),
  };

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    this.location = redactUrl(url);
    this.searcher = new PostgresSearcher(pool);
  }

  async addArticles(articles: NewArticle[]): Promise<WriteOutcome[]> {
    return this.transaction((writer) => writer.addArticles(articles));
  }

  async addPreparedArticles(articles: PreparedArticle[]): Promise<WriteOutcome[]> {
    return this.transaction((writer) => writer.addPreparedArticles(articles));
  }

  async transaction<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T> {
    return this.withSession((session) =>
      work({
        addArticles: async (articles) => {
          const now = new Date().toISOString();
          return this.guard(() =>
            session.addPrepared(articles.map((article) => prepareOrReject(article, now))),
          );
        },
        addPreparedArticles: async (articles) => this.guard(() => session.addPrepared(articles)),
      }),
    );
  }

  /** Runs `work` in one transaction on one pooled connection; commits if it resolves. */
  private async withSession<T>(work: (session: PostgresWriteSession) => Promise<T>): Promise<T> {
    const client = await this.guard(() => this.pool.connect());
    // A connection lost between two queries is reported by an 'error' event, which would end the
    // process if unheard; the transaction's next query fails with it and reports it instead.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    const session = new PostgresWriteSession(client, this.sourceIds);
    let broken: unknown;
    try {
      // The transaction id is taken at once (one round trip either way), so that changeToken lists
      // this writer from before its first row until its commit.
      await this.guard(() => client.query('BEGIN; SELECT pg_current_xact_id()'));
      const result = await this.guard(() => work(session));
      await this.guard(() => client.query('COMMIT'));
      for (const [slug, id] of session.sessionSources) this.sourceIds.set(slug, id);
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection itself failed: the server has already rolled the transaction back.
        broken = rollbackError;
      }
      throw error;
    } finally {
      client.off('error', onError);
      // A connection that failed is destroyed rather than handed to the next caller.
      client.release(lost ?? (broken instanceof Error ? broken : undefined));
    }
  }

  /** Runs the steps in one transaction on one pooled connection; the rows of the last. */
  private async atomically<T>(steps: SqlStep[]): Promise<T[]> {
    const client = await this.guard(() => this.pool.connect());
    let failed: Error | undefined;
    try {
      // Every atomic step list writes (subscriptions, clusters, enrichment) without touching the article
      // id sequence: the change counter makes changeToken follow them.
      await this.guard(() => client.query("BEGIN; SELECT nextval('change_counter')"));
      let rows: T[] = [];
      for (const step of steps) {
        rows = (await this.guard(() => client.query(numberPlaceholders(step.sql), step.params))).rows as T[];
      }
      await this.guard(() => client.query('COMMIT'));
      return rows;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection itself failed (the server rolled back): it is not handed to the next caller.
        failed = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(failed);
    }
  }

  async knownUrls(urls: readonly string[]): Promise<Set<string>> {
    return findKnownUrls(this.sqlRunner, urls);
  }

  async getArticle(id: number): Promise<Article | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const { rows } = await this.guard(() =>
      this.pool.query<ArticleRow>(
        `SELECT ${articleColumns}, a.text, a.html FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = $1`,
        [id],
      ),
    );
    return rows[0] ? rowToArticle(rows[0]) : null;
  }

  async search(request: SearchRequest): Promise<StorePage> {
    return this.guard(() => this.searcher.search(request));
  }

  async topTexts(query: ParsedQuery, limit: number, maxChars: number): Promise<ArticleText[]> {
    return this.guard(() => this.searcher.topTexts(query, limit, maxChars));
  }

  async facets(query: ParsedQuery, limit: number): Promise<SearchFacets> {
    return this.guard(() => countPostgresFacets(this.searcher, query, limit));
  }

  async enrichmentFacets(query: ParsedQuery, limit: number): Promise<EnrichmentFacets> {
    return this.guard(() => countPostgresEnrichmentFacets(this.searcher, query, limit));
  }

  async matchingIds(
    query: ParsedQuery,
    range: { after: number; upTo: number },
    limit: number,
  ): Promise<number[]> {
    return this.guard(() => postgresMatchingIds(this.searcher, query, range, limit));
  }

  async timeline(query: ParsedQuery, interval: TimelineInterval): Promise<TimelineBucket[]> {
    return this.guard(() => countPostgresTimeline(this.searcher, query, interval));
  }

  async *exportArticles(query: ParsedQuery, sort: SortOrder): AsyncIterable<Article> {
    const ids = await this.guard(() => this.searcher.matchingIds(query, sort));
    for (let start = 0; start < ids.length; start += exportBatchSize) {
      const batch = ids.slice(start, start + exportBatchSize);
      const { rows } = await this.guard(() =>
        this.pool.query<ArticleRow>(
          `SELECT ${articleColumns}, a.text, a.html FROM articles a JOIN sources s ON s.id = a.source_id
           WHERE a.id = ANY($1::bigint[])`,
          [batch],
        ),
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const id of batch) {
        const row = byId.get(id);
        // An article deleted since the ids were read is skipped rather than reported as an error.
        if (row) yield rowToArticle(row);
      }
    }
  }

  async readArticlesAfter(afterId: number, limit: number): Promise<Article[]> {
    const { rows } = await this.guard(() =>
      this.pool.query<ArticleRow>(
        `SELECT ${articleColumns}, a.text, a.html FROM articles a JOIN sources s ON s.id = a.source_id
         WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
        [afterId, limit],
      ),
    );
    return rows.map(rowToArticle);
  }

  async restoreArticles(articles: Article[]): Promise<void> {
    await this.withSession((session) => session.restore(articles));
  }

  async listSources(): Promise<SourceSummary[]> {
    const { rows } = await this.guard(() => this.pool.query<SourceSummaryRow>(sourceSummariesSql));
    return rows.map(rowToSourceSummary);
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
    return this.guard(async () => {
      const one = async <T extends pg.QueryResultRow>(sql: string) => (await this.pool.query<T>(sql)).rows;
      const groups = async (sql: string) =>
        Object.fromEntries(
          (await one<{ k: string | null; n: number }>(sql)).map((row) => [row.k ?? 'unknown', row.n]),
        );
      const [totals, sources, languages, years, size, version, highest] = await Promise.all([
        one<{ n: number; first: string | null; last: string | null }>(
          'SELECT count(*)::int AS n, min(published_at) AS first, max(published_at) AS last FROM articles',
        ),
        one<{ n: number }>('SELECT count(*)::int AS n FROM sources'),
        groups('SELECT language AS k, count(*)::int AS n FROM articles GROUP BY language ORDER BY n DESC'),
        groups(
          "SELECT to_char(published_at, 'YYYY') AS k, count(*)::int AS n FROM articles GROUP BY k ORDER BY k",
        ),
        one<{ n: number }>('SELECT pg_database_size(current_database()) AS n'),
        one<{ n: number }>('SELECT max(version) AS n FROM schema_migrations'),
        one<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM articles'),
      ]);
      return {
        articleCount: totals[0]!.n,
        sourceCount: sources[0]!.n,
        firstPublishedAt: totals[0]!.first,
        lastPublishedAt: totals[0]!.last,
        languages,
        years,
        sizeBytes: size[0]!.n,
        schemaVersion: version[0]!.n,
        highestArticleId: highest[0]!.n,
      };
    });
  }

  /**
   * The article id sequence (every insert draws from it, and a restore moves it; sequences change
   * at once, not at commit) and the transaction ids of this database's sessions that are writing.
   * The sequence alone would miss a write whose id was drawn before the token was read and whose
   * commit came after: a result computed in between lacks the article, and the sequence no longer
   * moves. So every write transaction takes its transaction id at BEGIN (withSession), it shows in
   * the list from then until its commit, and its commit changes the list. One query on two
   * in-memory views, well under a millisecond.
   */
  async changeToken(): Promise<string> {
    const { rows } = await this.guard(() =>
      this.pool.query<{ last_value: string; is_called: boolean; changes: string; writing: string }>(
        `SELECT s.last_value, s.is_called, c.last_value AS changes,
                (SELECT coalesce(string_agg(x, ',' ORDER BY x), '') FROM (
                   SELECT backend_xid::text AS x FROM pg_stat_activity
                   WHERE datname = current_database() AND backend_xid IS NOT NULL) w) AS writing
         FROM articles_id_seq s, change_counter c`,
      ),
    );
    const row = rows[0]!;
    return `${row.last_value}.${row.is_called ? 1 : 0}.${row.changes}.${row.writing}`;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Runs `work`, turning the server's failures (down, gone, full, refused) into AppErrors. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw mapPostgresError(error, this.url);
    }
  }
}

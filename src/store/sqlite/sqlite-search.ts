/**
 * Search over the SQLite archive: FTS5 for words (BM25, title weighted), plain SQL for filters and
 * browsing, and FTS5 highlight() on the page's hits only, so the cost of marking matches does not grow
 * with the number of matching articles.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors.ts';
import { type QueryPlan, planQuery } from '../../search/plan-query.ts';
import type { ParsedQuery } from '../../search/query-ast.ts';
import { translateToFts5 } from '../../search/translate-fts5.ts';
import {
  type SearchRequest,
  type SortOrder,
  type StoreHit,
  type StorePage,
  maxResultOffset,
} from '../store.ts';
import { type ArticleRow, articleColumns, rowToArticleSummary } from '../article-row.ts';
import { metadataListToSql } from '../metadata-sql.ts';
import { sqliteMatchFilter } from './sqlite-match-filter.ts';

/** How many characters of an article's text a browse hit carries for its lead. */
const leadLength = 1500;

/** A query translated to SQL: the id query (ordered, unpaged), the count query, and how to mark hits. */
interface SqlPlan {
  /** Selects `id` (and `rank` when ranked) in result order; LIMIT/OFFSET are appended. */
  idsSql: string;
  countSql: string;
  params: unknown[];
  /** The MATCH expression for marking hits, or null when the query has no words. */
  match: string | null;
  ranked: boolean;
}

/** Runs searches against one connection, caching the prepared statements of dynamic SQL. */
export class SqliteSearcher {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** One page of hits and the exact total. */
  search(request: SearchRequest): StorePage {
    const offset = (request.page - 1) * request.perPage;
    if (offset > maxResultOffset) {
      throw new AppError(
        'SEARCH_PAGE_TOO_DEEP',
        `page ${request.page} starts past result ${maxResultOffset}; narrow the query or sort by date`,
      );
    }
    const plan = toSql(planQuery(request.query), request.sort, request.withScores ?? false);
    const total = this.statement(plan.countSql)
      .pluck()
      .get(...plan.params) as number;
    const rows = this.statement(`${plan.idsSql} LIMIT ? OFFSET ?`).all(
      ...plan.params,
      request.perPage,
      offset,
    ) as Array<{
      id: number;
      rank?: number;
    }>;
    const hits = rows.map((row) => this.hit(row.id, plan.match, plan.ranked ? -(row.rank ?? 0) : null));
    return { total, hits };
  }

  /** Every matching id in result order (ids only, so a million hits cost a few megabytes). */
  matchingIds(query: ParsedQuery, sort: SortOrder): number[] {
    const plan = toSql(planQuery(query), sort, false);
    return this.statement(plan.idsSql)
      .all(...plan.params)
      .map((row) => (row as { id: number }).id);
  }

  // FTS5 ignores a `rowid = ?` constraint bound as a REAL, which is how better-sqlite3 binds every JS
  // number, and then marks the first match instead of this hit: hence CAST(? AS INTEGER).
  private hit(id: number, match: string | null, score: number | null): StoreHit {
    const row = (
      match === null
        ? this.statement(
            `SELECT ${articleColumns}, a.title AS marked_title, substr(a.text, 1, ${leadLength}) AS marked_text
             FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = ?`,
          ).get(id)
        : this.statement(
            `SELECT ${articleColumns}, highlight(articles_fts, 0, char(2), char(3)) AS marked_title,
                    highlight(articles_fts, 1, char(2), char(3)) AS marked_text
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid JOIN sources s ON s.id = a.source_id
             WHERE articles_fts MATCH ? AND articles_fts.rowid = CAST(? AS INTEGER)`,
          ).get(match, id)
    ) as ArticleRow & { marked_title: string; marked_text: string };
    return {
      article: rowToArticleSummary(row),
      score,
      marked: { title: row.marked_title, text: row.marked_text },
    };
  }

  /** A prepared statement for `sql`, from the cache when it was prepared before. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      // Queries with many distinct filter shapes must not grow the cache without bound.
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

const dateOrder: Record<Exclude<SortOrder, 'relevance'>, string> = {
  newest: 'a.published_at DESC, a.id DESC',
  // Undated articles go last in both directions.
  oldest: 'a.published_at IS NULL, a.published_at ASC, a.id ASC',
};

function toSql(plan: QueryPlan, sort: SortOrder, withScores: boolean): SqlPlan {
  const metadata = metadataListToSql(plan.metadata);
  if (plan.include.length > 0) {
    const match = translateToFts5(plan.include, plan.exclude);
    const ranked = sort === 'relevance';
    const join = metadata || !ranked ? ' JOIN articles a ON a.id = articles_fts.rowid' : '';
    const where = `articles_fts MATCH ?${metadata ? ` AND ${metadata.sql}` : ''}`;
    // Selecting `rank` makes FTS5 compute every phrase's document frequency a second time, which
    // doubled the time of "rare AND common" queries at 1M articles: so only when scores are asked for.
    const columns =
      ranked && withScores
        ? 'articles_fts.rowid AS id, articles_fts.rank AS rank'
        : 'articles_fts.rowid AS id';
    const order = ranked ? 'articles_fts.rank' : dateOrder[sort as keyof typeof dateOrder];
    return {
      idsSql: `SELECT ${columns} FROM articles_fts${join} WHERE ${where} ORDER BY ${order}`,
      countSql: `SELECT count(*) FROM articles_fts${metadata ? ' JOIN articles a ON a.id = articles_fts.rowid' : ''} WHERE ${where}`,
      params: [match, ...(metadata?.params ?? [])],
      match,
      ranked: ranked && withScores,
    };
  }
  const filter = sqliteMatchFilter(plan);
  const where = filter ? ` WHERE ${filter.sql}` : '';
  const params = filter?.params ?? [];
  const order = dateOrder[sort === 'oldest' ? 'oldest' : 'newest'];
  return {
    idsSql: `SELECT a.id AS id FROM articles a${where} ORDER BY ${order}`,
    countSql: `SELECT count(*) FROM articles a${where}`,
    params,
    match: null,
    ranked: false,
  };
}

/**
 * Search over the SQLite archive: FTS5 for words (BM25, title weighted), plain SQL for filters and
 * browsing, and FTS5 highlight() on the page's hits only, so the cost of marking matches does not grow
 * with the number of matching articles.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors.ts';
import { planQuery, type QueryPlan } from '../../search/plan-query.ts';
import type { ParsedQuery } from '../../search/query-ast.ts';
import { translateToFts5 } from '../../search/translate-fts5.ts';
import { type ArticleRow, articleColumns, rowToArticleSummary } from '../article-row.ts';
import { metadataListToSql } from '../metadata-sql.ts';
import { checkSearchCursor } from '../search-cursor.ts';
import {
  type ArticleText,
  maxResultOffset,
  type SearchCursor,
  type SearchRequest,
  type SortOrder,
  type StoreHit,
  type StorePage,
} from '../store.ts';
import { sqliteMatchFilter } from './sqlite-match-filter.ts';

/** How many characters of an article's text a browse hit carries for its lead. */
const leadLength = 1500;

/**
 * A query translated to SQL: what matches (`from`/`where`, unordered), the count, how to mark hits,
 * and the order. Pages are cut from it by pageSql, whole exports by orderedSql.
 */
interface SqlPlan {
  /** `articles_fts JOIN articles a …` or `articles a`. */
  from: string;
  /** The WHERE condition of the matches, or '' when everything matches. */
  where: string;
  params: unknown[];
  /** The matching article's id in `from`. */
  idColumn: string;
  countSql: string;
  /** The MATCH expression for marking hits, or null when the query has no words. */
  match: string | null;
  /** The order used: FTS5 rank, or a date order. */
  order: 'rank' | 'newest' | 'oldest';
  /** True when the page query selects the rank as a score. */
  withScores: boolean;
}

/** Runs searches against one connection, caching the prepared statements of dynamic SQL. */
export class SqliteSearcher {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** One page of hits, the exact total, and where the next page starts. */
  search(request: SearchRequest): StorePage {
    const offset = request.after ? 0 : (request.page - 1) * request.perPage;
    if (offset > maxResultOffset) {
      throw new AppError(
        'SEARCH_PAGE_TOO_DEEP',
        `page ${request.page} starts past result ${maxResultOffset}; narrow the query or sort by date`,
      );
    }
    const plan = toSql(planQuery(request.query), request.sort, request.withScores ?? false);
    if (request.after) checkAfter(request.after, plan.order);
    const total = this.statement(plan.countSql)
      .pluck()
      .get(...plan.params) as number;
    // One row more than the page tells whether another page follows.
    const page = pageSql(plan, request.after ?? null, request.perPage + 1, offset);
    const rows = this.statement(page.sql).all(...page.params) as Array<{
      id: number;
      rank?: number;
      published_at?: string | null;
    }>;
    const shown = rows.slice(0, request.perPage);
    const hits = shown.map((row) => this.hit(row.id, plan.match, plan.withScores ? -(row.rank ?? 0) : null));
    const last = shown.at(-1);
    const next =
      rows.length > request.perPage && last && plan.order !== 'rank'
        ? { publishedAt: last.published_at ?? null, id: last.id }
        : null;
    return { total, hits, next };
  }

  /** The best `limit` hits' titles and text starts, in relevance order (newest without words). */
  topTexts(query: ParsedQuery, limit: number, maxChars: number): ArticleText[] {
    const plan = toSql(planQuery(query), 'relevance', false);
    const page = pageSql(plan, null, limit, 0);
    const ids = (this.statement(page.sql).all(...page.params) as Array<{ id: number }>).map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = this.statement(
      'SELECT id, title, substr(text, 1, ?) AS text FROM articles WHERE id IN (SELECT value FROM json_each(?))',
    ).all(maxChars, JSON.stringify(ids)) as ArticleText[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [{ id: row.id, title: row.title, text: row.text }] : [];
    });
  }

  /** Every matching id in result order (ids only, so a million hits cost a few megabytes). */
  matchingIds(query: ParsedQuery, sort: SortOrder): number[] {
    const plan = toSql(planQuery(query), sort, false);
    return this.statement(orderedSql(plan))
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

/** Refuses a cursor for a ranked order, or one that is not well formed. */
export function checkAfter(after: SearchCursor, order: 'rank' | 'newest' | 'oldest'): void {
  if (order === 'rank') {
    throw new AppError(
      'SEARCH_BAD_CURSOR',
      'results by relevance page by number, not by cursor (every match is ranked whatever the page)',
    );
  }
  checkSearchCursor(after);
}

function toSql(plan: QueryPlan, sort: SortOrder, withScores: boolean): SqlPlan {
  const metadata = metadataListToSql(plan.metadata);
  if (plan.include.length > 0) {
    const match = translateToFts5(plan.include, plan.exclude);
    const ranked = sort === 'relevance';
    const join = metadata || !ranked ? ' JOIN articles a ON a.id = articles_fts.rowid' : '';
    const where = `articles_fts MATCH ?${metadata ? ` AND ${metadata.sql}` : ''}`;
    return {
      from: `articles_fts${join}`,
      where,
      params: [match, ...(metadata?.params ?? [])],
      idColumn: 'articles_fts.rowid',
      countSql: `SELECT count(*) FROM articles_fts${metadata ? ' JOIN articles a ON a.id = articles_fts.rowid' : ''} WHERE ${where}`,
      match,
      order: ranked ? 'rank' : sort === 'oldest' ? 'oldest' : 'newest',
      withScores: ranked && withScores,
    };
  }
  const filter = sqliteMatchFilter(plan);
  return {
    from: 'articles a',
    where: filter?.sql ?? '',
    params: filter?.params ?? [],
    idColumn: 'a.id',
    countSql: `SELECT count(*) FROM articles a${filter ? ` WHERE ${filter.sql}` : ''}`,
    match: null,
    order: sort === 'oldest' ? 'oldest' : 'newest',
    withScores: false,
  };
}

/** `plan`'s matches with `extra` conditions ANDed in, as a WHERE clause ('' when there is none). */
function whereClause(plan: SqlPlan, ...extra: string[]): string {
  const conditions = [plan.where, ...extra].filter((condition) => condition !== '');
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** Every match in result order, unpaged (exports). */
function orderedSql(plan: SqlPlan): string {
  const order = plan.order === 'rank' ? 'articles_fts.rank' : dateOrder[plan.order];
  return `SELECT ${plan.idColumn} AS id FROM ${plan.from}${whereClause(plan)} ORDER BY ${order}`;
}

/**
 * One page of ids (`limit` of them from `offset`, or right after `after`), with the rank or the
 * date that places each.
 *
 * Word queries filter FTS5's matches, which are all found before they are sorted, so the keyset is a
 * plain condition there. Without words the order comes from walking the (published_at, id) index,
 * and undated articles sit at its low end whichever way the order runs: a condition with
 * `OR published_at IS NULL` would make SQLite walk the index from the start again. The page is
 * therefore read as two index-ordered parts, the dated articles after the cursor and the undated ones,
 * each cut to the page, and the two parts (at most twice a page) put in order. The same split lets
 * oldest-first start at the first dated article rather than sort the whole archive.
 */
function pageSql(
  plan: SqlPlan,
  after: SearchCursor | null,
  limit: number,
  offset: number,
): { sql: string; params: unknown[] } {
  if (plan.order === 'rank') {
    // Selecting `rank` makes FTS5 compute every phrase's document frequency a second time, which
    // doubled the time of "rare AND common" queries at 1M articles: so only when scores are asked for.
    const columns = plan.withScores
      ? `${plan.idColumn} AS id, articles_fts.rank AS rank`
      : `${plan.idColumn} AS id`;
    return {
      sql: `SELECT ${columns} FROM ${plan.from}${whereClause(plan)} ORDER BY articles_fts.rank LIMIT ? OFFSET ?`,
      params: [...plan.params, limit, offset],
    };
  }
  const newest = plan.order === 'newest';
  const direction = newest ? 'DESC' : 'ASC';
  const beyond = newest ? '<' : '>';
  const columns = `${plan.idColumn} AS id, a.published_at AS published_at`;
  const single = (conditions: string[], order: string, params: unknown[]) => ({
    sql: `SELECT ${columns} FROM ${plan.from}${whereClause(plan, ...conditions)} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...plan.params, ...params, limit, offset],
  });
  if (after?.publishedAt === null) {
    // Within the undated tail: ids only.
    return single([`a.published_at IS NULL AND a.id ${beyond} ?`], `a.id ${direction}`, [after.id]);
  }
  if (plan.match !== null) {
    return after
      ? single(
          [`((a.published_at, a.id) ${beyond} (?, ?) OR a.published_at IS NULL)`],
          dateOrder[plan.order],
          [after.publishedAt, after.id],
        )
      : single([], dateOrder[plan.order], []);
  }
  // Newest first from the start is one backward walk of the index, undated last.
  if (newest && !after) return single([], dateOrder.newest, []);
  const dated = after ? `(a.published_at, a.id) ${beyond} (?, ?)` : 'a.published_at IS NOT NULL';
  const datedParams = after ? [after.publishedAt, after.id] : [];
  const cut = limit + offset;
  return {
    sql: `SELECT id, published_at FROM (
      SELECT 0 AS part, id, published_at FROM (SELECT ${columns} FROM ${plan.from}${whereClause(plan, dated)}
        ORDER BY a.published_at ${direction}, a.id ${direction} LIMIT ?)
      UNION ALL
      SELECT 1 AS part, id, published_at FROM (SELECT ${columns} FROM ${plan.from}${whereClause(plan, 'a.published_at IS NULL')}
        ORDER BY a.id ${direction} LIMIT ?)
    ) ORDER BY part, published_at ${direction}, id ${direction} LIMIT ? OFFSET ?`,
    params: [...plan.params, ...datedParams, cut, ...plan.params, cut, limit, offset],
  };
}

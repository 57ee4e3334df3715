/**
 * Search over the PostgreSQL archive: the generated tsvector under GIN for words (ts_rank_cd with the
 * title weighted 4× the body, as BM25 weights it on SQLite), plain SQL for filters and browsing, and
 * ts_headline on the page's hits only, so marking costs the same however many articles match.
 *
 * Where the engines differ, by design (docs/DESIGN.md, tested in test/contract/store-parity.test.ts):
 * ties in rank are broken by id here; scores are ts_rank_cd's (0..1), not BM25's; Snowball stems a
 * little less than Porter; ts_headline marks a phrase's words wherever they occur; only the first
 * 100,000 characters of a body are indexed.
 */
import type pg from 'pg';
import { AppError } from '../../core/errors.ts';
import type { MetadataNode, QueryPlan } from '../../search/plan-query.ts';
import type { ParsedQuery } from '../../search/query-ast.ts';
import { translateAnyToTsquery, translateToTsquery } from '../../search/translate-tsquery.ts';
import { asTyped, hasExpansion } from '../../search/typed-words.ts';
import { planWithSources } from './resolve-sources.ts';
import { type ArticleRow, articleColumns, rowToArticleSummary } from '../article-row.ts';
import { metadataListToSql, numberPlaceholders } from '../metadata-sql.ts';
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

/** How many characters of an article's text a browse hit carries for its lead. */
const leadLength = 1500;

/** The text search configuration of the migration. */
export const textSearchConfig = 'wirewatch_text';

/**
 * D (body) and A (title) weighted 1:4; B and C are unused. Normalisation 8 divides by the number of
 * distinct words, a length normalisation like BM25's: on a generated corpus of 3,000 articles it gave
 * the top-10 closest to SQLite's (7.1 of 10 shared on average, against 3.9 with normalisation 1 and
 * 2.8 with none). ts_rank_cd has no inverse document frequency, so a query mixing a rare and a
 * common word does not favour the rare word's articles as BM25 does (docs/DESIGN.md).
 */
const rankOf = (tsquery: string) => `ts_rank_cd('{0.25, 0.25, 0.25, 1.0}', a.search_vector, ${tsquery}, 8)`;
const rank = rankOf('query');

/**
 * With query expansion, hits of the query as typed come first (`typed`: the expanded query with every
 * widened word put back as typed), each tier in rank order. SQLite gets the same preference from BM25,
 * which adds up a word the query repeats; ts_rank_cd counts it once, and a title hit of another
 * spelling (weight 1.0) outranks a body hit of the typed one (0.25) even if it were added twice. The
 * score stays one number in the same order: the tier plus rank / (1 + rank), which is below 1.
 */
const typedTier = '(a.search_vector @@ typed)::int';
const typedOrder = `${typedTier} DESC, ${rank} DESC`;
const typedScore = `${typedTier} + ${rank} / (1 + ${rank})`;

// The whole text with every match marked; MARK_START/MARK_END are \u0002/\u0003 (store.ts).
const headlineOptions = 'StartSel=\u0002, StopSel=\u0003, HighlightAll=true';

const dateOrder: Record<Exclude<SortOrder, 'relevance'>, string> = {
  newest: 'a.published_at DESC NULLS LAST, a.id DESC',
  oldest: 'a.published_at ASC NULLS LAST, a.id ASC',
};

/**
 * One page of ids (`limit` of them from `offset`, or right after `after`), with the rank or the date
 * that places each; placeholders numbered.
 *
 * Undated articles come last both ways, so a keyset condition `… OR published_at IS NULL` could not
 * bound an index scan, and the planner would walk the date index from its start again. A page after
 * a dated cursor is therefore read as two parts, each bounded and in index order: the dated articles
 * beyond the cursor (a row comparison, an index condition of the (published_at, id) indexes) and the
 * undated ones, each cut to the page, then put in order (at most twice a page of rows).
 */
export function postgresPageSql(
  plan: PostgresSqlPlan,
  after: SearchCursor | null,
  limit: number,
  offset: number,
): { sql: string; params: unknown[] } {
  const where = (...extra: string[]) => {
    const all = [...plan.conditions, ...extra];
    return all.length > 0 ? ` WHERE ${all.join(' AND ')}` : '';
  };
  if (plan.order === 'rank' || !after) {
    return {
      sql: `${plan.idsSql} LIMIT $${plan.params.length + 1} OFFSET $${plan.params.length + 2}`,
      params: [...plan.params, limit, offset],
    };
  }
  const newest = plan.order === 'newest';
  const direction = newest ? 'DESC' : 'ASC';
  const beyond = newest ? '<' : '>';
  const columns = 'a.id, a.published_at';
  if (after.publishedAt === null) {
    // Within the undated tail: ids only.
    return {
      sql: numberPlaceholders(
        `SELECT ${columns} FROM ${plan.from}${where(`a.published_at IS NULL AND a.id ${beyond} ?`)}
         ORDER BY a.id ${direction} LIMIT ?`,
      ),
      params: [...plan.params, after.id, limit],
    };
  }
  return {
    sql: numberPlaceholders(
      `SELECT id, published_at FROM (
        (SELECT 0 AS part, ${columns} FROM ${plan.from}${where(`(a.published_at, a.id) ${beyond} (?::timestamptz, ?::bigint)`)}
          ORDER BY a.published_at ${direction}, a.id ${direction} LIMIT ?)
        UNION ALL
        (SELECT 1 AS part, ${columns} FROM ${plan.from}${where('a.published_at IS NULL')}
          ORDER BY a.id ${direction} LIMIT ?)
      ) page ORDER BY part, published_at ${direction}, id ${direction} LIMIT ?`,
    ),
    params: [...plan.params, after.publishedAt, after.id, limit, ...plan.params, limit, limit],
  };
}

/** Refuses a cursor for a ranked order, or one that is not well formed. */
function checkAfter(after: SearchCursor, order: PostgresSqlPlan['order']): void {
  if (order === 'rank') {
    throw new AppError(
      'SEARCH_BAD_CURSOR',
      'results by relevance page by number, not by cursor (every match is ranked whatever the page)',
    );
  }
  checkSearchCursor(after);
}

/** A query translated to SQL: the id query (ordered, unpaged), the count query, their parameters. */
export interface PostgresSqlPlan {
  idsSql: string;
  countSql: string;
  /**
   * `FROM … WHERE …` of the matching articles (`articles a`), always with a WHERE (TRUE when the
   * query matches everything) and with `?` placeholders still to be numbered: what facets and
   * timelines group.
   */
  matchesSql: string;
  params: unknown[];
  /** The tsquery text for marking hits, or null when the query has no words. */
  tsquery: string | null;
  /** True when the page query selects the rank as a score. */
  ranked: boolean;
  /** The order used: the rank, or a date order. */
  order: 'rank' | 'newest' | 'oldest';
  /** `FROM` of the matches, `?` placeholders unnumbered (the tsquery comes first in `params`). */
  from: string;
  /** The WHERE conditions of the matches, `?` placeholders unnumbered. */
  conditions: string[];
  /**
   * True when words decide the matches (included or excluded) and no source filter could use its own
   * index instead, so the count should go through the GIN index (see countMatches).
   */
  countThroughWords: boolean;
}

/** True when a metadata condition filters by source (anywhere inside it). */
function namesSource(node: MetadataNode): boolean {
  if (node.kind === 'filter') return node.field === 'source';
  if (node.kind === 'or') return node.children.some(namesSource);
  if (node.kind === 'not') return namesSource(node.child);
  return false;
}

/** Translates a planned query; `?` placeholders are numbered at the end. */
export function toPostgresSql(plan: QueryPlan, sort: SortOrder, withScores: boolean): PostgresSqlPlan {
  const metadata = metadataListToSql(plan.metadata, 'postgres');
  const conditions: string[] = [];
  const params: unknown[] = [];
  let from = 'articles a';
  let tsquery: string | null = null;
  let score = rank;
  let rankOrder = `${rank} DESC`;
  if (plan.include.length > 0) {
    tsquery = translateToTsquery(plan.include, plan.exclude);
    from = `articles a, to_tsquery('${textSearchConfig}', ?) query`;
    params.push(tsquery);
    if (sort === 'relevance' && plan.include.some(hasExpansion)) {
      from += `, to_tsquery('${textSearchConfig}', ?) typed`;
      params.push(translateToTsquery(plan.include.map(asTyped), plan.exclude));
      score = typedScore;
      rankOrder = typedOrder;
    }
    conditions.push('a.search_vector @@ query');
  } else if (plan.exclude.length > 0) {
    // An anti-join, not `NOT (a.search_vector @@ …)`: the latter reads every article's tsvector one
    // by one (870 ms for "-security" at 100k); the anti-join finds the excluded ones through the
    // GIN index (about 75 ms with the count's index scan, see countMatches).
    conditions.push(
      `NOT EXISTS (SELECT 1 FROM articles x WHERE x.id = a.id AND x.search_vector @@ to_tsquery('${textSearchConfig}', ?))`,
    );
    params.push(translateAnyToTsquery(plan.exclude));
  }
  if (metadata) {
    conditions.push(metadata.sql);
    params.push(...metadata.params);
  }
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const ranked = tsquery !== null && sort === 'relevance';
  // Date orders select the date as well: the last hit's date and id are the next page's cursor.
  const columns = ranked ? (withScores ? `a.id, ${score} AS rank` : 'a.id') : 'a.id, a.published_at';
  const order = ranked ? `${rankOrder}, a.id` : dateOrder[sort === 'oldest' ? 'oldest' : 'newest'];
  return {
    idsSql: numberPlaceholders(`SELECT ${columns} FROM ${from}${where} ORDER BY ${order}`),
    countSql: numberPlaceholders(`SELECT count(*)::int AS n FROM ${from}${where}`),
    matchesSql: `FROM ${from} WHERE ${conditions.length > 0 ? conditions.join(' AND ') : 'TRUE'}`,
    params,
    tsquery,
    ranked: ranked && withScores,
    order: ranked ? 'rank' : sort === 'oldest' ? 'oldest' : 'newest',
    from,
    conditions,
    countThroughWords:
      (plan.include.length > 0 || plan.exclude.length > 0) && !plan.metadata.some(namesSource),
  };
}

/** Runs searches on the store's pool. */
export class PostgresSearcher {
  constructor(private readonly pool: pg.Pool) {}

  /** The query's plan, its source filters looked up first (resolve-sources.ts). */
  plan(query: ParsedQuery): Promise<QueryPlan> {
    return planWithSources(this.pool, query);
  }

  /** One page of hits, the exact total, and where the next page starts. */
  async search(request: SearchRequest): Promise<StorePage> {
    const offset = request.after ? 0 : (request.page - 1) * request.perPage;
    if (offset > maxResultOffset) {
      throw new AppError(
        'SEARCH_PAGE_TOO_DEEP',
        `page ${request.page} starts past result ${maxResultOffset}; narrow the query or sort by date`,
      );
    }
    const plan = toPostgresSql(await this.plan(request.query), request.sort, request.withScores ?? false);
    if (request.after) checkAfter(request.after, plan.order);
    // One row more than the page tells whether another page follows.
    const paged = postgresPageSql(plan, request.after ?? null, request.perPage + 1, offset);
    // The count runs beside the page, and the page's marking right after the page, not after both.
    const [total, { rows, marked }] = await Promise.all([
      this.countMatches(plan),
      this.pool
        .query<{ id: number; rank?: number; published_at?: string | null }>(paged.sql, paged.params)
        .then(async (page) => {
          const rows = page.rows.slice(0, request.perPage);
          return {
            rows: { shown: rows, more: page.rows.length > request.perPage },
            marked: await this.markHits(
              rows.map((row) => row.id),
              plan.tsquery,
            ),
          };
        }),
    ]);
    // An article deleted between the queries drops out of the page rather than failing it.
    const hits = rows.shown.flatMap((row) => {
      const hit = marked.get(row.id);
      return hit ? [{ ...hit, score: plan.ranked ? (row.rank ?? 0) : null }] : [];
    });
    const last = rows.shown.at(-1);
    const next =
      rows.more && last && plan.order !== 'rank'
        ? { publishedAt: last.published_at ?? null, id: last.id }
        : null;
    return { total, hits, next };
  }

  /**
   * The exact number of matches. PostgreSQL's planner does not count the cost of reading each row's
   * TOASTed tsvector to evaluate `@@`, so for a common word it picks a sequential scan that reads every
   * article's vector (794 ms for "security" at 100k) over the GIN index that needs none (41 ms). For
   * queries with words, the count is therefore run with sequential scans disabled, in a transaction
   * of its own so that the setting ends with it. Browsing, and words with a source filter, keep the
   * planner's choice: there the source index is the better path and the setting made things worse
   * (browsing a source 4.5 → 112 ms; "security source:…" 115 → 187 ms).
   */
  private async countMatches(plan: PostgresSqlPlan): Promise<number> {
    return (await this.queryMatches<{ n: number }>(plan, plan.countSql))[0]!.n;
  }

  /**
   * Runs `sql`, a query over every match of `plan` (a count, or a grouping for facets), through the
   * GIN index when words decide the matches; see countMatches for why.
   */
  async queryMatches<T extends pg.QueryResultRow>(plan: PostgresSqlPlan, sql: string): Promise<T[]> {
    if (!plan.countThroughWords) return (await this.pool.query<T>(sql, plan.params)).rows;
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query<T>(sql, plan.params);
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      failure = error as Error;
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      // A connection that failed mid-transaction is dropped rather than reused.
      client.release(failure);
    }
  }

  /** The best `limit` hits' titles and text starts, in relevance order (newest without words). */
  async topTexts(query: ParsedQuery, limit: number, maxChars: number): Promise<ArticleText[]> {
    const plan = toPostgresSql(await this.plan(query), 'relevance', false);
    const page = postgresPageSql(plan, null, limit, 0);
    const ids = (await this.pool.query<{ id: number }>(page.sql, page.params)).rows.map((row) => row.id);
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<ArticleText>(
      'SELECT id, title, left(text, $2) AS text FROM articles WHERE id = ANY($1::bigint[])',
      [ids, Math.min(maxChars, 2_147_483_647)],
    );
    const byId = new Map(rows.map((row) => [Number(row.id), row]));
    return ids.flatMap((id) => {
      const row = byId.get(Number(id));
      return row ? [{ id: Number(row.id), title: row.title, text: row.text }] : [];
    });
  }

  /** Every matching id in result order. */
  async matchingIds(query: ParsedQuery, sort: SortOrder): Promise<number[]> {
    const plan = toPostgresSql(await this.plan(query), sort, false);
    const { rows } = await this.pool.query<{ id: number }>(plan.idsSql, plan.params);
    return rows.map((row) => row.id);
  }

  /** The page's articles with their matches marked, by id. */
  private async markHits(
    ids: number[],
    tsquery: string | null,
  ): Promise<Map<number, Omit<StoreHit, 'score'>>> {
    if (ids.length === 0) return new Map();
    const marked =
      tsquery === null
        ? `a.title AS marked_title, left(a.text, ${leadLength}) AS marked_text`
        : `ts_headline('${textSearchConfig}', a.title, query, $3) AS marked_title,
           ts_headline('${textSearchConfig}', a.text, query, $3) AS marked_text`;
    const from =
      tsquery === null
        ? 'articles a JOIN sources s ON s.id = a.source_id'
        : `to_tsquery('${textSearchConfig}', $2) query, articles a JOIN sources s ON s.id = a.source_id`;
    const { rows } = await this.pool.query<ArticleRow & { marked_title: string; marked_text: string }>(
      `SELECT ${articleColumns}, ${marked} FROM ${from} WHERE a.id = ANY($1::bigint[])`,
      tsquery === null ? [ids] : [ids, tsquery, headlineOptions],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        { article: rowToArticleSummary(row), marked: { title: row.marked_title, text: row.marked_text } },
      ]),
    );
  }
}

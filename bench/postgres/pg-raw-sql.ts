/**
 * Answers one page of search results with SQL written by hand on wirewatch's PostgreSQL schema: what
 * a developer who knows PostgreSQL full text would write without wirewatch. The benchmark compares
 * PostgresStore against this, so it has to do the same work: the exact count, the page of ids in the
 * same order (ts_rank_cd with the title weighted 4×, ties by id; or newest first), and the page's
 * hits with their metadata and every match marked by ts_headline (the whole text, as wirewatch marks
 * it, so that the snippet can be cut anywhere).
 *
 * Why by hand, and not from wirewatch's own translation (toPostgresSql), not even for some queries: a
 * baseline generated from the code under test inherits its mistakes — a filter shape the planner
 * misjudges, an exclusion it cannot run in parallel — and then measures only the driver. Writing every
 * query by hand costs little, because the statements are fixed per query shape (ranked, ranked with a
 * filter, by date, browsing or exclusion only) and only the tsquery text and the filter values change
 * per query (pg-bench-queries.ts, as bench-queries.ts gives FTS5 expressions). The idioms are those a
 * PostgreSQL user reaches for: a join to sources by name, an anti-join for an exclusion, the page and
 * its marking in one statement, and no planner settings. Like wirewatch, the count runs beside the
 * page on a second pooled connection. The bench checks that both sides count the same articles and
 * return the same page.
 */
import type pg from 'pg';
import { numberPlaceholders } from '../../src/store/metadata-sql.ts';

/** One page to answer; every field is written by hand per benchmark query. */
export interface PgPageSpec {
  /** tsquery text (to_tsquery syntax, config wirewatch_text) the article must match. */
  tsquery?: string;
  /** For queries with only excluded words: tsquery text the article must not match. */
  exclude?: string;
  /** Extra SQL condition over `a` (articles) and `s` (sources), with `?` placeholders. */
  where?: string;
  params?: unknown[];
  sort: 'relevance' | 'newest';
  /** 1-based page number. */
  page: number;
}

/** The outcome of one page: how many articles match, and the ids of the page in order. */
export interface PgRawResult {
  total: number;
  ids: number[];
}

/** Results per page, as the benchmark asks wirewatch for them. */
export const pgPageSize = 10;

const config = `'wirewatch_text'`;
// The ranking wirewatch promises (title 4× body, normalised by distinct words): the same order is
// part of the same work, and the bench checks that both sides return the same page.
const rank = `ts_rank_cd('{0.25, 0.25, 0.25, 1.0}', a.search_vector, q, 8)`;
const newestFirst = 'a.published_at DESC NULLS LAST, a.id DESC';
const headlineOptions = 'StartSel=\u0002, StopSel=\u0003, HighlightAll=true';
const metadata =
  'a.url, a.canonical_url, a.source_id, s.name AS source, a.author, a.published_at, a.language';

/** The sources join, only when a condition names the source (a join costs time on a count). */
function joinSources(where: string | undefined): string {
  return where?.includes('s.') ? ' JOIN sources s ON s.id = a.source_id' : '';
}

/** The SQL and parameters of one spec: count, and page-with-marks. Built once per query. */
export interface PgRawStatements {
  countSql: string;
  countParams: unknown[];
  pageSql: string;
  pageParams: unknown[];
}

/** Writes the two statements that answer `spec`. */
export function pgRawStatements(spec: PgPageSpec): PgRawStatements {
  const offset = (spec.page - 1) * pgPageSize;
  const filter = spec.where === undefined ? '' : ` AND (${spec.where})`;
  const filterParams = spec.params ?? [];
  const join = joinSources(spec.where);
  if (spec.tsquery !== undefined) {
    // $1 is the tsquery, then the filter's values, then limit and offset, then the headline options.
    // to_tsquery in FROM with constant arguments is folded into a constant when planning, so the
    // planner sees the words and estimates their frequency (a CTE would hide them from it).
    const ranked = spec.sort === 'relevance';
    const sortKey = ranked ? rank : 'a.published_at';
    const order = ranked ? `${rank} DESC, a.id` : newestFirst;
    const pageOrder = ranked ? 'page.sort_key DESC, page.id' : 'page.sort_key DESC NULLS LAST, page.id DESC';
    const headline = `$${filterParams.length + 4}`;
    return {
      countSql: numberPlaceholders(
        `SELECT count(*)::int AS n FROM articles a${join} WHERE a.search_vector @@ to_tsquery(${config}, ?)${filter}`,
      ),
      countParams: [spec.tsquery, ...filterParams],
      pageSql: numberPlaceholders(
        `SELECT a.id, ${metadata},
                ts_headline(${config}, a.title, q, ${headline}) AS marked_title,
                ts_headline(${config}, a.text, q, ${headline}) AS marked_text
         FROM (SELECT a.id, ${sortKey} AS sort_key FROM articles a${join}, to_tsquery(${config}, ?) q
               WHERE a.search_vector @@ q${filter} ORDER BY ${order} LIMIT ? OFFSET ?) page
         JOIN articles a ON a.id = page.id JOIN sources s ON s.id = a.source_id, to_tsquery(${config}, $1) q
         ORDER BY ${pageOrder}`,
      ),
      pageParams: [spec.tsquery, ...filterParams, pgPageSize, offset, headlineOptions],
    };
  }
  // Browsing, or only exclusions: newest first over the articles table, the lead of the text as the hit.
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (spec.exclude !== undefined) {
    // An anti-join: the matches are found once and subtracted, which the planner can split across
    // parallel workers; `NOT (vector @@ q)` it runs as one sequential filter.
    conditions.push(
      `NOT EXISTS (SELECT FROM articles m WHERE m.id = a.id AND m.search_vector @@ to_tsquery(${config}, ?))`,
    );
    params.push(spec.exclude);
  }
  if (spec.where !== undefined) {
    conditions.push(`(${spec.where})`);
    params.push(...filterParams);
  }
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return {
    countSql: numberPlaceholders(`SELECT count(*)::int AS n FROM articles a${join}${where}`),
    countParams: params,
    pageSql: numberPlaceholders(
      `SELECT a.id, ${metadata}, a.title AS marked_title, left(a.text, 1500) AS marked_text
       FROM (SELECT a.id, a.published_at AS sort_key FROM articles a${join}${where}
             ORDER BY ${newestFirst} LIMIT ? OFFSET ?) page
       JOIN articles a ON a.id = page.id JOIN sources s ON s.id = a.source_id
       ORDER BY page.sort_key DESC NULLS LAST, page.id DESC`,
    ),
    pageParams: [...params, pgPageSize, offset],
  };
}

/** Runs `statements` on `pool`: the count beside the page (two connections), as wirewatch does. */
export async function runPgRawPage(pool: pg.Pool, statements: PgRawStatements): Promise<PgRawResult> {
  const [count, page] = await Promise.all([
    pool.query<{ n: number }>(statements.countSql, statements.countParams),
    pool.query<{ id: string | number }>(statements.pageSql, statements.pageParams),
  ]);
  return { total: count.rows[0]!.n, ids: page.rows.map((row) => Number(row.id)) };
}

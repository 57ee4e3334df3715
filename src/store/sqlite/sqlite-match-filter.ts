/**
 * The articles a planned query matches, as one WHERE condition over `articles a`: what browsing,
 * facets and timelines filter by, so that a query selects the same articles for each of them as for
 * search().
 */
import type { QueryPlan } from '../../search/plan-query.ts';
import { translateAnyToFts5, translateToFts5 } from '../../search/translate-fts5.ts';
import { metadataListToSql, type SqlFragment } from '../metadata-sql.ts';

/** How the word condition reaches the articles (see sqlite-facets.ts for when each wins). */
export interface MatchFilterOptions {
  /**
   * False (the default) lets SQLite look each matching id up by rowid: best when few articles match.
   * True writes `+a.id`, which stops that, so SQLite scans a covering index and keeps the rows whose
   * id is in the matches: best when a large share of the archive matches.
   */
  scanForIds?: boolean;
  /**
   * Only articles with `after < id <= upTo` (new articles, for saved searches): the range goes into
   * the FTS5 subquery too, where it bounds the postings read, so the cost follows the range.
   */
  idRange?: { after: number; upTo: number };
}

/** The condition, or null when the query matches everything. */
export function sqliteMatchFilter(plan: QueryPlan, options: MatchFilterOptions = {}): SqlFragment | null {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const metadata = metadataListToSql(plan.metadata);
  if (metadata) {
    conditions.push(metadata.sql);
    params.push(...metadata.params);
  }
  const id = options.scanForIds ? '+a.id' : 'a.id';
  const range = options.idRange;
  const inRange = range ? ' AND rowid > ? AND rowid <= ?' : '';
  const rangeParams = range ? [range.after, range.upTo] : [];
  if (plan.include.length > 0) {
    conditions.push(`${id} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?${inRange})`);
    params.push(translateToFts5(plan.include, plan.exclude), ...rangeParams);
  } else if (plan.exclude.length > 0) {
    conditions.push(`${id} NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?${inRange})`);
    params.push(translateAnyToFts5(plan.exclude), ...rangeParams);
  }
  return conditions.length > 0 ? { sql: conditions.join(' AND '), params } : null;
}

/**
 * Facet counts and timelines on PostgreSQL: one grouped query over the same matches as search()
 * (through the GIN index when words decide them, see PostgresSearcher.queryMatches), folded by
 * facet-counts.ts exactly as on SQLite. Dates are cut as UTC text, like SQLite's ISO strings.
 */
import type { ParsedQuery } from '../../search/query-ast.ts';
import type { EnrichmentFacets } from '../enrichment.ts';
import { type EnrichmentFacetRow, enrichmentFacetSql, foldEnrichmentFacets } from '../enrichment-facets.ts';
import {
  type FacetRow,
  foldFacets,
  foldTimeline,
  type PeriodRow,
  periodPrefixLength,
} from '../facet-counts.ts';
import { numberPlaceholders } from '../metadata-sql.ts';
import type { SearchFacets, TimelineBucket, TimelineInterval } from '../store.ts';
import { type PostgresSearcher, toPostgresSql } from './postgres-search.ts';

/** `published_at` as `YYYY-MM-DD`, `YYYY-MM` or `YYYY` in UTC, whatever the session's time zone. */
function utcPrefix(length: 4 | 7 | 10): string {
  const format = { 4: 'YYYY', 7: 'YYYY-MM', 10: 'YYYY-MM-DD' }[length];
  return `to_char(a.published_at AT TIME ZONE 'UTC', '${format}')`;
}

/** Exact facet counts of everything the query matches. */
export async function countPostgresFacets(
  searcher: PostgresSearcher,
  query: ParsedQuery,
  limit: number,
): Promise<SearchFacets> {
  const plan = toPostgresSql(await searcher.plan(query), 'newest', false);
  const rows = await searcher.queryMatches<FacetRow>(
    plan,
    numberPlaceholders(
      `SELECT s.name AS source, g.language, g.month, g.n
       FROM (SELECT a.source_id, a.language, ${utcPrefix(7)} AS month, count(*)::int AS n
             ${plan.matchesSql} GROUP BY 1, 2, 3) g
       JOIN sources s ON s.id = g.source_id`,
    ),
  );
  return foldFacets(rows, limit);
}

/** Exact counts of the query's matches per entity named, topic and event type. */
export async function countPostgresEnrichmentFacets(
  searcher: PostgresSearcher,
  query: ParsedQuery,
  limit: number,
): Promise<EnrichmentFacets> {
  const plan = toPostgresSql(await searcher.plan(query), 'newest', false);
  const rows = await searcher.queryMatches<EnrichmentFacetRow>(
    plan,
    numberPlaceholders(enrichmentFacetSql(`SELECT a.id ${plan.matchesSql}`)),
  );
  return foldEnrichmentFacets(rows, limit);
}

/** The matches with `after < id <= upTo`, ascending (Store.matchingIds): the id range leads the plan. */
export async function postgresMatchingIds(
  searcher: PostgresSearcher,
  query: ParsedQuery,
  range: { after: number; upTo: number },
  limit: number,
): Promise<number[]> {
  const plan = toPostgresSql(await searcher.plan(query), 'newest', false);
  const rows = await searcher.queryMatches<{ id: number | string }>(
    { ...plan, countThroughWords: false, params: [...plan.params, range.after, range.upTo, limit] },
    numberPlaceholders(`SELECT a.id ${plan.matchesSql} AND a.id > ? AND a.id <= ? ORDER BY a.id LIMIT ?`),
  );
  return rows.map((row) => Number(row.id));
}

/** Dated matches per period, oldest first. */
export async function countPostgresTimeline(
  searcher: PostgresSearcher,
  query: ParsedQuery,
  interval: TimelineInterval,
): Promise<TimelineBucket[]> {
  const plan = toPostgresSql(await searcher.plan(query), 'newest', false);
  const rows = await searcher.queryMatches<PeriodRow>(
    plan,
    numberPlaceholders(
      `SELECT ${utcPrefix(periodPrefixLength(interval))} AS period, count(*)::int AS n
       ${plan.matchesSql} AND a.published_at IS NOT NULL GROUP BY 1`,
    ),
  );
  return foldTimeline(rows, interval);
}

/**
 * Enrichment facets of a query (entities named, topics, event types), one SQL for both stores over
 * the query's matches (`matched`: a SELECT of article ids as each store finds them), folded here.
 */
import type { EnrichmentFacets, EntityCount, EntityType } from './enrichment.ts';

/** One grouped row: an entity (with its name and type), a topic or an event type, and its count. */
export interface EnrichmentFacetRow {
  kind: 'entity' | 'topic' | 'event';
  value: string;
  name: string | null;
  type: EntityType | null;
  n: number | string;
}

/** The grouped counts over the article ids `matched` selects (a CTE body), or over the whole archive (null). */
export function enrichmentFacetSql(matched: string | null): string {
  // Mentions are counted per entity id first and joined to the entity after: grouping the joined rows
  // by name and type cost three times as much. With no query every article matches, and the mention
  // table is counted without a join to the matches at all.
  const mentions =
    matched === null
      ? 'SELECT entity_id, count(*) AS n FROM article_entities GROUP BY entity_id'
      : 'SELECT m.entity_id, count(*) AS n FROM article_entities m JOIN matched ON matched.id = m.article_id GROUP BY m.entity_id';
  const from = (table: string, alias: string) =>
    matched === null
      ? `${table} ${alias}`
      : `${table} ${alias} JOIN matched ON matched.id = ${alias}.article_id`;
  return `WITH matched AS (${matched ?? 'SELECT 0 AS id'}), counted AS (${mentions})
    SELECT 'entity' AS kind, e.slug AS value, e.name AS name, e.type AS type, c.n AS n
      FROM counted c JOIN entities e ON e.id = c.entity_id
    UNION ALL
    SELECT 'topic', t.topic, NULL, NULL, count(*) FROM ${from('article_topics', 't')} GROUP BY t.topic
    UNION ALL
    SELECT 'event', v.type, NULL, NULL, count(DISTINCT v.article_id) FROM ${from('article_events', 'v')} GROUP BY v.type`;
}

const byCount = <T extends { count: number; name?: string; value?: string }>(a: T, b: T) =>
  b.count - a.count || String(a.name ?? a.value).localeCompare(String(b.name ?? b.value));

/** The rows as facets, `limit` values each, largest first (ties by name). */
export function foldEnrichmentFacets(rows: EnrichmentFacetRow[], limit: number): EnrichmentFacets {
  const entities: EntityCount[] = [];
  const topics: { value: string; count: number }[] = [];
  const events: { value: string; count: number }[] = [];
  for (const row of rows) {
    const count = Number(row.n);
    if (row.kind === 'entity' && row.type !== null)
      entities.push({ slug: row.value, name: row.name ?? row.value, type: row.type, count });
    else if (row.kind === 'topic') topics.push({ value: row.value, count });
    else if (row.kind === 'event') events.push({ value: row.value, count });
  }
  const top = (type: EntityType) =>
    entities
      .filter((entity) => entity.type === type)
      .sort(byCount)
      .slice(0, limit);
  return {
    people: top('person'),
    organisations: top('organisation'),
    places: top('place'),
    topics: topics.sort(byCount).slice(0, limit),
    events: events.sort(byCount).slice(0, limit),
  };
}

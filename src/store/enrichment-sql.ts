/**
 * Enrichment's query fields as WHERE fragments over `articles a`: `org:`, `person:`, `place:` and
 * `country:` through the entities an article names, `topic:` and `event:` through its tags and facts.
 *
 * A value names an entity by any of its spellings (folded as aliasKey folds them) or by its slug;
 * `place:` also takes in what lies inside the place (a region's districts and their towns), and
 * `country:` anything the gazetteer puts in that country (its regions, cities, security bodies), by
 * the country's name or its ISO code. SQLite is given `a.id IN (…)` so it can start from the mention
 * index; PostgreSQL `EXISTS (…)`, which it plans as a semi-join either way round.
 */
import type { FilterNode } from '../search/query-ast.ts';
import { aliasKey } from './enrichment.ts';
import { escapeLike, type SqlDialect, type SqlFragment } from './metadata-sql.ts';

const entityTypes = { org: 'organisation', person: 'person', place: 'place', country: 'place' } as const;

/** Ids of the entities of `type` a value names (a spelling or a slug; a prefix with `*`). */
function namedEntities(type: string, node: FilterNode): SqlFragment {
  const key = aliasKey(node.value);
  const spelling = node.prefix ? "al.alias_key LIKE ? ESCAPE '\\'" : 'al.alias_key = ?';
  const slug = node.prefix ? "slug LIKE ? ESCAPE '\\'" : 'slug = ?';
  const keyParam = node.prefix ? `${escapeLike(key)}%` : key;
  const slugParam = node.prefix ? `${escapeLike(node.value.toLowerCase())}%` : node.value.toLowerCase();
  return {
    sql: `SELECT al.entity_id FROM entity_aliases al JOIN entities e ON e.id = al.entity_id
          WHERE ${spelling} AND e.type = '${type}'
          UNION SELECT coalesce(merged_into, id) FROM entities WHERE ${slug} AND type = '${type}'`,
    params: [keyParam, slugParam],
  };
}

/** The places a value names and the places inside them, two levels down (region → district → town). */
function placesWithin(node: FilterNode): SqlFragment {
  const named = namedEntities('place', node);
  const slugsOf = (ids: string) => `SELECT slug FROM entities WHERE id IN (${ids})`;
  return {
    sql: `SELECT id FROM entities WHERE id IN (${named.sql})
          OR parent_slug IN (${slugsOf(named.sql)})
          OR parent_slug IN (SELECT slug FROM entities WHERE parent_slug IN (${slugsOf(named.sql)}))`,
    params: [...named.params, ...named.params, ...named.params],
  };
}

/** Everything the gazetteer puts in the country a value names (by name, spelling or ISO code). */
function inCountry(node: FilterNode): SqlFragment {
  const named = namedEntities('place', node);
  return {
    sql: `SELECT id FROM entities WHERE country IN (
            SELECT country FROM entities WHERE subtype = 'country' AND id IN (${named.sql}))
          OR country = ?`,
    params: [...named.params, node.value.toUpperCase()],
  };
}

/** Articles whose rows in `table` satisfy `where`, as the dialect likes it. */
function articlesWith(table: string, where: string, params: unknown[], dialect: SqlDialect): SqlFragment {
  return dialect === 'postgres'
    ? { sql: `EXISTS (SELECT 1 FROM ${table} x WHERE x.article_id = a.id AND ${where})`, params }
    : { sql: `a.id IN (SELECT x.article_id FROM ${table} x WHERE ${where})`, params };
}

/** An enrichment filter (org, person, place, country, topic, event) as SQL. */
export function enrichmentFilterSql(node: FilterNode, dialect: SqlDialect): SqlFragment {
  switch (node.field) {
    case 'topic':
      return articlesWith('article_topics', 'x.topic = ?', [node.value.toLowerCase()], dialect);
    case 'event':
      return articlesWith('article_events', 'x.type = ?', [node.value.toLowerCase()], dialect);
    case 'place': {
      const places = placesWithin(node);
      return articlesWith('article_entities', `x.entity_id IN (${places.sql})`, places.params, dialect);
    }
    case 'country': {
      const within = inCountry(node);
      return articlesWith('article_entities', `x.entity_id IN (${within.sql})`, within.params, dialect);
    }
    case 'org':
    case 'person': {
      const named = namedEntities(entityTypes[node.field], node);
      return articlesWith('article_entities', `x.entity_id IN (${named.sql})`, named.params, dialect);
    }
    default:
      throw new Error(`not an enrichment field: ${node.field}`);
  }
}

/**
 * Metadata conditions (source, language, dates, and enrichment's in enrichment-sql.ts) as WHERE fragments over `articles a`, in the SQL both
 * stores speak, with `?` placeholders (PostgreSQL numbers them with numberPlaceholders). Dates compare
 * as ISO text on SQLite and as timestamptz in a UTC session on PostgreSQL: the same bounds either way.
 */
import type { MetadataNode } from '../search/plan-query.ts';
import type { FilterNode } from '../search/query-ast.ts';
import { enrichmentFilterSql } from './enrichment-sql.ts';
import { slugifySourceName } from './prepare-article.ts';

/** A WHERE fragment and its positional parameters. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** Escapes LIKE wildcards so a prefix filter matches them literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Which SQL a fragment is for: the two differ only in how a source filter reaches the source index. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * `a.source_id` among the sources `where` selects. PostgreSQL plans `IN (SELECT …)` as a hash join
 * after scanning every text match (1.16 s for "security source:…" at 100k articles), but evaluates
 * `= ANY(ARRAY(SELECT …))` once, up front, and then uses the (source_id, published_at) index (0.15 s).
 * Even so it plans that array blind (a default share of the rows); at 1M articles it then scanned the
 * whole table (9.6 s against 1.6 s), so the PostgreSQL store looks the ids up first and passes them
 * as a literal array (`sourceIds`, resolve-sources.ts), which it plans with the column's statistics.
 */
function sourceIn(ids: SqlFragment, dialect: SqlDialect): SqlFragment {
  return {
    sql: dialect === 'postgres' ? `a.source_id = ANY(ARRAY(${ids.sql}))` : `a.source_id IN (${ids.sql})`,
    params: ids.params,
  };
}

/** The ids of the sources a `source:` filter names (by name or slug, or their prefix), as a SELECT. */
export function sourceIdsSql(node: FilterNode): SqlFragment {
  if (node.prefix) {
    return {
      sql: "SELECT id FROM sources WHERE lower(name) LIKE lower(?) ESCAPE '\\' OR slug LIKE ? ESCAPE '\\'",
      params: [`${escapeLike(node.value)}%`, `${escapeLike(slugifySourceName(node.value))}%`],
    };
  }
  return {
    sql: 'SELECT id FROM sources WHERE lower(name) = lower(?) OR slug = ?',
    params: [node.value, slugifySourceName(node.value)],
  };
}

/** One metadata condition as SQL. */
export function metadataToSql(node: MetadataNode, dialect: SqlDialect = 'sqlite'): SqlFragment {
  switch (node.kind) {
    case 'filter': {
      if (node.field === 'source') {
        if (node.sourceIds !== undefined && dialect === 'postgres')
          return { sql: 'a.source_id = ANY(?::bigint[])', params: [[...node.sourceIds]] };
        return sourceIn(sourceIdsSql(node), dialect);
      }
      if (node.field === 'lang') return { sql: 'a.language = ?', params: [node.value.toLowerCase()] };
      return enrichmentFilterSql(node, dialect);
    }
    case 'date': {
      const parts: string[] = [];
      const params: unknown[] = [];
      // Dates are stored as ISO strings, so 'YYYY-MM-DD' bounds compare correctly as text.
      if (node.from) {
        parts.push('a.published_at >= ?');
        params.push(node.from);
      }
      if (node.to) {
        parts.push('a.published_at < ?');
        params.push(node.to);
      }
      return { sql: parts.length > 0 ? `(${parts.join(' AND ')})` : 'TRUE', params };
    }
    case 'or': {
      const children = node.children.map((child) => metadataToSql(child, dialect));
      return {
        sql: `(${children.map((c) => c.sql).join(' OR ')})`,
        params: children.flatMap((c) => c.params),
      };
    }
    case 'not': {
      const child = metadataToSql(node.child, dialect);
      // IS NOT TRUE keeps undated articles in "not in 2024": NULL comparisons are not true.
      return { sql: `((${child.sql}) IS NOT TRUE)`, params: child.params };
    }
  }
}

/** All conditions joined with AND (an empty list gives no fragment). */
export function metadataListToSql(nodes: MetadataNode[], dialect: SqlDialect = 'sqlite'): SqlFragment | null {
  if (nodes.length === 0) return null;
  const parts = nodes.map((node) => metadataToSql(node, dialect));
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/** Rewrites `?` placeholders as PostgreSQL's `$1, $2…`, starting after `offset` earlier parameters. */
export function numberPlaceholders(sql: string, offset = 0): string {
  let n = offset;
  return sql.replace(/\?/g, () => `$${++n}`);
}

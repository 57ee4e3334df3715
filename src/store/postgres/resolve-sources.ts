/**
 * Source filters looked up before planning: `source:"Steppe Times"` becomes the ids of the sources it
 * names (`FilterNode.sourceIds`), so the SQL carries them as a literal array and PostgreSQL plans the
 * filter with the column's statistics instead of a blind guess (metadata-sql.ts says what the guess
 * cost). One small query per source filter; a query without one is planned as it is.
 */
import type pg from 'pg';
import { type MetadataNode, planQuery, type QueryPlan } from '../../search/plan-query.ts';
import type { ParsedQuery } from '../../search/query-ast.ts';
import { numberPlaceholders, sourceIdsSql } from '../metadata-sql.ts';

/** The query's plan with every source filter's ids looked up. */
export async function planWithSources(pool: pg.Pool, query: ParsedQuery): Promise<QueryPlan> {
  const plan = planQuery(query);
  if (!plan.metadata.some(hasSourceFilter)) return plan;
  return { ...plan, metadata: await Promise.all(plan.metadata.map((node) => resolve(pool, node))) };
}

function hasSourceFilter(node: MetadataNode): boolean {
  if (node.kind === 'filter') return node.field === 'source';
  if (node.kind === 'or') return node.children.some(hasSourceFilter);
  if (node.kind === 'not') return hasSourceFilter(node.child);
  return false;
}

async function resolve(pool: pg.Pool, node: MetadataNode): Promise<MetadataNode> {
  switch (node.kind) {
    case 'filter': {
      if (node.field !== 'source') return node;
      const { sql, params } = sourceIdsSql(node);
      const { rows } = await pool.query<{ id: string | number }>(numberPlaceholders(sql), params);
      return { ...node, sourceIds: rows.map((row) => Number(row.id)) };
    }
    case 'or':
      return { ...node, children: await Promise.all(node.children.map((child) => resolve(pool, child))) };
    case 'not':
      return { ...node, child: await resolve(pool, node.child) };
    default:
      return node;
  }
}

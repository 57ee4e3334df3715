/**
 * Splits a parsed query into what a full-text engine answers (words and phrases) and what plain SQL
 * answers (source, language and date filters). Both stores plan the same way, so a query means the
 * same on SQLite and PostgreSQL; only the final translation differs.
 */
import { AppError } from '../core/errors.ts';
import type { DateRangeNode, FilterNode, ParsedQuery, QueryNode } from './query-ast.ts';

/** A metadata condition: a filter, a date range, or an OR / NOT of them. */
export type MetadataNode =
  | FilterNode
  | DateRangeNode
  | { kind: 'or'; children: MetadataNode[] }
  | { kind: 'not'; child: MetadataNode };

/** What a store has to do for one query. */
export interface QueryPlan {
  /** Text clauses that must all match; empty when the query has no words to rank by. */
  include: QueryNode[];
  /** Text clauses none of which may match. */
  exclude: QueryNode[];
  /** Metadata conditions that must all hold. */
  metadata: MetadataNode[];
}

/** Plans a parsed query; a query without any clause plans to "everything". */
export function planQuery(query: ParsedQuery): QueryPlan {
  const plan: QueryPlan = { include: [], exclude: [], metadata: [] };
  if (query.root === null) return plan;
  const clauses = query.root.kind === 'and' ? query.root.children : [query.root];
  for (const clause of clauses) {
    const metadata = asMetadata(clause);
    if (metadata) plan.metadata.push(metadata);
    else if (clause.kind === 'not') plan.exclude.push(clause.child);
    else plan.include.push(clause);
  }
  for (const node of [...plan.include, ...plan.exclude]) assertTextOnly(node);
  return plan;
}

/** The node as a metadata condition, or null when it involves words. */
function asMetadata(node: QueryNode): MetadataNode | null {
  switch (node.kind) {
    case 'filter':
    case 'date':
      return node;
    case 'not': {
      const child = asMetadata(node.child);
      return child ? { kind: 'not', child } : null;
    }
    case 'or': {
      const children = node.children.map(asMetadata);
      return children.every((child) => child !== null)
        ? { kind: 'or', children: children as MetadataNode[] }
        : null;
    }
    default:
      return null;
  }
}

/** Filters can only stand beside words at the top level; inside a word group they have no meaning. */
function assertTextOnly(node: QueryNode): void {
  if (node.kind === 'filter' || node.kind === 'date') {
    throw new AppError(
      'QUERY_MIXED_OR',
      `the ${node.field}: filter at column ${node.span.column} is inside a group of words; put filters outside parentheses and OR`,
      { location: node.span },
    );
  }
  if (node.kind === 'and' || node.kind === 'or') node.children.forEach(assertTextOnly);
  if (node.kind === 'not') assertTextOnly(node.child);
}

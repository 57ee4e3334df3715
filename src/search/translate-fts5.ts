/**
 * Translates the word clauses of a planned query into an SQLite FTS5 MATCH expression. Every word is
 * emitted as a quoted FTS5 string, so nothing the user types can reach FTS5's own syntax.
 */
import { AppError } from '../core/errors.ts';
import type { QueryNode, TextColumn } from './query-ast.ts';

/** FTS5 column names for the query language's text columns. */
const fts5Columns: Record<TextColumn, string> = { title: 'title', text: 'text' };

/** An FTS5 string literal: double quotes doubled. Hyphenated words become phrases here. */
function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

function withColumn(expression: string, column: TextColumn | undefined): string {
  return column ? `${fts5Columns[column]} : ${expression}` : expression;
}

/** One node as an FTS5 expression. */
export function translateNodeToFts5(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return withColumn(node.prefix ? `${quote(node.value)} *` : quote(node.value), node.column);
    case 'phrase':
      return withColumn(quote(node.value), node.column);
    case 'or':
      return `(${node.children.map(translateNodeToFts5).join(' OR ')})`;
    case 'and': {
      const positive = node.children.filter((child) => child.kind !== 'not');
      const negative = node.children.filter((child) => child.kind === 'not');
      if (positive.length === 0) {
        const first = negative[0];
        throw new AppError(
          'QUERY_NEGATION_ONLY',
          'a group needs at least one word that must match beside the excluded ones',
          {
            location: first?.kind === 'not' ? first.span : undefined,
          },
        );
      }
      const kept = positive.map(translateNodeToFts5).join(' AND ');
      const dropped = negative.map((child) =>
        child.kind === 'not' ? ` NOT ${translateNodeToFts5(child.child)}` : '',
      );
      return `(${kept}${dropped.join('')})`;
    }
    case 'not':
      throw new AppError(
        'QUERY_NEGATION_ONLY',
        `the exclusion at column ${node.span.column} needs a word that must match beside it`,
        {
          location: node.span,
        },
      );
    default:
      throw new AppError(
        'QUERY_MIXED_OR',
        `the ${node.field}: filter at column ${node.span.column} cannot be used inside a group of words`,
        {
          location: node.span,
        },
      );
  }
}

/** The MATCH expression requiring every `include` clause and none of the `exclude` ones. */
export function translateToFts5(include: QueryNode[], exclude: QueryNode[] = []): string {
  const kept = include.map(translateNodeToFts5).join(' AND ');
  return exclude.reduce((expression, node) => `${expression} NOT ${translateNodeToFts5(node)}`, kept);
}

/** The MATCH expression matching any of `nodes` (for excluding them when nothing is included). */
export function translateAnyToFts5(nodes: QueryNode[]): string {
  return nodes.map(translateNodeToFts5).join(' OR ');
}

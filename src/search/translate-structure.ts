/**
 * The walk both full-text translations share (FTS5 for SQLite, tsquery for PostgreSQL): it checks the
 * shape of a word clause — every group needs a word that must match, filters cannot sit among words —
 * and leaves only the spelling of words, OR and AND NOT to each engine.
 */
import { AppError } from '../core/errors.ts';
import type { QueryNode, TextColumn } from './query-ast.ts';

/** How one engine spells the parts of a word clause. */
export interface TextOperators {
  /** A word (`prefix` for `extrem*`) or a phrase (never a prefix), limited to `column` when given. */
  word(node: { value: string; prefix: boolean; column?: TextColumn }): string;
  or(children: string[]): string;
  /** All of `kept` and none of `dropped` (kept is never empty). */
  andNot(kept: string[], dropped: string[]): string;
}

/** Translates one word clause with `operators`; throws the query errors the shape calls for. */
export function translateStructure(node: QueryNode, operators: TextOperators): string {
  const walk = (child: QueryNode) => translateStructure(child, operators);
  switch (node.kind) {
    case 'term':
      return operators.word(node);
    case 'phrase':
      return operators.word({ value: node.value, prefix: false, column: node.column });
    case 'or':
      return operators.or(node.children.map(walk));
    case 'and': {
      const positive = node.children.filter((child) => child.kind !== 'not');
      const negative = node.children.filter((child) => child.kind === 'not');
      if (positive.length === 0) {
        const first = negative[0];
        throw new AppError(
          'QUERY_NEGATION_ONLY',
          'a group needs at least one word that must match beside the excluded ones',
          { location: first?.kind === 'not' ? first.span : undefined },
        );
      }
      return operators.andNot(
        positive.map(walk),
        negative.map((child) => walk((child as Extract<QueryNode, { kind: 'not' }>).child)),
      );
    }
    case 'not':
      throw new AppError(
        'QUERY_NEGATION_ONLY',
        `the exclusion at column ${node.span.column} needs a word that must match beside it`,
        { location: node.span },
      );
    default:
      throw new AppError(
        'QUERY_MIXED_OR',
        `the ${node.field}: filter at column ${node.span.column} cannot be used inside a group of words`,
        { location: node.span },
      );
  }
}

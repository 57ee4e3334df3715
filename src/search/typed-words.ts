/**
 * The query as typed inside an expanded query (expand-query.ts marks each widened word's OR with
 * `expansion`): for rankers that must score the typed spelling apart from its variants.
 */
import type { QueryNode } from './query-ast.ts';

/**
 * `node` with every expansion put back to the word as typed: what a ranker that cannot count a word
 * twice (PostgreSQL's ts_rank_cd) scores a second time, so hits of the typed spelling rank first.
 */
export function asTyped(node: QueryNode): QueryNode {
  switch (node.kind) {
    case 'or':
      if (node.expansion) return node.children[0]!;
      return { ...node, children: node.children.map(asTyped) };
    case 'and':
      return { ...node, children: node.children.map(asTyped) };
    case 'not':
      return { ...node, child: asTyped(node.child) };
    default:
      return node;
  }
}

/** True when query expansion widened some word of `node`. */
export function hasExpansion(node: QueryNode): boolean {
  switch (node.kind) {
    case 'or':
      return node.expansion === true || node.children.some(hasExpansion);
    case 'and':
      return node.children.some(hasExpansion);
    case 'not':
      return hasExpansion(node.child);
    default:
      return false;
  }
}

/**
 * Checks on a parsed query tree that no single token can see: the number of terms, and the shapes
 * of OR that the stores cannot run. Used by query-parser.ts once the tree is built.
 */
import { AppError } from '../core/errors.ts';
import type { DateRangeNode, FilterNode, PhraseNode, QueryNode, Span, TermNode } from './query-ast.ts';

type Leaf = TermNode | PhraseNode | FilterNode | DateRangeNode;

function isLeaf(node: QueryNode): node is Leaf {
  return node.kind === 'term' || node.kind === 'phrase' || node.kind === 'filter' || node.kind === 'date';
}

function isMetadata(node: QueryNode): boolean {
  return node.kind === 'filter' || node.kind === 'date';
}

/** The leaves (terms, phrases, filters, dates) of a tree, left to right. */
function leaves(node: QueryNode, into: Leaf[] = []): Leaf[] {
  if (isLeaf(node)) into.push(node);
  else if (node.kind === 'not') leaves(node.child, into);
  else for (const child of node.children) leaves(child, into);
  return into;
}

/**
 * Throws QUERY_TOO_MANY_TERMS past `limit` leaves; QUERY_NEGATION_ONLY for an OR with a branch that
 * only excludes (`a OR -b`); QUERY_MIXED_OR for an OR that mixes text with metadata filters
 * (`title:x OR source:y`). `source` is the query as typed, to quote the culprit in messages.
 */
export function checkQueryTree(root: QueryNode, source: string, limit: number): void {
  const all = leaves(root);
  const over = all[limit];
  if (over) {
    throw new AppError(
      'QUERY_TOO_MANY_TERMS',
      `the query has ${all.length} terms, phrases and filters; the limit is ${limit} (the first one over it is at column ${over.span.column})`,
      { location: { ...over.span } },
    );
  }
  checkOrs(root, Array.from(source));
}

function checkOrs(node: QueryNode, chars: readonly string[]): void {
  if (node.kind === 'not') checkOrs(node.child, chars);
  if (node.kind !== 'and' && node.kind !== 'or') return;
  for (const child of node.children) checkOrs(child, chars);
  if (node.kind === 'or') checkOr(node.children, chars);
}

function checkOr(branches: readonly QueryNode[], chars: readonly string[]): void {
  const quote = (span: Span): string => chars.slice(span.column - 1, span.column - 1 + span.length).join('');
  for (const branch of branches) {
    // The stores rank by the positive words of each branch; "everything except b" has none, and
    // inside an OR it would match nearly the whole archive.
    const negations = branch.kind === 'and' ? branch.children : [branch];
    const first = negations[0];
    if (first?.kind === 'not' && negations.every((child) => child.kind === 'not')) {
      const text = quote(first.span);
      throw new AppError(
        'QUERY_NEGATION_ONLY',
        `${text} at column ${first.span.column} only excludes, inside an OR: "anything except" cannot be one of the alternatives. To exclude it from every result, put it after the OR group: (x OR y) ${text}; or pair it with a word inside its alternative: x OR (y ${text})`,
        { location: { ...first.span } },
      );
    }
  }
  const inside = branches.flatMap((branch) => leaves(branch));
  const metadata = inside.find(isMetadata);
  const text = inside.find((leaf) => !isMetadata(leaf));
  if (metadata && text) {
    // Text goes to the full-text index and filters to the article's columns; an OR across the two
    // cannot be one full-text query, and usually means the filter was meant for every alternative.
    const filter = quote(metadata.span);
    throw new AppError(
      'QUERY_MIXED_OR',
      `${filter} at column ${metadata.span.column} is a filter inside an OR that also searches text (${quote(text.span)} at column ${text.span.column}); an OR must be all words or all filters. Remember AND binds tighter than OR: to apply the filter to every alternative, put the alternatives in parentheses, e.g. (a OR b) ${filter}`,
      { location: { ...metadata.span } },
    );
  }
}

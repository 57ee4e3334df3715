/**
 * Writing queries back as text: the clause a facet link adds (`source:"Times of Central Asia"`,
 * `lang:ru`, `date:2025-05`), a query narrowed by one more clause, and a query without one of its
 * clauses (the no-hits suggestion). Everything written here parses back with parseQuery.
 */
import type { ParsedQuery, QueryNode } from '../search/query-ast.ts';

/** Characters that end a quoted value: a value holding one cannot be written as a filter. */
const quotePattern = /["\u201C\u201D]/;
/** A word the lexer reads back as one bare word. */
const bareWordPattern = /^[\p{L}\p{N}\p{M}]+$/u;

/** `field:"value"`, exact; null when the value holds a quote and so cannot be written. */
export function filterClause(field: 'source' | 'lang', value: string): string | null {
  if (quotePattern.test(value) || value.trim() === '') return null;
  return field === 'lang' && /^[a-z]{2,3}$/.test(value) ? `lang:${value}` : `${field}:"${value}"`;
}

/** `date:YYYY`, `date:YYYY-MM` or `date:YYYY-MM-DD`. */
export function dateClause(period: string): string {
  return `date:${period}`;
}

/** A word as a clause: bare when the lexer reads it back as one word, else as a phrase. */
export function wordClause(word: string): string | null {
  if (bareWordPattern.test(word)) return word;
  return quotePattern.test(word) || word.trim() === '' ? null : `"${word}"`;
}

/** The query with `clause` added (ANDed); an OR query is put in parentheses first, since AND binds tighter. */
export function narrowQuery(query: ParsedQuery, clause: string): string {
  if (query.root === null) return clause;
  const text = query.root.kind === 'or' ? `(${query.source.trim()})` : query.source.trim();
  return `${text} ${clause}`;
}

/** The top-level clauses of a query: what can be dropped one at a time. */
export function topLevelClauses(query: ParsedQuery): QueryNode[] {
  if (query.root === null) return [];
  return query.root.kind === 'and' ? query.root.children : [query.root];
}

/** The query without its top-level clause number `index` (see topLevelClauses). */
export function queryWithout(query: ParsedQuery, index: number): string {
  return topLevelClauses(query)
    .filter((_, at) => at !== index)
    .map((node) => writeClause(node, query.source))
    .join(' ');
}

/** One clause as text, in parentheses when it is an OR group. */
export function writeClause(node: QueryNode, source: string): string {
  return node.kind === 'or' || node.kind === 'and' ? `(${writeNode(node, source)})` : writeNode(node, source);
}

/** A node as text that parses back to the same node. */
function writeNode(node: QueryNode, source: string): string {
  switch (node.kind) {
    case 'term':
      return `${node.column ? `${node.column}:` : ''}${node.value}${node.prefix ? '*' : ''}`;
    case 'phrase':
      return `${node.column ? `${node.column}:` : ''}"${node.value}"`;
    case 'filter':
      if (node.prefix) return `${node.field}:${node.value}*`;
      return node.field === 'lang' ? `lang:${node.value}` : `${node.field}:"${node.value}"`;
    case 'date':
      // A date clause is kept as typed: its span covers the field and the value.
      return sliceSpan(source, node.span.column, node.span.length);
    case 'not':
      return `-${writeClause(node.child, source)}`;
    case 'and':
      return node.children.map((child) => writeClause(child, source)).join(' ');
    case 'or':
      return node.children.map((child) => writeClause(child, source)).join(' OR ');
  }
}

/** Characters [column, column + length) of `text`, counted in code points as the lexer counts them. */
function sliceSpan(text: string, column: number, length: number): string {
  return Array.from(text)
    .slice(column - 1, column - 1 + length)
    .join('');
}

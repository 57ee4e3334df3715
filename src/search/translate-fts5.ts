/**
 * Translates the word clauses of a planned query into an SQLite FTS5 MATCH expression. Every word is
 * emitted as a quoted FTS5 string, so nothing the user types can reach FTS5's own syntax.
 */
import type { QueryNode, TextColumn } from './query-ast.ts';
import { translateStructure } from './translate-structure.ts';

/** FTS5 column names for the query language's text columns. */
const fts5Columns: Record<TextColumn, string> = { title: 'title', text: 'text' };

/** An FTS5 string literal: double quotes doubled. Hyphenated words become phrases here. */
function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

const fts5Operators = {
  word: (node: { value: string; prefix: boolean; column?: TextColumn }) => {
    const expression = node.prefix ? `${quote(node.value)} *` : quote(node.value);
    return node.column ? `${fts5Columns[node.column]} : ${expression}` : expression;
  },
  or: (children: string[]) => `(${children.join(' OR ')})`,
  andNot: (kept: string[], dropped: string[]) =>
    `(${kept.join(' AND ')}${dropped.map((child) => ` NOT ${child}`).join('')})`,
};

/** One node as an FTS5 expression. */
export function translateNodeToFts5(node: QueryNode): string {
  return translateStructure(node, fts5Operators);
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

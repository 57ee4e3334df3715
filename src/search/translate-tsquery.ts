/**
 * Translates the word clauses of a planned query into PostgreSQL tsquery text, for
 * `to_tsquery('wirewatch_text', …)`. Built from the parsed query, never from the raw string: every
 * word is split into its letter-and-digit runs (as the index splits the text, see the PostgreSQL
 * migration) and each run is quoted, so nothing the user types reaches tsquery's own syntax.
 *
 * - a word of several runs (`ut-Tahrir`, `U.S`) and a phrase become runs joined by `<->` (adjacent,
 *   in order), as FTS5 reads them;
 * - `extrem*` becomes `'extrem':*`;
 * - `title:` limits a run to weight A (the title), `text:` to weight D (the body).
 */
import type { QueryNode, TextColumn } from './query-ast.ts';
import { translateStructure } from './translate-structure.ts';

const columnWeights: Record<TextColumn, string> = { title: 'A', text: 'D' };

/** The letter-and-digit runs of a word or phrase, as the index sees them. */
export function wordRuns(value: string): string[] {
  return value.split(/[^\p{L}\p{N}\p{M}]+/u).filter((run) => run !== '');
}

/** A run as a quoted tsquery operand; runs hold no quote or backslash, but quoting stays total. */
function operand(run: string, suffix: string): string {
  return `'${run.replaceAll('\\', '\\\\').replaceAll("'", "''")}'${suffix}`;
}

function runsToTsquery(value: string, prefix: boolean, column: TextColumn | undefined): string {
  const runs = wordRuns(value);
  const weight = column ? columnWeights[column] : '';
  const parts = runs.map((run, index) => {
    const star = prefix && index === runs.length - 1 ? '*' : '';
    return operand(run, star || weight ? `:${star}${weight}` : '');
  });
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

const tsqueryOperators = {
  word: (node: { value: string; prefix: boolean; column?: TextColumn }) =>
    runsToTsquery(node.value, node.prefix, node.column),
  or: (children: string[]) => `(${children.join(' | ')})`,
  andNot: (kept: string[], dropped: string[]) =>
    `(${[...kept, ...dropped.map((child) => `!${child}`)].join(' & ')})`,
};

/** One node as tsquery text. */
export function translateNodeToTsquery(node: QueryNode): string {
  return translateStructure(node, tsqueryOperators);
}

/** The tsquery requiring every `include` clause and none of the `exclude` ones. */
export function translateToTsquery(include: QueryNode[], exclude: QueryNode[] = []): string {
  return [
    ...include.map(translateNodeToTsquery),
    ...exclude.map((node) => `!${translateNodeToTsquery(node)}`),
  ].join(' & ');
}

/** The tsquery matching any of `nodes` (for excluding them when nothing is included). */
export function translateAnyToTsquery(nodes: QueryNode[]): string {
  return nodes.map(translateNodeToTsquery).join(' | ');
}

/**
 * The syntax tree of the wirewatch query language. The parser (query-parser.ts) builds it from what
 * the user typed; each store translates it (never the raw string) into its own full-text dialect.
 */

/** Where a node came from in the query string: 1-based column and length, for error carets. */
export interface Span {
  column: number;
  length: number;
}

/** The text columns a word or phrase can be limited to with `title:` or `text:` (alias `body:`). */
export type TextColumn = 'title' | 'text';

/** A single word, possibly a prefix (`extrem*`). `value` is as typed, without the `*`. */
export interface TermNode {
  kind: 'term';
  value: string;
  prefix: boolean;
  /** Limits the match to one column; absent means title or text. */
  column?: TextColumn;
  span: Span;
}

/** A quoted phrase: the words in this order, next to each other. */
export interface PhraseNode {
  kind: 'phrase';
  /** The phrase as typed between the quotes. */
  value: string;
  column?: TextColumn;
  span: Span;
}

/** All children must match (implicit between adjacent clauses, or `AND`). */
export interface AndNode {
  kind: 'and';
  children: QueryNode[];
}

/** At least one child must match (`OR`, also `|`). */
export interface OrNode {
  kind: 'or';
  children: QueryNode[];
  /**
   * Set by query expansion (expand-query.ts): the first child is the word as typed and the rest are
   * its other forms and spellings, so a ranker can prefer hits of the word as typed.
   */
  expansion?: true;
}

/** The child must not match (`NOT x` or `-x`). */
export interface NotNode {
  kind: 'not';
  child: QueryNode;
  span: Span;
}

/**
 * Fields that filter on an article's metadata rather than its words: `source` and `lang`, and what
 * enrichment found — entities named (`org`, `person`, `place`, and `country`: anything in a country),
 * a `topic` tag, an `event` type.
 */
export type FilterField = 'source' | 'lang' | 'org' | 'person' | 'place' | 'country' | 'topic' | 'event';

/** `source:"Times of Central Asia"`, `lang:ru`. `prefix` is true for `source:times*`. */
export interface FilterNode {
  kind: 'filter';
  field: FilterField;
  value: string;
  prefix: boolean;
  span: Span;
  /**
   * For `source:`, the ids of the sources the value names, when a store looked them up before
   * planning (PostgreSQL: see resolve-sources.ts); absent, the SQL looks them up itself.
   */
  sourceIds?: readonly number[];
}

/**
 * A publication-date range, half-open: `from` <= published_at < `to`, both ISO dates (`YYYY-MM-DD`)
 * or absent. `after:2024-01-01` gives from 2024-01-01 (that day included); `before:2024-01-01` gives
 * to 2024-01-01 (that day excluded); `date:2025-05` gives from 2025-05-01 to 2025-06-01.
 */
export interface DateRangeNode {
  kind: 'date';
  field: 'after' | 'before' | 'date';
  from?: string;
  to?: string;
  span: Span;
}

/** Any node of a parsed query. */
export type QueryNode = TermNode | PhraseNode | AndNode | OrNode | NotNode | FilterNode | DateRangeNode;

/** A parsed query: the tree, or null when the user gave nothing to search (browse everything). */
export interface ParsedQuery {
  /** The string as the user typed it. */
  source: string;
  root: QueryNode | null;
}

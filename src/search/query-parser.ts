/**
 * The parser of the wirewatch query language: a recursive-descent parser over the tokens of
 * query-lexer.ts that builds the tree of query-ast.ts and rejects, with a column, what the stores
 * could not run. Grammar, loosest first:
 *
 *   query   := or
 *   or      := and (('OR' | '|') and)*
 *   and     := unary ('AND'? unary)*          adjacent clauses are ANDed
 *   unary   := ('NOT' | '-') unary | primary
 *   primary := word | "phrase" | '(' or ')' | field ':' value
 */
import { AppError, type ErrorCode } from '../core/errors.ts';
import type { FilterField, ParsedQuery, QueryNode, Span, TextColumn } from './query-ast.ts';
import { lexQuery, type QueryToken, textFieldColumns } from './query-lexer.ts';
import { filterFields as allFilterFields, parseMetadataField } from './query-metadata-fields.ts';
import { checkQueryTree } from './query-tree-checks.ts';

/** The longest query accepted, in characters. */
export const maxQueryLength = 1000;

/** The most terms, phrases and filters one query may hold. */
export const maxQueryTerms = 100;

/** The deepest nesting of parentheses accepted; it keeps the recursive parser far from a stack overflow. */
export const maxQueryDepth = 32;

/** Options of parseQuery. */
export interface ParseQueryOptions {
  /**
   * The metadata filter fields this archive can answer; the others throw QUERY_FIELD_UNAVAILABLE.
   * Defaults to all of them.
   */
  enabledFilterFields?: readonly FilterField[];
}

/**
 * Parses a query typed by a user into its syntax tree; blank input, or input with nothing
 * searchable in it, gives `root: null` (browse everything).
 *
 * Precedence, tightest first: `NOT`/`-`, then AND (explicit or implicit between adjacent clauses),
 * then `OR`/`|`, as in most search engines: `a b OR c` means `(a AND b) OR c`. Operators are
 * upper-case only; `or`, `and`, `not` are ordinary words. Nested ANDs and ORs are flattened, and a
 * group of one collapses to its child.
 *
 * Throws AppError with a QUERY_* code and a `location` (column, length) for anything it refuses.
 */
export function parseQuery(input: string, options: ParseQueryOptions = {}): ParsedQuery {
  const length = Array.from(input).length;
  if (length > maxQueryLength) {
    throw queryError(
      'QUERY_TOO_LONG',
      `the query is ${length} characters long; the limit is ${maxQueryLength} (the excess starts at column ${maxQueryLength + 1})`,
      { column: maxQueryLength + 1, length: length - maxQueryLength },
    );
  }
  const tokens = lexQuery(input);
  checkParentheses(tokens);
  const enabled = new Set<FilterField>(options.enabledFilterFields ?? allFilterFields);
  const root = tokens.length === 0 ? null : new Parser(tokens, enabled).parse();
  if (root) checkQueryTree(root, input, maxQueryTerms);
  return { source: input, root };
}

/** True when the query has a word or phrase that is not negated, i.e. something to rank results by. */
export function hasTextClauses(node: QueryNode | null): boolean {
  if (!node) return false;
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return true;
    case 'and':
    case 'or':
      return node.children.some(hasTextClauses);
    default:
      return false;
  }
}

function queryError(code: ErrorCode, message: string, span: Span): AppError {
  return new AppError(code, message, { location: { column: span.column, length: span.length } });
}

/** Checks parentheses up front, so `(a OR` is reported as the missing `)` it is, not as a missing operand. */
function checkParentheses(tokens: readonly QueryToken[]): void {
  const open: QueryToken[] = [];
  for (const token of tokens) {
    if (token.kind === 'open') {
      open.push(token);
      if (open.length > maxQueryDepth) {
        throw queryError(
          'QUERY_TOO_DEEP',
          `parentheses are nested more than ${maxQueryDepth} deep at column ${token.column}`,
          token,
        );
      }
    } else if (token.kind === 'close' && open.pop() === undefined) {
      throw queryError(
        'QUERY_UNBALANCED_PARENS',
        `unbalanced parentheses: the ) at column ${token.column} has no matching (`,
        token,
      );
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) {
    throw queryError(
      'QUERY_UNBALANCED_PARENS',
      `unbalanced parentheses: the ( at column ${unclosed.column} is never closed; add a )`,
      unclosed,
    );
  }
}

/** Builds an and/or node, merging children of the same kind into it and collapsing a group of one. */
function group(kind: 'and' | 'or', children: readonly QueryNode[]): QueryNode {
  const flat = children.flatMap((child) => (child.kind === kind ? child.children : [child]));
  return flat.length === 1 ? flat[0]! : { kind, children: flat };
}

function startsClause(token: QueryToken | undefined): boolean {
  return token !== undefined && token.kind !== 'or' && token.kind !== 'and' && token.kind !== 'close';
}

class Parser {
  private pos = 0;
  // The column just after the last token consumed, to give NOT nodes a span over their operand.
  private end = 1;

  constructor(
    private readonly tokens: readonly QueryToken[],
    private readonly enabled: ReadonlySet<FilterField>,
  ) {}

  parse(): QueryNode {
    const root = this.parseOr(undefined);
    const extra = this.peek();
    // checkParentheses leaves only a stray `)` possible here; kept so no input can slip through.
    if (extra)
      throw queryError(
        'QUERY_UNBALANCED_PARENS',
        `unexpected ${extra.text} at column ${extra.column}`,
        extra,
      );
    return root;
  }

  private peek(): QueryToken | undefined {
    return this.tokens[this.pos];
  }

  private next(): QueryToken {
    const token = this.tokens[this.pos++]!;
    this.end = token.column + token.length;
    return token;
  }

  private parseOr(column: TextColumn | undefined): QueryNode {
    const children = [this.parseAnd(column)];
    while (this.peek()?.kind === 'or') {
      this.expectOperandAfter(this.next());
      children.push(this.parseAnd(column));
    }
    return group('or', children);
  }

  private parseAnd(column: TextColumn | undefined): QueryNode {
    const first = this.peek();
    if (first && !startsClause(first) && first.kind !== 'close') {
      throw queryError(
        'QUERY_MISSING_OPERAND',
        `missing operand: ${first.text} at column ${first.column} has nothing on its left`,
        first,
      );
    }
    const children = [this.parseUnary(column)];
    for (;;) {
      const token = this.peek();
      if (token?.kind === 'and') this.expectOperandAfter(this.next());
      else if (!startsClause(token)) break;
      children.push(this.parseUnary(column));
    }
    return group('and', children);
  }

  private expectOperandAfter(operator: QueryToken): void {
    if (startsClause(this.peek())) return;
    const what = operator.kind === 'not' ? 'nothing to negate' : 'nothing on its right';
    throw queryError(
      'QUERY_MISSING_OPERAND',
      `missing operand: ${operator.text} at column ${operator.column} has ${what}`,
      operator,
    );
  }

  private parseUnary(column: TextColumn | undefined): QueryNode {
    const operators: QueryToken[] = [];
    while (this.peek()?.kind === 'not') {
      const operator = this.next();
      this.expectOperandAfter(operator);
      operators.push(operator);
    }
    const child = this.parsePrimary(column);
    const first = operators[0];
    // NOT NOT x is x; folding it here keeps the tree free of double negations for the stores.
    if (!first || operators.length % 2 === 0) return child;
    return { kind: 'not', child, span: { column: first.column, length: this.end - first.column } };
  }

  private parsePrimary(column: TextColumn | undefined): QueryNode {
    const token = this.next();
    switch (token.kind) {
      case 'word':
      case 'value':
        return {
          kind: 'term',
          value: token.value,
          prefix: token.kind === 'word' && token.prefix,
          ...(column ? { column } : {}),
          span: { column: token.column, length: token.length },
        };
      case 'phrase':
        return { kind: 'phrase', value: token.value, ...(column ? { column } : {}), span: spanOf(token) };
      case 'open':
        return this.parseGroup(token, column);
      case 'field':
        return this.parseField(token);
      default:
        // Unreachable: callers check startsClause first. Reported rather than asserted, to stay total.
        throw queryError(
          'QUERY_MISSING_OPERAND',
          `unexpected ${token.text} at column ${token.column}`,
          token,
        );
    }
  }

  private parseGroup(open: QueryToken, column: TextColumn | undefined): QueryNode {
    const close = this.peek();
    if (close?.kind === 'close') {
      throw queryError('QUERY_MISSING_OPERAND', `empty parentheses at column ${open.column}`, {
        column: open.column,
        length: close.column + 1 - open.column,
      });
    }
    const node = this.parseOr(column);
    // checkParentheses guarantees the `)` is here: parseOr stops only at `)` or at the end.
    this.next();
    return node;
  }

  private parseField(field: QueryToken & { kind: 'field' }): QueryNode {
    const next = this.peek();
    const glued = next && next.column === field.column + field.length ? next : undefined;
    const textColumn = textFieldColumns.get(field.name);
    if (textColumn) {
      if (glued?.kind !== 'word' && glued?.kind !== 'phrase' && glued?.kind !== 'open') {
        throw queryError(
          'QUERY_MISSING_OPERAND',
          `missing operand: ${field.text} at column ${field.column} must be followed directly by a word, a "phrase" or a (group), e.g. ${field.name}:Tokayev`,
          field,
        );
      }
      // An inner title:/text: wins over an outer one, so pass only ours down.
      return this.parsePrimary(textColumn);
    }
    // Reports an unknown, unavailable or missing field or value; else the value token is ours.
    const node = parseMetadataField(field, glued, this.enabled);
    this.next();
    return node;
  }
}

function spanOf(token: QueryToken): Span {
  return { column: token.column, length: token.length };
}

/**
 * The tokenizer of the wirewatch query language. It walks the query once, character by character
 * (code points, so columns match what a person counts), and yields words, phrases, operators,
 * parentheses and field prefixes with their 1-based columns. Characters that cannot be part of
 * anything (`,` `;` `!` a stray `*` …) are skipped like spaces; the only error it raises is an
 * unclosed quote, because nothing sensible can be guessed about where the phrase ends.
 */
import { AppError } from '../core/errors.ts';
import type { TextColumn } from './query-ast.ts';

/** What every token carries: where it is (1-based column and length, in characters) and its text. */
interface TokenBase {
  column: number;
  length: number;
  /** The token exactly as typed, for error messages (`-` or `NOT`, `|` or `OR`). */
  text: string;
}

/** One token of a query. */
export type QueryToken =
  | (TokenBase & { kind: 'word'; value: string; prefix: boolean })
  | (TokenBase & { kind: 'phrase'; value: string })
  /** `name:`; `name` is lower-cased and without the colon. */
  | (TokenBase & { kind: 'field'; name: string })
  /** The literal right after a metadata field (`source:bbc.com`, `after:2024-01`), read up to a space. */
  | (TokenBase & { kind: 'value'; value: string })
  | (TokenBase & { kind: 'or' | 'and' | 'not' | 'open' | 'close' });

/** Field prefixes that limit words to one text column, with the column each one stands for. */
export const textFieldColumns: ReadonlyMap<string, TextColumn> = new Map([
  ['title', 'title'],
  ['text', 'text'],
  ['body', 'text'],
]);

/** Every field prefix the language knows, in the order error messages list them. */
export const knownFieldNames: readonly string[] = [
  'title',
  'text',
  'body',
  'source',
  'lang',
  'after',
  'before',
  'date',
  'org',
  'person',
  'place',
  'country',
  'topic',
  'event',
];

// Typographic quotes open or close a phrase just like straight ones: phones and word processors
// turn " into “ and ”, and people paste queries from both.
const quoteChars = new Set(['"', '\u201C', '\u201D']);
// Inside a word these join two runs of letters/digits: ut-Tahrir, U.S, O'Brien, 3.5.
const joinerChars = new Set(["'", '\u2019', '-', '.']);
const keywordKinds = new Map<string, 'or' | 'and' | 'not'>([
  ['OR', 'or'],
  ['AND', 'and'],
  ['NOT', 'not'],
]);
const wordCharPattern = /^[\p{L}\p{N}\p{M}]$/u;
const spacePattern = /^\s$/u;
// Control characters (NUL above all) end FTS5 strings early and PostgreSQL refuses them in text:
// inside a phrase or value they count as spaces.
const controlCharsPattern = /\p{Cc}+/gu;
const asciiLettersPattern = /^[A-Za-z]+$/;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && wordCharPattern.test(ch);
}

/** True when `ch` can begin a clause, i.e. a `-` or `name:` before it really applies to something. */
function startsClause(ch: string | undefined): boolean {
  return ch !== undefined && (isWordChar(ch) || quoteChars.has(ch) || ch === '(');
}

/** True when `ch` ends the literal value of a metadata field. */
function endsValue(ch: string | undefined): boolean {
  return (
    ch === undefined ||
    spacePattern.test(ch) ||
    /^\p{Cc}$/u.test(ch) ||
    quoteChars.has(ch) ||
    '()|'.includes(ch)
  );
}

/** Splits a query into tokens; throws QUERY_UNCLOSED_PHRASE when a quote is never closed. */
export function lexQuery(input: string): QueryToken[] {
  const chars = Array.from(input);
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    const column = i + 1;
    if (isWordChar(ch)) {
      i = readWord(chars, i, tokens);
    } else if (quoteChars.has(ch)) {
      i = readPhrase(chars, i, tokens);
    } else if (ch === '|') {
      // `||` is what programmers type for OR; one operator, however many bars.
      let end = i + 1;
      while (chars[end] === '|') end++;
      tokens.push({ kind: 'or', column, length: end - i, text: chars.slice(i, end).join('') });
      i = end;
    } else {
      if (ch === '(' || ch === ')')
        tokens.push({ kind: ch === '(' ? 'open' : 'close', column, length: 1, text: ch });
      // A `-` negates only when glued to what follows; `a - b` is two words and a dash.
      else if (ch === '-' && startsClause(chars[i + 1]))
        tokens.push({ kind: 'not', column, length: 1, text: ch });
      i++;
    }
  }
  return tokens;
}

/** Reads a word starting at `start` (a word character); returns the index after it. */
function readWord(chars: readonly string[], start: number, tokens: QueryToken[]): number {
  let end = start + 1;
  while (end < chars.length) {
    if (isWordChar(chars[end])) end++;
    else if (joinerChars.has(chars[end]!) && isWordChar(chars[end + 1])) end += 2;
    else break;
  }
  let text = chars.slice(start, end).join('');
  // Keep the final dot of an abbreviation (U.S.) but not the full stop after an ordinary word.
  if (chars[end] === '.' && text.includes('.')) {
    text += '.';
    end++;
  }
  const column = start + 1;
  if (chars[end] === ':' && asciiLettersPattern.test(text)) {
    const name = text.toLowerCase();
    const next = chars[end + 1];
    // An unknown name is a field only when a value is glued to the colon: `foo:bar` is a mistake
    // worth reporting, but `Breaking: news` and `http://x` are just text.
    if (knownFieldNames.includes(name) || startsClause(next)) {
      tokens.push({ kind: 'field', name, column, length: end + 1 - start, text: `${text}:` });
      if (textFieldColumns.has(name) || endsValue(next)) return end + 1;
      return readValue(chars, end + 1, tokens);
    }
  }
  const prefix = chars[end] === '*';
  if (prefix) end++;
  const keyword = prefix ? undefined : keywordKinds.get(text);
  if (keyword) tokens.push({ kind: keyword, column, length: end - start, text });
  else
    tokens.push({
      kind: 'word',
      value: text,
      prefix,
      column,
      length: end - start,
      text: chars.slice(start, end).join(''),
    });
  return end;
}

/** Reads the literal value of a metadata field, up to a space, quote, parenthesis or bar. */
function readValue(chars: readonly string[], start: number, tokens: QueryToken[]): number {
  let end = start;
  while (!endsValue(chars[end])) end++;
  const text = chars.slice(start, end).join('');
  tokens.push({ kind: 'value', value: text, column: start + 1, length: end - start, text });
  return end;
}

/** Reads a quoted phrase starting at the quote at `start`; returns the index after the closing quote. */
function readPhrase(chars: readonly string[], start: number, tokens: QueryToken[]): number {
  let end = start + 1;
  while (end < chars.length && !quoteChars.has(chars[end]!)) end++;
  if (end >= chars.length) {
    throw new AppError(
      'QUERY_UNCLOSED_PHRASE',
      `unclosed quote: the phrase starting at column ${start + 1} has no closing "`,
      { location: { column: start + 1, length: chars.length - start } },
    );
  }
  const value = chars
    .slice(start + 1, end)
    .join('')
    .replace(controlCharsPattern, ' ')
    .trim();
  // A phrase without a single letter or digit ("" or "!!") would match nothing: drop it.
  if (Array.from(value).some(isWordChar)) {
    const text = chars.slice(start, end + 1).join('');
    tokens.push({ kind: 'phrase', value, column: start + 1, length: end + 1 - start, text });
  }
  return end + 1;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, type ErrorCode } from '../core/errors.ts';
import type { QueryNode } from './query-ast.ts';
import { hasTextClauses, maxQueryLength, maxQueryTerms, parseQuery } from './query-parser.ts';

// Spans are checked on their own below; most tests compare shapes, so spans are dropped.
type Bare = Record<string, unknown>;
function bare(node: QueryNode | null): Bare | null {
  if (!node) return null;
  const { span: _span, ...rest } = node as QueryNode & { span?: unknown };
  if (node.kind === 'and' || node.kind === 'or')
    return { kind: node.kind, children: node.children.map(bare) };
  if (node.kind === 'not') return { kind: 'not', child: bare(node.child) };
  return rest;
}
const shape = (input: string, options?: Parameters<typeof parseQuery>[1]) =>
  bare(parseQuery(input, options).root);
const term = (value: string, more: Bare = {}) => ({ kind: 'term', value, prefix: false, ...more });
const phrase = (value: string, more: Bare = {}) => ({ kind: 'phrase', value, ...more });
const and = (...children: Bare[]) => ({ kind: 'and', children });
const or = (...children: Bare[]) => ({ kind: 'or', children });
const not = (child: Bare) => ({ kind: 'not', child });
const filter = (field: string, value: string, prefix = false) => ({ kind: 'filter', field, value, prefix });
const date = (field: string, from?: string, to?: string) => ({
  kind: 'date',
  field,
  ...(from && { from }),
  ...(to && { to }),
});

function rejects(input: string, code: ErrorCode, column: number, length?: number): AppError {
  try {
    parseQuery(input);
  } catch (error) {
    assert.ok(error instanceof AppError, `${input}: not an AppError`);
    assert.equal(error.code, code, `${input}: ${error.message}`);
    assert.equal(error.location?.column, column, `${input}: column (${error.message})`);
    if (length !== undefined) assert.equal(error.location?.length, length, `${input}: length`);
    assert.match(error.message, new RegExp(`column ${column}\\b`), `${input}: message names the column`);
    return error;
  }
  assert.fail(`${input}: expected ${code}`);
}

describe('parseQuery: the seed queries', () => {
  it('parses a phrase OR a word', () => {
    assert.deepEqual(shape('"Hizb ut-Tahrir" OR HTS'), or(phrase('Hizb ut-Tahrir'), term('HTS')));
  });
  it('parses a word minus a word', () => {
    assert.deepEqual(shape('extremism -Syria'), and(term('extremism'), not(term('Syria'))));
  });
  it('parses a word and a date', () => {
    assert.deepEqual(
      shape('Kazakhstan after:2024-01-01'),
      and(term('Kazakhstan'), date('after', '2024-01-01')),
    );
  });
  it('parses a title group, a language and a month', () => {
    assert.deepEqual(
      shape('title:(Tokayev OR Mirziyoyev) lang:en date:2025-05'),
      and(
        or(term('Tokayev', { column: 'title' }), term('Mirziyoyev', { column: 'title' })),
        filter('lang', 'en'),
        date('date', '2025-05-01', '2025-06-01'),
      ),
    );
  });
  it('parses a quoted source and a prefix', () => {
    assert.deepEqual(
      shape('source:"Times of Central Asia" extrem*'),
      and(filter('source', 'Times of Central Asia'), term('extrem', { prefix: true })),
    );
  });
  it('parses Cyrillic words', () => {
    assert.deepEqual(shape('Токаев экстремизм'), and(term('Токаев'), term('экстремизм')));
  });
});

describe('parseQuery: words, phrases and punctuation', () => {
  it('gives root null for blank input or input with nothing searchable', () => {
    for (const input of ['', '   ', '\t\n', ', ; ! ?', '*', '""', '- ']) {
      assert.deepEqual(parseQuery(input), { source: input, root: null }, JSON.stringify(input));
    }
  });
  it('keeps words as typed, with inner apostrophes, hyphens and dots', () => {
    assert.deepEqual(
      shape('ut-Tahrir U.S. al-Sham O’Brien 3.5'),
      and(term('ut-Tahrir'), term('U.S.'), term('al-Sham'), term('O’Brien'), term('3.5')),
    );
  });
  it('drops a full stop, trailing hyphen and other punctuation around words', () => {
    assert.deepEqual(
      shape('end. well- why?! yes, no; +must'),
      and(term('end'), term('well'), term('why'), term('yes'), term('no'), term('must')),
    );
  });
  it('treats lower-case or/and/not as words', () => {
    assert.deepEqual(
      shape('war or not peace and'),
      and(term('war'), term('or'), term('not'), term('peace'), term('and')),
    );
  });
  it('reads straight and typographic quotes, trims phrases, ignores a star after one', () => {
    assert.deepEqual(
      shape('“Central Asia” " Hizb ut-Tahrir "*'),
      and(phrase('Central Asia'), phrase('Hizb ut-Tahrir')),
    );
  });
  it('ignores empty phrases', () => {
    assert.deepEqual(shape('"" a “ ”'), term('a'));
  });
  it('reads control characters in phrases and values as spaces (regression: NUL ended the FTS5 string)', () => {
    assert.deepEqual(shape('"a\u0000b" " \u0000 0"'), and(phrase('a b'), phrase('0')));
    assert.deepEqual(shape('source:Steppe\u0000x'), and(filter('source', 'Steppe'), term('x')));
  });
  it('reads a colon not after a letter-only prefix as a separator', () => {
    assert.deepEqual(shape('10:30 http://x.com'), and(term('10'), term('30'), term('http'), term('x.com')));
    assert.deepEqual(shape('Breaking: news'), and(term('Breaking'), term('news')));
  });
  it('records 1-based columns and lengths in characters (code points), operators included', () => {
    const spans: [string, number, number][] = [];
    const walk = (node: QueryNode): void => {
      if ('span' in node) spans.push([node.kind, node.span.column, node.span.length]);
      if (node.kind === 'not') walk(node.child);
      if (node.kind === 'and' || node.kind === 'or') node.children.forEach(walk);
    };
    walk(parseQuery('𝔸 -"b c" title:d* source:x* NOT (e) before:2024').root!);
    const expected = 'term 1 1, not 3 6, phrase 4 5, term 16 2, filter 19 9, not 29 7, term 34 1, date 37 11';
    assert.equal(spans.map((span) => span.join(' ')).join(', '), expected);
  });
});

describe('parseQuery: operators and precedence', () => {
  it('binds AND tighter than OR', () => {
    assert.deepEqual(shape('a b OR c'), or(and(term('a'), term('b')), term('c')));
    assert.deepEqual(shape('a OR b c'), or(term('a'), and(term('b'), term('c'))));
    assert.deepEqual(shape('a AND b | c'), or(and(term('a'), term('b')), term('c')));
  });
  it('binds NOT tightest', () => {
    assert.deepEqual(shape('NOT a b'), and(not(term('a')), term('b')));
    assert.deepEqual(shape('-a b OR c'), or(and(not(term('a')), term('b')), term('c')));
  });
  it('accepts | and || as OR', () => {
    assert.deepEqual(shape('a | b || c'), or(term('a'), term('b'), term('c')));
  });
  it('flattens nested groups of the same kind and collapses groups of one', () => {
    assert.deepEqual(shape('(a OR (b OR c)) OR d'), or(term('a'), term('b'), term('c'), term('d')));
    assert.deepEqual(shape('a (b (c AND d))'), and(term('a'), term('b'), term('c'), term('d')));
    assert.deepEqual(shape('((a))'), term('a'));
  });
  it('negates words, phrases, groups and fields', () => {
    assert.deepEqual(
      shape('-(a OR b) -"c d" NOT title:e -source:f'),
      and(
        not(or(term('a'), term('b'))),
        not(phrase('c d')),
        not(term('e', { column: 'title' })),
        not(filter('source', 'f')),
      ),
    );
  });
  it('folds a double negation, and reads a lone dash as punctuation', () => {
    assert.deepEqual(shape('NOT NOT a'), term('a'));
    assert.deepEqual(shape('a - b --c'), and(term('a'), term('b'), not(term('c'))));
  });
  it('accepts queries of negations and filters only (browse everything except)', () => {
    assert.deepEqual(shape('-Syria'), not(term('Syria')));
    assert.deepEqual(shape('lang:ru -Syria'), and(filter('lang', 'ru'), not(term('Syria'))));
  });
  it('accepts an OR of filters, and of dates', () => {
    assert.deepEqual(shape('source:a OR source:b'), or(filter('source', 'a'), filter('source', 'b')));
    assert.deepEqual(
      shape('lang:en | date:2024'),
      or(filter('lang', 'en'), date('date', '2024-01-01', '2025-01-01')),
    );
  });
  it('accepts a negation beside a positive word inside an OR alternative', () => {
    assert.deepEqual(shape('a OR (b -c)'), or(term('a'), and(term('b'), not(term('c')))));
  });
});

describe('parseQuery: fields', () => {
  it('sets the column on every word and phrase inside title:, text: and body:', () => {
    assert.deepEqual(
      shape('TITLE:"a b" text:(c OR d) Body:e*'),
      and(
        phrase('a b', { column: 'title' }),
        or(term('c', { column: 'text' }), term('d', { column: 'text' })),
        term('e', { column: 'text', prefix: true }),
      ),
    );
    assert.deepEqual(
      shape('title:(a text:b)'),
      and(term('a', { column: 'title' }), term('b', { column: 'text' })),
    );
  });
  it('reads source: values bare, quoted or as a prefix, and lower-cases lang:', () => {
    assert.deepEqual(
      shape('source:bbc.com Source:times* lang:RU lang:kaz'),
      and(
        filter('source', 'bbc.com'),
        filter('source', 'times', true),
        filter('lang', 'ru'),
        filter('lang', 'kaz'),
      ),
    );
  });
  it('turns after:, before: and date: into half-open ranges', () => {
    assert.deepEqual(shape('after:2024'), date('after', '2024-01-01'));
    assert.deepEqual(shape('before:2024-03'), date('before', undefined, '2024-03-01'));
    assert.deepEqual(shape('date:2024-02-29'), date('date', '2024-02-29', '2024-03-01'));
    assert.deepEqual(shape('date:2024-12'), date('date', '2024-12-01', '2025-01-01'));
    assert.deepEqual(shape('date:2100'), date('date', '2100-01-01', '2101-01-01'));
  });
  it('gives FilterNodes for the enrichment fields, event types and topics in lower case', () => {
    assert.deepEqual(
      shape('org:"Hizb ut-Tahrir" person:Tokayev country:KG'),
      and(filter('org', 'Hizb ut-Tahrir'), filter('person', 'Tokayev'), filter('country', 'KG')),
    );
    assert.deepEqual(
      shape('place:"Jalal-Abad" topic:Terrorism event:ARREST'),
      and(filter('place', 'Jalal-Abad'), filter('topic', 'terrorism'), filter('event', 'arrest')),
    );
  });
});

// Each code with queries that must raise it: [query, column, length?] of the culprit.
// biome-ignore format: a table reads best with one line per code
const errorCases: Partial<Record<ErrorCode, [string, number, number?][]>> = {
  QUERY_UNCLOSED_PHRASE: [['"unclosed', 1, 9], ['a “b', 3, 2]],
  QUERY_UNBALANCED_PARENS: [['(a OR', 1, 1], ['a (b (c)', 3, 1], ['a) b', 2, 1]],
  QUERY_MISSING_OPERAND: [
    ['a OR', 3, 2], ['OR a', 1, 2], ['a AND', 3, 3], ['NOT', 1, 3], ['a ()', 3, 2], ['a OR OR b', 3, 2],
    ['a (OR b)', 4, 2], ['a title:', 3, 6], ['title: a', 1, 6], ['-title:-a', 2, 6],
  ],
  QUERY_BAD_FIELD_VALUE: [
    ['a source: b', 3, 7], ['lang:', 1, 5], ['source:(a OR b)', 1, 7], ['lang:english', 6, 7], ['lang:e*', 6, 2],
    ['source:*', 8, 1], ['source:""', 1, 7], ['place:', 1, 6], ['event:arrests', 7, 7], ['event:a*', 7, 2],
  ],
  QUERY_BAD_DATE: [
    ['after:yesterdayish', 7, 12], ['x date:2024-13', 8, 7], ['before:2024-02-30', 8, 10], ['date:2023-02-29', 6],
    ['date:2024-04-00', 6], ['after:1899', 7], ['before:2101', 8], ['after:2024/01/01', 7], ['date:2024*', 6],
  ],
  QUERY_UNKNOWN_FIELD: [['a foo:bar', 3, 4], ['Note:"x"', 1, 5], ['x:(y)', 1, 2]],

  QUERY_NEGATION_ONLY: [
    ['a OR -b', 6, 2], ['a OR (NOT b -c)', 7, 5], ['lang:en OR -source:x', 12, 9], ['-(a OR -b)', 8, 2],
  ],
  QUERY_MIXED_OR: [
    ['title:x OR source:y', 12, 8], ['a OR b lang:en', 8, 7], ['date:2024 OR a', 1, 9], ['a OR (b -lang:en)', 10, 7],
  ],
  QUERY_TOO_LONG: [['a'.repeat(maxQueryLength + 5), maxQueryLength + 1, 5]],
  QUERY_TOO_DEEP: [[`${'('.repeat(33)}a${')'.repeat(33)}`, 33, 1], [`${'-('.repeat(200)}a`, 66, 1]],
};

describe('parseQuery: errors carry a code and a column', () => {
  for (const [code, cases] of Object.entries(errorCases)) {
    it(code, () => {
      for (const [input, column, length] of cases) rejects(input, code as ErrorCode, column, length);
    });
  }
  it('words the messages for people', () => {
    const message = (input: string) => rejects(input, 'QUERY_UNCLOSED_PHRASE', 1).message;
    assert.equal(message('"unclosed'), 'unclosed quote: the phrase starting at column 1 has no closing "');
    const unknown = rejects('a foo:bar', 'QUERY_UNKNOWN_FIELD', 3).message;
    assert.match(unknown, /"foo:".*title: text: body: source: lang: after: before: date:.*quotes/);
    assert.match(
      rejects('event:raid', 'QUERY_BAD_FIELD_VALUE', 7).message,
      /event: takes one of arrest, attack, conviction, repatriation, ban, not "raid"/,
    );
    assert.match(rejects('a OR -b', 'QUERY_NEGATION_ONLY', 6).message, /\(x OR y\) -b/);
    assert.match(rejects('a OR b lang:en', 'QUERY_MIXED_OR', 8).message, /\(a OR b\) lang:en/);
    const tooLong = rejects('a'.repeat(maxQueryLength + 5), 'QUERY_TOO_LONG', maxQueryLength + 1).message;
    assert.match(tooLong, /1005 characters.*limit is 1000/);
  });
  it('QUERY_FIELD_UNAVAILABLE for a filter field left out of enabledFilterFields', () => {
    assert.throws(() => parseQuery('lang:en', { enabledFilterFields: ['source'] }), {
      code: 'QUERY_FIELD_UNAVAILABLE',
    });
    assert.throws(() => parseQuery('x person:y', { enabledFilterFields: ['source', 'lang'] }), {
      code: 'QUERY_FIELD_UNAVAILABLE',
      message:
        /^the person: field needs entity enrichment, which this archive does not have yet \(column 3\)/,
    });
  });
  it('QUERY_TOO_MANY_TERMS past the limit, with the count and the limit', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    assert.ok(parseQuery(words(maxQueryTerms)).root);
    const error = rejects(words(maxQueryTerms + 3), 'QUERY_TOO_MANY_TERMS', 1 + 3 * 10 + 4 * 90, 4);
    assert.match(error.message, /103 terms.*limit is 100/);
  });
  it('accepts exactly the length and depth limits', () => {
    assert.ok(parseQuery('a'.repeat(maxQueryLength)).root);
    assert.deepEqual(shape(`${'('.repeat(32)}a${')'.repeat(32)}`), term('a'));
  });
});

describe('hasTextClauses', () => {
  it('is true only with a word or phrase outside a negation', () => {
    const has = (input: string) => hasTextClauses(parseQuery(input).root);
    assert.equal(has('a'), true);
    assert.equal(has('"a b" lang:en'), true);
    assert.equal(has('title:(a OR b) -c'), true);
    assert.equal(has('-a'), false);
    assert.equal(has('lang:ru -Syria'), false);
    assert.equal(has('source:a OR source:b'), false);
    assert.equal(has(''), false);
  });
});

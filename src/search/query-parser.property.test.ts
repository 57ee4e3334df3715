import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../core/errors.ts';
import type { QueryNode } from './query-ast.ts';
import { maxQueryLength, maxQueryTerms, parseQuery } from './query-parser.ts';

type Bare = Record<string, unknown>;
function bare(node: QueryNode | null): Bare | null {
  if (!node) return null;
  if (node.kind === 'and' || node.kind === 'or')
    return { kind: node.kind, children: node.children.map(bare) };
  if (node.kind === 'not') return { kind: 'not', child: bare(node.child) };
  const { span: _span, ...rest } = node;
  return rest;
}

/** Parses, and checks that anything thrown is an AppError with a QUERY_* code and a sane column. */
function parseOrExplain(input: string): void {
  try {
    const parsed = parseQuery(input);
    assert.equal(parsed.source, input);
  } catch (error) {
    assert.ok(error instanceof AppError, `not an AppError: ${String(error)}`);
    assert.match(error.code, /^QUERY_/);
    const column = error.location?.column ?? 0;
    assert.ok(column >= 1 && column <= input.length + 1, `column ${column} outside 1..${input.length + 1}`);
    assert.ok((error.location?.length ?? -1) >= 0);
  }
}

// Fragments that exercise every corner of the lexer and parser when strung together at random.
const fragments = [
  'a',
  'Tokayev',
  'ut-Tahrir',
  'U.S.',
  'Токаев',
  'extrem*',
  '*',
  'OR',
  'AND',
  'NOT',
  'or',
  '|',
  '||',
  '-',
  '--',
  '(',
  ')',
  '"',
  '“',
  '”',
  '"x y"',
  '""',
  ':',
  'title:',
  'TEXT:',
  'body:',
  'source:',
  'lang:',
  'lang:en',
  'after:',
  'before:2024',
  'date:2025-05',
  'date:2024-02-30',
  'org:',
  'foo:',
  '10:30',
  'http://x',
  ',',
  ';',
  '!',
  '?',
  '.',
  "'",
  ' ',
  '\t',
  '\n',
  '😀',
  'é',
  '\u0301',
  '\uD800',
  '\u200B',
  '\\',
];
const soup = fc.array(fc.constantFrom(...fragments), { maxLength: 80 }).map((parts) => parts.join(''));
const spacedSoup = fc.array(fc.constantFrom(...fragments), { maxLength: 80 }).map((parts) => parts.join(' '));

describe('parseQuery properties', () => {
  it('never throws anything but a located QUERY_* AppError, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), parseOrExplain), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), parseOrExplain), {
      numRuns: 1000,
    });
    fc.assert(fc.property(soup, parseOrExplain), { numRuns: 3000 });
    fc.assert(fc.property(spacedSoup, parseOrExplain), { numRuns: 3000 });
  });

  it('parses a printed query back to the tree it was printed from', () => {
    const options = { enabledFilterFields: ['source', 'lang', 'org', 'person', 'place', 'topic'] as const };
    fc.assert(
      fc.property(queryArb, ({ node, text }) => {
        fc.pre(Array.from(text).length <= maxQueryLength && countLeaves(node) <= maxQueryTerms);
        assert.deepEqual(bare(parseQuery(text, options).root), node, text);
      }),
      { numRuns: 2000 },
    );
  });

  it('parses 1,000 characters of random tokens in under 50 ms', () => {
    const long = fc
      .array(fc.constantFrom(...fragments), { minLength: 400, maxLength: 400 })
      .chain((parts) => fc.constantFrom(parts.join(' '), parts.join('')))
      .map((text) => Array.from(text.repeat(4)).slice(0, maxQueryLength).join(''));
    const worst = fc.constantFrom(
      '('.repeat(1000),
      '"'.repeat(999),
      'a '.repeat(500),
      '-('.repeat(500),
      'a OR '.repeat(200),
    );
    fc.assert(
      fc.property(fc.oneof(long, worst), (input) => {
        const start = performance.now();
        parseOrExplain(input);
        const elapsed = performance.now() - start;
        assert.ok(elapsed < 50, `${elapsed.toFixed(1)} ms for ${JSON.stringify(input.slice(0, 40))}…`);
      }),
      { numRuns: 300 },
    );
  });
});

// ---- a generator of valid queries, each with the tree the parser must give back ----

/** A generated clause: the tree expected (without spans) and its printed text. */
interface Printed {
  node: Bare;
  text: string;
}

function countLeaves(node: Bare): number {
  if (Array.isArray(node.children))
    return (node.children as Bare[]).reduce((sum, child) => sum + countLeaves(child), 0);
  if (node.child) return countLeaves(node.child as Bare);
  return 1;
}

const pad = (n: number) => String(n).padStart(2, '0');
const word = fc
  .oneof(
    fc.constantFrom(
      'Tokayev',
      'ut-Tahrir',
      'U.S.',
      'al-Sham',
      'Токаев',
      'экстремизм',
      'O’Brien',
      '3.5',
      'or',
      'not',
    ),
    fc.constantFrom('İstanbul', '東京', 'Ωmega', 'naïve', 'x1'),
    fc.stringMatching(/^[a-zA-Z0-9а-яА-Я]{1,10}$/),
  )
  .filter((value) => !['OR', 'AND', 'NOT'].includes(value));
const quote = fc.constantFrom<[string, string]>(['"', '"'], ['“', '”']);

const term: fc.Arbitrary<Printed> = fc
  .record({ value: word, prefix: fc.boolean(), field: fc.constantFrom('', 'title', 'text', 'body', 'Title') })
  .map(({ value, prefix, field }) => {
    const column = field === '' ? undefined : field.toLowerCase() === 'title' ? 'title' : 'text';
    const node = { kind: 'term', value, prefix, ...(column && { column }) };
    return { node, text: `${field && `${field}:`}${value}${prefix ? '*' : ''}` };
  });
const phrase: fc.Arbitrary<Printed> = fc
  .record({
    words: fc.array(word, { minLength: 1, maxLength: 3 }),
    quote,
    field: fc.constantFrom('', 'title', 'body'),
  })
  .map(({ words, quote: [open, close], field }) => {
    const value = words.join(' ');
    const column = field === '' ? undefined : field === 'title' ? 'title' : 'text';
    return {
      node: { kind: 'phrase', value, ...(column && { column }) },
      text: `${field && `${field}:`}${open}${value}${close}`,
    };
  });
const filter: fc.Arbitrary<Printed> = fc.oneof(
  fc
    .record({
      field: fc.constantFrom('source', 'org', 'person'),
      value: word,
      prefix: fc.boolean(),
      quoted: fc.boolean(),
    })
    .map(({ field, value, prefix, quoted }) => {
      const starred = prefix && !quoted;
      const node = { kind: 'filter', field, value, prefix: starred };
      return { node, text: quoted ? `${field}:"${value}"` : `${field}:${value}${starred ? '*' : ''}` };
    }),
  fc.constantFrom('Times of Central Asia', 'RFE/RL', 'Kun.uz').map((value) => ({
    node: { kind: 'filter', field: 'source', value, prefix: false },
    text: `source:“${value}”`,
  })),
  fc.stringMatching(/^[a-z]{2,3}$/).map((value) => ({
    node: { kind: 'filter', field: 'lang', value, prefix: false },
    text: `LANG:${value.toUpperCase()}`,
  })),
);
const dateClause: fc.Arbitrary<Printed> = fc
  .record({
    field: fc.constantFrom('after', 'before', 'date'),
    year: fc.integer({ min: 1900, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 27 }),
    precision: fc.constantFrom('year', 'month', 'day'),
  })
  .map(({ field, year, month, day, precision }) => {
    const m = precision === 'year' ? 1 : month;
    const d = precision === 'day' ? day : 1;
    const from = `${year}-${pad(m)}-${pad(d)}`;
    let end = `${year + 1}-01-01`;
    if (precision === 'month' && m < 12) end = `${year}-${pad(m + 1)}-01`;
    if (precision === 'day') end = `${year}-${pad(m)}-${pad(d + 1)}`;
    const typed = precision === 'year' ? `${year}` : precision === 'month' ? from.slice(0, 7) : from;
    const range = field === 'after' ? { from } : field === 'before' ? { to: from } : { from, to: end };
    return { node: { kind: 'date', field, ...range }, text: `${field}:${typed}` };
  });

const orSeparator = fc.constantFrom(' OR ', ' | ', ' || ');
const andSeparator = fc.constantFrom(' ', ' AND ', '  ');
const wrap = (p: Printed) => (p.node.kind === 'and' || p.node.kind === 'or' ? `(${p.text})` : p.text);
const negate = (inner: fc.Arbitrary<Printed>): fc.Arbitrary<Printed> =>
  fc.tuple(inner, fc.constantFrom('-', 'NOT ')).map(([p, op]) => ({
    node: { kind: 'not', child: p.node },
    text: `${op}${op === '-' || p.node.kind === 'and' || p.node.kind === 'or' ? wrap(p) : p.text}`,
  }));
const andOf = (first: fc.Arbitrary<Printed>, rest: fc.Arbitrary<Printed>): fc.Arbitrary<Printed> =>
  fc.tuple(first, fc.array(rest, { minLength: 1, maxLength: 2 }), andSeparator).map(([head, tail, sep]) => ({
    node: { kind: 'and', children: [head, ...tail].map((p) => p.node) },
    // OR binds looser than AND, so an OR inside an AND needs its parentheses.
    text: [head, ...tail].map((p) => (p.node.kind === 'or' ? `(${p.text})` : p.text)).join(sep),
  }));
const orOf = (branch: fc.Arbitrary<Printed>): fc.Arbitrary<Printed> =>
  fc.tuple(fc.array(branch, { minLength: 2, maxLength: 3 }), orSeparator).map(([branches, sep]) => ({
    node: { kind: 'or', children: branches.map((p) => p.node) },
    // AND binds tighter than OR: its branches print without parentheses, testing the precedence.
    text: branches.map((p) => p.text).join(sep),
  }));

/** Valid clauses built from one kind of leaf: an OR never mixes text with filters. */
function clauses(
  leaf: fc.Arbitrary<Printed>,
  depth: number,
): { item: fc.Arbitrary<Printed>; any: fc.Arbitrary<Printed> } {
  if (depth === 0) return { item: leaf, any: leaf };
  const inner = clauses(leaf, depth - 1);
  // An AND that can be an OR branch: at least one positive child, the others may be negated.
  const and = andOf(inner.item, fc.oneof(inner.item, negate(inner.any)));
  const or = orOf(fc.oneof(leaf, and));
  return { item: fc.oneof(leaf, or), any: fc.oneof(leaf, or, and) };
}

const text = clauses(fc.oneof(term, phrase), 2);
const metadata = clauses(fc.oneof(filter, dateClause), 2);
const topItem = fc.oneof(text.item, metadata.item, negate(text.any), negate(metadata.any));
const queryArb: fc.Arbitrary<Printed> = fc.oneof(topItem, andOf(topItem, topItem));

/** Queries written back as text must parse back to what was meant: narrowing, dropping clauses, quoting. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../search/query-parser.ts';
import { caretLines } from './query-error-box.tsx';
import { dateClause, filterClause, narrowQuery, queryWithout, wordClause } from './query-text.ts';

describe('narrowQuery', () => {
  it('adds a clause to a query, a blank query becoming the clause alone', () => {
    assert.equal(narrowQuery(parseQuery('extremism'), 'lang:ru'), 'extremism lang:ru');
    assert.equal(narrowQuery(parseQuery('  '), 'date:2025'), 'date:2025');
  });

  it('puts an OR query in parentheses, so the filter applies to every alternative', () => {
    const narrowed = narrowQuery(parseQuery('court OR trial'), filterClause('source', 'Kabar Wire')!);
    assert.equal(narrowed, '(court OR trial) source:"Kabar Wire"');
    const root = parseQuery(narrowed).root;
    assert.equal(root?.kind, 'and');
  });

  it('quotes source names with spaces and refuses values that cannot be quoted', () => {
    assert.equal(filterClause('source', 'Times of Central Asia'), 'source:"Times of Central Asia"');
    assert.equal(filterClause('source', 'The "Real" News'), null);
    assert.equal(filterClause('lang', 'ru'), 'lang:ru');
    assert.equal(dateClause('2025-05'), 'date:2025-05');
    for (const clause of [
      'source:"Times of Central Asia"',
      'source:"a:b (c) OR -d"',
      'lang:ru',
      'date:2025-05',
    ]) {
      const root = parseQuery(clause).root;
      assert.ok(root?.kind === 'filter' || root?.kind === 'date', clause);
    }
  });

  it('writes a top word as a bare word, or as a phrase when it holds other characters', () => {
    assert.equal(wordClause('Tokayev'), 'Tokayev');
    assert.equal(wordClause('ut-Tahrir'), '"ut-Tahrir"');
    assert.equal(wordClause('a"b'), null);
  });
});

describe('queryWithout', () => {
  it('drops one top-level clause and keeps the others as they parse', () => {
    const query = parseQuery(
      'title:court "hizb ut-tahrir" -trial source:"Kabar Wire" lang:ru after:2024-05 (a OR b) pre*',
    );
    const dropped = [0, 1, 2, 3, 4, 5, 6, 7].map((index) => queryWithout(query, index));
    assert.equal(dropped[3], 'title:court "hizb ut-tahrir" -trial lang:ru after:2024-05 (a OR b) pre*');
    assert.equal(
      dropped[6],
      'title:court "hizb ut-tahrir" -trial source:"Kabar Wire" lang:ru after:2024-05 pre*',
    );
    for (const q of dropped) assert.doesNotThrow(() => parseQuery(q), q);
  });

  it('gives the blank query when the only clause is dropped', () => {
    assert.equal(queryWithout(parseQuery('source:"Kabar Wire"'), 0), '');
  });
});

describe('caretLines', () => {
  it('puts the caret under the column, over the length, counting code points', () => {
    assert.deepEqual(caretLines('a (b', 3), ['a (b', '  ^']);
    assert.deepEqual(caretLines('𝔸 foo:bar', 3, 4), ['𝔸 foo:bar', '  ^^^^']);
  });

  it('shows control characters as spaces and keeps the caret inside the line', () => {
    assert.deepEqual(caretLines('a\tb\u0000c', 2), ['a b c', ' ^']);
    assert.deepEqual(caretLines('abc', 99, 5), ['abc', '   ^']);
  });
});

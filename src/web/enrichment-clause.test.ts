/** Enrichment clauses written by the desk parse back to a filter on the very value they were written for. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FilterNode } from '../search/query-ast.ts';
import { parseQuery } from '../search/query-parser.ts';
import { enrichmentClause, entityClause, entityField, entityHref } from './enrichment-clause.ts';
import { narrowQuery } from './query-text.ts';

function onlyFilter(text: string): FilterNode {
  const root = parseQuery(text).root;
  assert.equal(root?.kind, 'filter', `${text} parses to one filter`);
  return root as FilterNode;
}

describe('enrichmentClause', () => {
  it('writes slugs and simple values bare, and they parse back whole', () => {
    assert.equal(enrichmentClause('org', 'hizb-ut-tahrir'), 'org:hizb-ut-tahrir');
    assert.equal(enrichmentClause('topic', 'foreign-fighters'), 'topic:foreign-fighters');
    for (const [field, value] of [
      ['org', 'hizb-ut-tahrir'],
      ['place', 'kg-jalal-abad-region'],
      ['event', 'arrest'],
      ['person', 'Токаев'],
    ] as const) {
      const node = onlyFilter(enrichmentClause(field, value)!);
      assert.deepEqual([node.field, node.value, node.prefix], [field, value, false]);
    }
  });

  it('quotes values with spaces, signs or a trailing star, and refuses quotes and blanks', () => {
    assert.equal(enrichmentClause('org', 'Hizb ut-Tahrir'), 'org:"Hizb ut-Tahrir"');
    for (const value of ['Hizb ut-Tahrir', 'a:b (c) | d', 'isis*', '-lead', 'x.']) {
      const node = onlyFilter(enrichmentClause('org', value)!);
      assert.equal(node.value, value);
      assert.equal(node.prefix, false, `${value} is not read as a prefix`);
    }
    assert.equal(enrichmentClause('org', 'The "Real" Front'), null);
    assert.equal(enrichmentClause('topic', '  '), null);
  });

  it('narrows any query, OR queries in parentheses, by the entity of a facet', () => {
    const clause = entityClause({ slug: 'islamic-state', type: 'organisation' })!;
    assert.equal(clause, 'org:islamic-state');
    assert.equal(narrowQuery(parseQuery('Osh OR Batken'), clause), '(Osh OR Batken) org:islamic-state');
    assert.equal(parseQuery(narrowQuery(parseQuery('Osh OR Batken'), clause)).root?.kind, 'and');
  });

  it('maps entity types to their fields and slugs to page links', () => {
    assert.deepEqual((['person', 'organisation', 'place'] as const).map(entityField), [
      'person',
      'org',
      'place',
    ]);
    assert.equal(entityHref('kg-osh'), '/entities/kg-osh');
    assert.equal(entityHref('a/b?c'), '/entities/a%2Fb%3Fc');
  });
});

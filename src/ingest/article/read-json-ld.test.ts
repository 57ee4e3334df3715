import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { firstString, maxJsonLdLength, readJsonLdArticles } from './read-json-ld.ts';

function documentWith(...blocks: string[]): Document {
  const scripts = blocks.map((block) => `<script type="application/ld+json">${block}</script>`).join('');
  return parseHTML(`<html><head>${scripts}</head><body></body></html>`).document as unknown as Document;
}

describe('readJsonLdArticles', () => {
  it('finds Article subtypes at the top, in arrays, in @graph and under mainEntity', () => {
    const document = documentWith(
      '{"@type":"NewsArticle","headline":"top"}',
      '[{"@type":"Organization"},{"@type":["BlogPosting"],"headline":"array"}]',
      '{"@graph":[{"@type":"WebPage","mainEntity":{"@type":"ReportageNewsArticle","headline":"main"}}]}',
      '{"@type":"http://schema.org/Article","headline":"full iri"}',
    );
    assert.deepEqual(
      readJsonLdArticles(document).map((article) => article.headline),
      ['top', 'array', 'main', 'full iri'],
    );
  });

  it('skips blocks that do not parse and reads the ones that do', () => {
    const document = documentWith('{"@type":"NewsArticle",', '{"@type":"Article","headline":"ok"}');
    assert.deepEqual(
      readJsonLdArticles(document).map((article) => article.headline),
      ['ok'],
    );
  });

  it('reads blocks wrapped in CDATA or HTML comment markers', () => {
    const document = documentWith(
      '<![CDATA[ {"@type":"Article","headline":"cdata"} ]]>',
      '<!-- {"@type":"Article","headline":"comment"} -->',
    );
    assert.deepEqual(
      readJsonLdArticles(document).map((article) => article.headline),
      ['cdata', 'comment'],
    );
  });

  it('ignores other script types and non-article objects', () => {
    const { document } = parseHTML(
      '<html><head><script>{"@type":"Article"}</script><script type="application/ld+json">{"@type":"Person"}</script></head></html>',
    );
    assert.deepEqual(readJsonLdArticles(document as unknown as Document), []);
  });

  it('stays bounded on hostile shapes: deep nesting, a 50,000-entry array, a block over the size limit', () => {
    const deep = `${'{"@graph":'.repeat(5_000)}{"@type":"Article"}${'}'.repeat(5_000)}`;
    const wide = `[${'{"@type":"Thing"},'.repeat(50_000)}{"@type":"Article"}]`;
    const huge = `{"@type":"Article","headline":"${'x'.repeat(maxJsonLdLength)}"}`;
    const started = performance.now();
    // The article objects lie past the depth and visit bounds, so the bounded walk never reaches them.
    assert.deepEqual(readJsonLdArticles(documentWith(deep)), []);
    assert.deepEqual(readJsonLdArticles(documentWith(wide)), []);
    assert.deepEqual(readJsonLdArticles(documentWith(huge)), []);
    assert.ok(performance.now() - started < 5_000);
  });
});

describe('firstString', () => {
  it('takes a string, or the first string of an array', () => {
    assert.equal(firstString('a'), 'a');
    assert.equal(firstString([1, 'b', 'c']), 'b');
    assert.equal(firstString({ value: 'x' }), undefined);
  });
});

/** The machine-readable views of a search (Atom, CSV, JSON Lines, OpenSearch) and the OpenAPI document. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validate } from '@readme/openapi-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseAtomFeed } from 'feedsmith';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

const hostile = {
  url: 'https://outlet.example/hostile',
  source: 'Hostile <Outlet>',
  title: '<script>alert("title")</script> Extremist leaflets & more',
  language: 'en',
  publishedAt: '2025-06-02T10:00:00Z',
  text: 'Extremist leaflets <img src=x onerror=alert(1)> were seized. ]]> <![CDATA[ javascript:alert(2)',
};

async function get(base: string, path: string) {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('API: feeds, exports, OpenAPI', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer([...loadSampleArticles(), hostile]);
  });
  after(() => server.stop());

  it('serves a search as valid Atom, newest first, with hostile text as text', async () => {
    const { status, headers, text } = await get(server.url, '/search.atom?q=extremist');
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /^application\/atom\+xml/);
    const feed = parseAtomFeed(text);
    assert.ok(feed.id && feed.title && feed.updated, 'feed has id, title, updated');
    const entries = feed.entries ?? [];
    const total = (await getJson(server.url, '/api/v1/search?q=extremist&facets=false&timeline=false')).body
      .total;
    assert.equal(entries.length, total);
    assert.equal(new Set(entries.map((entry) => entry.id)).size, entries.length, 'entry ids are unique');
    for (const entry of entries) assert.ok(entry.id && entry.title && entry.updated);
    const published = entries.map((entry) => entry.published ?? '');
    assert.deepEqual(published, [...published].sort().reverse());
    assert.ok(!text.includes('<script'), 'no live script element in the feed');
    assert.ok(!text.includes('<img'), 'no live img element in the feed');
    assert.ok(text.includes('&#60;script&#62;'), 'the headline kept its words, escaped');
  });

  it('streams every match as CSV and as JSON Lines, and a bad query is a 400 before any byte', async () => {
    const total = (await getJson(server.url, '/api/v1/search?q=court&facets=false&timeline=false')).body
      .total;
    const csv = await get(server.url, '/search.csv?q=court');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="wirewatch-search.csv"/);
    const rows = parseCsv(csv.text, { columns: true }) as Array<Record<string, string>>;
    assert.equal(rows.length, total);
    assert.ok(rows.every((row) => /court/i.test(`${row.title} ${row.text}`)));
    const jsonl = await get(server.url, '/search.jsonl?q=court&sort=oldest');
    const lines = jsonl.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { published_at: string });
    assert.equal(lines.length, total);
    const dates = lines.map((line) => line.published_at);
    assert.deepEqual(dates, [...dates].sort());
    const bad = await get(server.url, '/search.csv?q=(court');
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal((JSON.parse(bad.text) as { code: string }).code, 'QUERY_UNBALANCED_PARENS');
  });

  it('describes itself to browsers with OpenSearch', async () => {
    const { status, text } = await get(server.url, '/opensearch.xml');
    assert.equal(status, 200);
    assert.ok(text.includes(`template="${server.url}/search?q={searchTerms}`));
  });

  it('publishes an OpenAPI 3.1 document that validates and documents every API route', async () => {
    const { status, text } = await get(server.url, '/api/openapi.json');
    assert.equal(status, 200);
    const document = JSON.parse(text) as {
      openapi: string;
      paths: Record<string, unknown>;
      security: unknown;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    assert.equal(document.openapi, '3.1.0');
    assert.equal(document.components.securitySchemes.bearer?.scheme, 'bearer');
    assert.deepEqual(document.security, [{ bearer: [] }]);
    const result = (await validate(structuredClone(document) as never)) as {
      valid: boolean;
      errors?: unknown;
    };
    assert.equal(result.valid, true, JSON.stringify(result.errors ?? [], null, 1).slice(0, 2000));
    for (const path of [
      '/api/v1/search',
      '/api/v1/articles/{id}',
      '/api/v1/articles',
      '/api/v1/sources',
      '/api/v1/stats',
      '/search.atom',
      '/search.csv',
      '/search.jsonl',
    ]) {
      assert.ok(path in document.paths, `${path} is documented`);
    }
    assert.ok(!('/search' in document.paths), 'pages are not part of the API document');
    const docs = await get(server.url, '/api/docs');
    assert.equal(docs.status, 200);
    assert.ok(
      !/https?:\/\/(?!127\.0\.0\.1)/.test(docs.text.replace(/xmlns[^ ]+/g, '')),
      'docs page loads nothing from elsewhere',
    );
  });
});

/** The article, source and stats endpoints over HTTP: reading, validated writes, bad bodies. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

async function post(server: TestServer, body: string, type = 'application/json') {
  const response = await fetch(`${server.url}/api/v1/articles`, {
    method: 'POST',
    headers: { 'content-type': type, ...server.writeHeaders },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: (await response.json()) as Record<string, unknown>,
  };
}

const fresh = {
  url: 'https://outlet.example/2025/06/01/new-arrests',
  source: 'Outlet Example',
  title: 'Three detained in Osh over recruitment',
  published_at: '2025-06-01T08:00:00Z',
  language: 'en',
  text: 'Security services in Osh detained three men accused of recruiting for a banned group.',
};

describe('API: articles, sources, stats', () => {
  let server: TestServer;
  let sampleCount: number;
  before(async () => {
    const sample = loadSampleArticles();
    sampleCount = sample.length;
    server = await startTestServer(sample);
  });
  after(() => server.stop());

  it('reads an article in full, 404s an unknown id and 400s a non-number', async () => {
    const ok = await getJson(server.url, '/api/v1/articles/1');
    assert.equal(ok.status, 200);
    const stored = await server.store.getArticle(1);
    assert.equal(ok.body.title, stored?.title);
    assert.equal(ok.body.text, stored?.text);
    assert.deepEqual(ok.body.links, { html: '/articles/1' });
    const missing = await getJson(server.url, '/api/v1/articles/999999');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'ARTICLE_NOT_FOUND');
    assert.match(missing.type, /problem\+json/);
    const bad = await getJson(server.url, '/api/v1/articles/abc');
    assert.equal(bad.status, 400);
    assert.equal((bad.body.errors as Array<{ in: string; pointer: string }>)[0]?.in, 'path');
  });

  it('adds one article, then reports the same one again as a duplicate, and finds it', async () => {
    const first = await post(server, JSON.stringify(fresh));
    assert.equal(first.status, 201);
    assert.equal(first.body.inserted, 1);
    const id = (first.body.results as Array<{ id: number; status: string }>)[0]!.id;
    // The same article, its URL dressed with tracking parameters: same canonical URL.
    const again = await post(server, JSON.stringify({ ...fresh, url: `${fresh.url}/?utm_source=x` }));
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.results, [{ index: 0, status: 'duplicate', id, duplicate_by: 'url' }]);
    const found = await getJson(server.url, '/api/v1/search?q=recruiting+Osh&facets=false&timeline=false');
    assert.deepEqual(
      (found.body.results as Array<{ id: number }>).map((hit) => hit.id),
      [id],
    );
  });

  it('refuses a whole batch with one bad article, names it, and writes nothing', async () => {
    const before = (await server.store.stats()).articleCount;
    const batch = [
      { ...fresh, url: 'https://outlet.example/a', title: 'Batch one' },
      { ...fresh, url: 'https://outlet.example/b', title: 'Batch two', published_at: 'last Tuesday' },
      { ...fresh, url: 'https://outlet.example/c', title: '' },
    ];
    const result = await post(server, JSON.stringify(batch));
    assert.equal(result.status, 422);
    assert.equal(result.body.code, 'ARTICLE_INVALID');
    const errors = result.body.errors as Array<{ pointer: string; message: string }>;
    assert.deepEqual(
      errors.map((error) => error.pointer),
      ['/1/published_at', '/2/title'],
    );
    assert.match(errors[0]!.message, /last Tuesday/);
    assert.equal((await server.store.stats()).articleCount, before);
  });

  it('answers malformed, wrongly typed, unknown-type and oversized bodies with problems', async () => {
    const broken = await post(server, '{"title": ');
    assert.equal(broken.status, 400);
    assert.match(broken.type, /problem\+json/);
    const typed = await post(server, JSON.stringify({ ...fresh, title: 42 }));
    assert.equal(typed.status, 400);
    assert.ok(
      (typed.body.errors as Array<{ pointer: string }>).some((error) => error.pointer.endsWith('title')),
    );
    const xml = await post(server, '<article/>', 'application/xml');
    assert.equal(xml.status, 415);
    const empty = await post(server, '[]');
    assert.equal(empty.status, 400);
    const huge = await post(server, JSON.stringify({ ...fresh, text: 'x'.repeat(17 * 1024 * 1024) }));
    assert.equal(huge.status, 413);
    assert.equal(huge.body.code, 'REQUEST_TOO_LARGE');
  });

  it('lists sources with counts and summarises the archive', async () => {
    const sources = await getJson(server.url, '/api/v1/sources');
    const list = sources.body.sources as Array<{ name: string; article_count: number }>;
    const stored = await server.store.listSources();
    assert.equal(list.length, stored.length);
    assert.equal(
      list.reduce((sum, source) => sum + source.article_count, 0),
      (await server.store.stats()).articleCount,
    );
    const stats = await getJson(server.url, '/api/v1/stats');
    assert.equal(stats.status, 200);
    assert.ok((stats.body.article_count as number) >= sampleCount);
    assert.equal(stats.body.store, 'sqlite');
  });
});

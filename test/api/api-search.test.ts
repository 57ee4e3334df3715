/** GET /api/v1/search over HTTP against a real server and SQLite file. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseQuery } from '../../src/search/query-parser.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

interface Hit {
  id: number;
  title: string;
  snippet: string;
  score: number | null;
  highlights: { title: Array<[number, number]>; snippet: Array<[number, number]> };
}
interface Count {
  value: string;
  count: number;
}

describe('API: search', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(loadSampleArticles());
  });
  after(() => server.stop());

  it('answers with the exact total, highlighted hits, facets and a timeline that add up', async () => {
    const { status, type, body } = await getJson(server.url, '/api/v1/search?q=extremist&per_page=3');
    assert.equal(status, 200);
    assert.match(type, /^application\/json/);
    const expected = await server.store.search({
      query: parseQuery('extremist'),
      sort: 'relevance',
      page: 1,
      perPage: 100,
    });
    assert.ok(expected.total > 3, 'the sample has more than one page of "extremist"');
    assert.equal(body.total, expected.total);
    assert.equal(body.sort, 'relevance');
    assert.equal(body.pages, Math.ceil(expected.total / 3));
    const hits = body.results as Hit[];
    assert.equal(hits.length, 3);
    assert.deepEqual(
      hits.map((hit) => hit.id),
      expected.hits.slice(0, 3).map((hit) => hit.article.id),
    );
    for (const hit of hits) {
      assert.ok(hit.score !== null && hit.score > 0);
      const marked = [...hit.highlights.snippet, ...hit.highlights.title];
      assert.ok(marked.length > 0, `hit ${hit.id} has highlights`);
      for (const [start, end] of hit.highlights.snippet) {
        assert.match(hit.snippet.slice(start, end).toLowerCase(), /^extremis/);
      }
    }
    const facets = body.facets as { sources: Count[]; years: Count[]; undated: number };
    const sum = (counts: Count[]) => counts.reduce((total, facet) => total + facet.count, 0);
    assert.equal(sum(facets.sources), expected.total);
    assert.equal(sum(facets.years) + facets.undated, expected.total);
    const timeline = body.timeline as { interval: string; buckets: Array<{ count: number; share: number }> };
    assert.equal(
      sum(timeline.buckets.map((b) => ({ value: '', count: b.count }))),
      expected.total - facets.undated,
    );
    for (const bucket of timeline.buckets) assert.ok(bucket.share >= 0 && bucket.share <= 1);
  });

  it('pages on: page 2 starts where page 1 ended, and date order is newest first', async () => {
    const one = await getJson(
      server.url,
      '/api/v1/search?q=&sort=date&per_page=5&facets=false&timeline=false',
    );
    const two = await getJson(
      server.url,
      '/api/v1/search?q=&sort=date&per_page=5&page=2&facets=false&timeline=false',
    );
    assert.equal(one.body.facets, null);
    assert.equal(one.body.timeline, null);
    assert.equal(two.body.first, 6);
    const dates = [
      ...(one.body.results as Array<{ published_at: string }>),
      ...(two.body.results as Array<{ published_at: string }>),
    ].map((hit) => hit.published_at);
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  it('a malformed query is a 400 problem document naming the column', async () => {
    const { status, type, body } = await getJson(
      server.url,
      `/api/v1/search?q=${encodeURIComponent('"Hizb ut')}`,
    );
    assert.equal(status, 400);
    assert.match(type, /^application\/problem\+json/);
    assert.equal(body.code, 'QUERY_UNCLOSED_PHRASE');
    assert.equal(body.status, 400);
    assert.equal(body.instance, '/api/v1/search');
    assert.deepEqual(body.location, { column: 1, length: 8 });
  });

  it('a bad parameter is a 400 naming the field', async () => {
    const { status, body } = await getJson(server.url, '/api/v1/search?q=court&per_page=1000');
    assert.equal(status, 400);
    assert.equal(body.code, 'REQUEST_INVALID');
    const errors = body.errors as Array<{ in: string; pointer: string; message: string }>;
    assert.equal(errors[0]?.in, 'query');
    assert.equal(errors[0]?.pointer, '/per_page');
    assert.match(String(body.detail), /per_page/);
    const sort = await getJson(server.url, '/api/v1/search?q=court&sort=popular');
    assert.equal(sort.status, 400);
    assert.equal((sort.body.errors as Array<{ pointer: string }>)[0]?.pointer, '/sort');
  });

  it('a page past the deepest allowed offset is refused, not answered with an empty page', async () => {
    const { status, body } = await getJson(server.url, '/api/v1/search?q=court&page=20000&per_page=10');
    assert.equal(status, 400);
    assert.equal(body.code, 'SEARCH_PAGE_TOO_DEEP');
  });

  it('walks every page by the `next` token, in the same order as the numbered pages', async () => {
    const cases: Array<[string, string]> = [
      ['', 'newest'],
      ['', 'oldest'],
      ['extremist', 'date'],
      ['extremist', 'relevance'],
    ];
    for (const [q, sort] of cases) {
      const params = (extra: Record<string, string>) =>
        new URLSearchParams({ q, sort, per_page: '3', facets: 'false', timeline: 'false', ...extra });
      const everything = await getJson(server.url, `/api/v1/search?${params({ per_page: '100' })}`);
      const expected = (everything.body.results as Hit[]).map((hit) => hit.id);
      assert.equal(everything.body.next, null);
      const walked: number[] = [];
      let path = `/api/v1/search?${params({})}`;
      for (let page = 1; ; page++) {
        const { status, body } = await getJson(server.url, path);
        assert.equal(status, 200, JSON.stringify(body));
        assert.equal(body.page, page, `${q} ${sort}: the token numbers the page`);
        assert.equal(body.first, (page - 1) * 3 + 1);
        walked.push(...(body.results as Hit[]).map((hit) => hit.id));
        if (body.next === null) break;
        assert.match(body.next as string, /^[A-Za-z0-9_-]+$/);
        path = `/api/v1/search?${params({ after: body.next as string })}`;
      }
      assert.deepEqual(walked, expected, `${q} ${sort}`);
      assert.ok(walked.length > 3);
    }
  });

  it('a garbled, tampered or mismatched `after` token is a 400 SEARCH_BAD_CURSOR', async () => {
    const first = await getJson(server.url, '/api/v1/search?q=&sort=newest&per_page=2');
    const token = first.body.next as string;
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const tampered = (change: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ ...decoded, ...change })).toString('base64url');
    for (const [after, sort] of [
      ['not-a-cursor', 'newest'],
      ['!!!', 'newest'],
      [tampered({ d: "2024' OR 1=1" }), 'newest'],
      [tampered({ i: -4 }), 'newest'],
      [tampered({ v: 99 }), 'newest'],
      [Buffer.from('[1,2]').toString('base64url'), 'newest'],
      [token, 'oldest'],
    ]) {
      const { status, type, body } = await getJson(
        server.url,
        `/api/v1/search?${new URLSearchParams({ q: '', sort: sort!, per_page: '2', after: after! })}`,
      );
      assert.equal(status, 400, `${after} ${sort}`);
      assert.match(type, /^application\/problem\+json/);
      assert.equal(body.code, 'SEARCH_BAD_CURSOR', JSON.stringify(body));
    }
  });
});

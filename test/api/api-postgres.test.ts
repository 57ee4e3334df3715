/**
 * The server in server mode: the same API and pages over a real PostgreSQL archive, checked against
 * what the same requests answer over SQLite, so a team's shared desk behaves like the embedded one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { testDatabases } from '../support/test-postgres.ts';
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

const databases = await testDatabases();

interface Page {
  total: number;
  results: Array<{ id: number; title: string; highlights: { snippet: unknown[] } }>;
  facets: { sources: Array<{ value: string; count: number }>; undated: number };
  timeline: { buckets: Array<{ period: string; count: number; archive_count: number }> };
}

describe('API on PostgreSQL', { skip: databases.skip }, () => {
  let postgres: TestServer;
  let sqlite: TestServer;
  before(async () => {
    const store = await openPostgresStore({ url: await databases.create() });
    postgres = await startTestServer(loadSampleArticles(), { store });
    sqlite = await startTestServer(loadSampleArticles());
  });
  after(async () => {
    await postgres?.stop();
    await sqlite?.stop();
  });

  for (const q of [
    'extremist',
    '"National Security Committee"',
    'court -Almaty',
    'source:"Steppe Herald"',
    '',
  ]) {
    it(`answers ${JSON.stringify(q)} with the same totals, facets and timeline as SQLite`, async () => {
      const path = `/api/v1/search?q=${encodeURIComponent(q)}&sort=date&per_page=20&interval=month`;
      const [fromPostgres, fromSqlite] = await Promise.all([
        getJson(postgres.url, path),
        getJson(sqlite.url, path),
      ]);
      assert.equal(fromPostgres.status, 200);
      const a = fromPostgres.body as unknown as Page;
      const b = fromSqlite.body as unknown as Page;
      assert.equal(a.total, b.total);
      assert.deepEqual(
        a.results.map((hit) => hit.title),
        b.results.map((hit) => hit.title),
      );
      assert.deepEqual(a.facets, b.facets);
      assert.deepEqual(a.timeline, b.timeline);
      if (q !== '' && !q.startsWith('source:')) {
        assert.ok(
          a.results.every((hit) => hit.highlights.snippet.length > 0),
          'every hit is highlighted',
        );
      }
    });
  }

  it('serves the results page, the article page and a POSTed article', async () => {
    const page = await fetch(`${postgres.url}/search?q=extremist`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(page.status, 200);
    const total = ((await getJson(postgres.url, '/api/v1/search?q=extremist')).body as unknown as Page).total;
    assert.match(await page.text(), new RegExp(`Viewing results 1 - ${Math.min(10, total)} of ${total}`));
    const posted = await fetch(`${postgres.url}/api/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...postgres.writeHeaders },
      body: JSON.stringify({
        url: 'https://outlet.example/pg',
        source: 'Outlet Example',
        title: 'Posted to the shared archive',
        text: 'A shared archive on PostgreSQL takes articles over the API.',
      }),
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(posted.status, 201);
    const id = ((await posted.json()) as { results: Array<{ id: number }> }).results[0]!.id;
    const article = await fetch(`${postgres.url}/articles/${id}`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(article.status, 200);
    assert.match(await article.text(), /Posted to the shared archive/);
  });
});

/**
 * The same story from several outlets, over HTTP: five outlets' copies of one invented wire story
 * (test/fixtures/clusters) and a different story on the same topic, placed into clusters, then seen
 * as a user sees them: one row with "and 4 more outlets" on the results page, the cluster in the
 * API's hits, and the other copies listed on the article page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { placeUnplacedArticles } from '../../src/ingest/cluster/place-articles.ts';
import { readFixtureArticles } from '../ingest/cluster/cluster-stream.ts';
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

interface Hit {
  id: number;
  source: string;
  cluster: { id: number; articles: number; sources: number } | null;
}

describe('the same story from several outlets', () => {
  let server: TestServer;
  const fixtures = readFixtureArticles();
  const story = fixtures.filter((article) => article.cluster === 'osh-gknb-raid');
  const other = fixtures.find(
    (article) => article.topic === 'osh-arrests' && article.cluster !== 'osh-gknb-raid',
  )!;
  before(async () => {
    assert.equal(story.length, 5);
    assert.ok(other, 'the fixtures have a different story on the same topic');
    server = await startTestServer(
      [...story, other].map((article, i) => ({
        source: article.source,
        title: article.title,
        text: article.text,
        url: `https://outlets.example/${i}`,
        publishedAt: `2025-05-0${i + 1}T08:00:00Z`,
      })),
    );
    await placeUnplacedArticles(server.store);
  });
  after(() => server.stop());

  it('marks each copy with its cluster in the API, and leaves the other story alone', async () => {
    const { status, body } = await getJson(
      server.url,
      '/api/v1/search?q=Osh&per_page=20&facets=false&timeline=false',
    );
    assert.equal(status, 200);
    const hits = body.results as Hit[];
    assert.equal(hits.length, 6, 'the API lists every article');
    const copies = hits.filter(
      (hit) => story.some((article) => article.source === hit.source) && hit.cluster,
    );
    assert.equal(copies.length, 5);
    assert.equal(new Set(copies.map((hit) => hit.cluster!.id)).size, 1);
    assert.deepEqual(copies[0]!.cluster && { ...copies[0]!.cluster, id: 0 }, {
      id: 0,
      articles: 5,
      sources: 5,
    });
    assert.equal(hits.filter((hit) => hit.cluster === null).length, 1, 'the other story is alone');
  });

  it('shows one row for the story with "and 4 more outlets" on the results page', async () => {
    const response = await fetch(`${server.url}/search?q=Osh`, { signal: AbortSignal.timeout(10_000) });
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(html, /Viewing results 1 - 6 of 6/, 'the count is of articles');
    const rows = html.match(/<li class="hit"/g) ?? [];
    assert.equal(rows.length, 2, 'one row for the story, one for the other');
    const more =
      /<p class="hit-cluster"><a href="\/articles\/(\d+)#same-story">and 4 more outlets<\/a> carried this story<\/p>/.exec(
        html,
      );
    assert.ok(more, 'the story row says how many more outlets carried it');

    const page = await fetch(`${server.url}/articles/${more[1]}`, { signal: AbortSignal.timeout(10_000) });
    const article = await page.text();
    assert.match(article, /<section class="same-story" id="same-story"/);
    const listed = article.slice(article.indexOf('id="same-story"'), article.indexOf('id="similar-heading"'));
    const sources = story.map((copy) => copy.source);
    assert.equal((listed.match(/<li class="similar">/g) ?? []).length, 4, 'the four other copies');
    const ownSource = /<a class="article-source"[^>]*>([^<]+)<\/a>/.exec(article)?.[1];
    assert.ok(ownSource && sources.includes(ownSource));
    for (const source of sources.filter((s) => s !== ownSource)) {
      assert.ok(listed.includes(`· ${source} ·`), `${source} is listed as the same story`);
    }
    const likeThis = article.slice(article.indexOf('id="similar-heading"'));
    const copyIds = [...listed.matchAll(/href="\/articles\/(\d+)"/g)].map((m) => m[1]);
    assert.equal(copyIds.length, 4);
    for (const id of copyIds)
      assert.ok(!likeThis.includes(`href="/articles/${id}"`), 'copies are not "more like this"');
    assert.match(likeThis, /<li class="similar">/, 'the other story still is');
  });
});
